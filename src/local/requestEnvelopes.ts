import { createHash } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';

/** The Amazon Pay permission as a test shopper has it. */
export type ConsentStatus = 'GRANTED' | 'DENIED' | 'missing';

/** Who is talking, from which device and skill: the parts of an envelope that stay the same. */
export type EnvelopeContext = {
  readonly skillId: string;
  readonly userId: string;
  readonly locale: string;
  readonly consent: ConsentStatus;
  readonly apiEndpoint?: string;
  /**
   * The Alexa API access token; by default one per user id, so that the local Buyer API stand-in
   * gives each simulated shopper a buyer id of their own.
   */
  readonly apiAccessToken?: string;
  readonly sessionId?: string;
};

/** The local access token of a user id: stable, and not the user id itself. */
export function localApiAccessToken(userId: string): string {
  return `local-api-access-token-${createHash('sha256').update(userId).digest('hex').slice(0, 16)}`;
}

let sequence = 0;

function nextId(kind: 'request' | 'session'): string {
  sequence += 1;
  return `amzn1.echo-api.${kind}.local-${String(sequence).padStart(8, '0')}`;
}

function permissions(consent: ConsentStatus): Record<string, unknown> {
  return consent === 'missing'
    ? { consentToken: 'local-consent-token' }
    : {
        consentToken: 'local-consent-token',
        scopes: { 'payments:autopay_consent': { status: consent } },
      };
}

/**
 * Builds a request envelope of the real shape around a `request` object.
 *
 * `session.new` and the attributes are the caller's: a Connections.Response comes as a new session
 * with no attributes, as Alexa sends it.
 */
export function buildRequestEnvelope(
  context: EnvelopeContext,
  request: Record<string, unknown>,
  session: { readonly new: boolean; readonly attributes?: Record<string, unknown> },
): RequestEnvelope {
  const user = { userId: context.userId, permissions: permissions(context.consent) };
  const application = { applicationId: context.skillId };
  const envelope = {
    version: '1.0',
    session: {
      new: session.new,
      sessionId: context.sessionId ?? nextId('session'),
      application,
      attributes: session.attributes ?? {},
      user,
    },
    context: {
      System: {
        application,
        user,
        device: { deviceId: 'amzn1.ask.device.LOCAL', supportedInterfaces: {} },
        apiEndpoint: context.apiEndpoint ?? 'https://api.amazonalexa.com',
        apiAccessToken: context.apiAccessToken ?? localApiAccessToken(context.userId),
      },
    },
    request: {
      requestId: nextId('request'),
      timestamp: new Date().toISOString(),
      locale: context.locale,
      ...request,
    },
  };
  return envelope as unknown as RequestEnvelope;
}

/** The `request` of a LaunchRequest. */
export function launchRequest(): Record<string, unknown> {
  return { type: 'LaunchRequest' };
}

/** The `request` of an IntentRequest with the given slot values (absent values are left out). */
export function intentRequest(
  name: string,
  slots: Readonly<Record<string, string | undefined>> = {},
): Record<string, unknown> {
  const slotEntries: Array<[string, Record<string, string>]> = Object.entries(slots).map(
    ([slot, value]) => [
      slot,
      { name: slot, confirmationStatus: 'NONE', ...(value !== undefined && { value }) },
    ],
  );
  return {
    type: 'IntentRequest',
    dialogState: 'COMPLETED',
    intent: { name, confirmationStatus: 'NONE', slots: Object.fromEntries(slotEntries) },
  };
}

/** The `request` of a SessionEndedRequest. */
export function sessionEndedRequest(reason = 'USER_INITIATED'): Record<string, unknown> {
  return { type: 'SessionEndedRequest', reason };
}
