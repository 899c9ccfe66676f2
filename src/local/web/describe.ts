import { isRecord, readField, readString } from '../../amazonpay/readUnknown';
import type { SimulatorBehaviour } from '../simulator/AmazonPaySimulator';

/** Alexa's limit on the size of a response envelope: 24 kilobytes. */
export const RESPONSE_SIZE_LIMIT_BYTES = 24 * 1024;

/** A card as the Alexa app would show it. */
export type CardView = {
  readonly type: string;
  readonly title?: string;
  /** The body: `content` of a Simple card, `text` of a Standard card. */
  readonly body?: string;
  readonly imageUrl?: string;
  /** The permissions an AskForPermissionsConsent card asks for. */
  readonly permissions?: ReadonlyArray<string>;
};

/** A directive of a response, summed up. */
export type DirectiveView = {
  readonly type: string;
  readonly name?: string;
  readonly token?: string;
  readonly summary: string;
  /** True for a Connections.SendRequest (Amazon Pay). */
  readonly connections: boolean;
};

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

/**
 * Renders SSML as the words Alexa says: tags removed (breaks and paragraphs as blanks, audio as
 * "[audio]"), entities decoded, blanks collapsed.
 */
export function ssmlToPlainText(ssml: string): string {
  return ssml
    .replace(/<audio\b[^>]*>/gi, ' [audio] ')
    .replace(/<\/?(break|p|s)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads an `outputSpeech` object: the plain words and, for SSML, the raw markup. */
export function readSpeech(
  outputSpeech: unknown,
): { readonly text: string; readonly ssml?: string } | undefined {
  const ssml = readString(outputSpeech, 'ssml');
  if (ssml !== undefined) return { text: ssmlToPlainText(ssml), ssml };
  const text = readString(outputSpeech, 'text');
  return text === undefined ? undefined : { text };
}

/** Reads the card of a response, or undefined when it has none. */
export function readCard(card: unknown): CardView | undefined {
  const type = readString(card, 'type');
  if (type === undefined) return undefined;
  const title = readString(card, 'title');
  const body = readString(card, 'content') ?? readString(card, 'text');
  const imageUrl =
    readString(card, 'image', 'largeImageUrl') ?? readString(card, 'image', 'smallImageUrl');
  const permissions = readField(card, 'permissions');
  return {
    type,
    ...(title !== undefined && { title }),
    ...(body !== undefined && { body }),
    ...(imageUrl !== undefined && { imageUrl }),
    ...(Array.isArray(permissions) && {
      permissions: (permissions as ReadonlyArray<unknown>).filter(
        (p): p is string => typeof p === 'string',
      ),
    }),
  };
}

function amountOf(value: unknown): string {
  const amount = readString(value, 'amount');
  const currency = readString(value, 'currencyCode');
  return amount === undefined ? '?' : `${amount} ${currency ?? ''}`.trim();
}

/** Sums up one directive of a response: `Connections.SendRequest Setup, token ...`. */
export function describeDirective(directive: unknown): DirectiveView {
  const type = readString(directive, 'type') ?? '?';
  const name = readString(directive, 'name');
  const token = readString(directive, 'token');
  const payload = readField(directive, 'payload');
  const connections = type === 'Connections.SendRequest';
  let details = '';
  if (connections && name === 'Setup') {
    details =
      `, seller ${readString(payload, 'sellerId') ?? '?'}` +
      `, ${readString(payload, 'countryOfEstablishment') ?? '?'}/${readString(payload, 'ledgerCurrency') ?? '?'}` +
      (readField(payload, 'sandboxMode') === true ? ', sandbox' : ', live');
  } else if (connections && name === 'Charge') {
    const attributes = readField(payload, 'authorizeAttributes');
    details =
      `, ${readString(payload, 'paymentAction') ?? '?'} ${amountOf(readField(attributes, 'authorizationAmount'))}` +
      `, authorizationReferenceId ${readString(attributes, 'authorizationReferenceId') ?? '?'}` +
      `, agreement ${readString(payload, 'billingAgreementId') ?? '?'}`;
  }
  return {
    type,
    ...(name !== undefined && { name }),
    ...(token !== undefined && { token }),
    summary: `${[type, name].filter((p) => p !== undefined).join(' ')}${token === undefined ? '' : `, token ${token}`}${details}`,
    connections,
  };
}

/**
 * Sums up Amazon Pay's answer (the `request` of a Connections.Response) in one line:
 * `Setup → 200 OK, OPEN agreement B02-... (SANDBOX), with a shipping address`.
 */
export function describeAmazonPayAnswer(request: unknown): string {
  const name = readString(request, 'name') ?? '?';
  const code = readString(request, 'status', 'code') ?? '?';
  const message = readString(request, 'status', 'message') ?? '';
  const payload = readField(request, 'payload');
  if (code !== '200') {
    return `${name} → ${code} ${readString(payload, 'errorCode') ?? message}`.trim();
  }
  if (name === 'Setup') {
    const details = readField(payload, 'billingAgreementDetails');
    if (!isRecord(details)) return `${name} → 200 ${message}, but no billingAgreementDetails`;
    return (
      `${name} → 200 ${message}, ${readString(details, 'billingAgreementStatus') ?? '?'} agreement ` +
      `${readString(details, 'billingAgreementId') ?? '?'} (${readString(details, 'releaseEnvironment') ?? '?'})` +
      (isRecord(readField(details, 'destination')) ? ', with a shipping address' : '')
    );
  }
  const details = readField(payload, 'authorizationDetails');
  if (!isRecord(details)) return `${name} → 200 ${message}, but no authorizationDetails`;
  const status = readField(details, 'authorizationStatus');
  const reason = readString(status, 'reasonCode');
  return (
    `${name} → 200 ${message}, authorization ${readString(status, 'state') ?? '?'}` +
    (reason === undefined ? '' : ` (${reason})`) +
    `, captured ${amountOf(readField(details, 'capturedAmount'))}`
  );
}

/** Describes how the simulator was told to answer: `normally`, `Setup error ...`. */
export function describeBehaviour(behaviour: SimulatorBehaviour): string {
  const parts: Array<string> = [];
  const { setup, charge } = behaviour;
  if (setup !== undefined && setup.kind !== 'ok') {
    parts.push(
      setup.kind === 'error'
        ? `Setup fails with ${setup.errorCode} (${setup.statusCode})`
        : setup.kind === 'agreementStatus'
          ? `Setup returns a ${setup.status} agreement`
          : setup.kind === 'releaseEnvironment'
            ? `Setup returns a ${setup.releaseEnvironment} agreement`
            : 'Setup answers without billingAgreementDetails',
    );
  }
  if (charge !== undefined && charge.kind !== 'ok') {
    parts.push(
      charge.kind === 'error'
        ? `Charge fails with ${charge.errorCode} (${charge.statusCode})`
        : charge.kind === 'declined'
          ? `Charge is declined: ${charge.reasonCode} (${charge.form} form)`
          : charge.kind === 'pending'
            ? 'Charge comes back Pending'
            : charge.kind === 'reasonCode'
              ? `Charge is ${charge.state} with reason ${charge.reasonCode}`
              : 'Charge answers without authorizationDetails',
    );
  }
  return parts.length === 0 ? 'answers normally' : parts.join('; ');
}
