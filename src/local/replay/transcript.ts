import { isRecord, readField } from '../../amazonpay/readUnknown';
import type { ConsentStatus } from '../requestEnvelopes';
import type {
  ChargeBehaviour,
  SetupBehaviour,
  SimulatorBehaviour,
} from '../simulator/AmazonPaySimulator';
import { DeclineReasonCode } from '../simulator/AmazonPaySimulator';

/** The `format` field every transcript carries. */
export const TRANSCRIPT_FORMAT = 'amazon-pay-voice-shop/simulator-transcript';

/** The version of the transcript format this code reads and writes. */
export const TRANSCRIPT_VERSION = 1;

/** The device the shopper talks to: an Echo Show (a screen) or an Echo Dot (voice only). */
export type DeviceKind = 'screen' | 'voice';

/** The simulator's controls when a turn was played. */
export type TurnSettings = {
  readonly locale: string;
  readonly device: DeviceKind;
  readonly consent: ConsentStatus;
  /** Off: Amazon Pay answers Setup with VoicePurchaseNotEnabled. */
  readonly voicePurchasing: boolean;
  /** The outcome scenario whose behaviours and configuration were in force. */
  readonly scenario: string;
  /** The scenario's configuration (SANDBOX_SIMULATION, SANDBOX=false), applied over the shop's. */
  readonly env: Readonly<Record<string, string>>;
};

/** One request sent to the skill and the response it gave. */
export type TranscriptTurn =
  | {
      readonly kind: 'shopper';
      /** What the shopper typed. */
      readonly say: string;
      /** How the simulator understood it (`BuyIntent · product ...`), for people reading. */
      readonly understood: string;
      readonly settings: TurnSettings;
      readonly request: unknown;
      readonly response: unknown;
    }
  | {
      readonly kind: 'amazonPay';
      /** The Connections.SendRequest directive Amazon Pay answered. */
      readonly directive: unknown;
      /** How the simulator was told to answer it. */
      readonly behaviour: SimulatorBehaviour;
      readonly settings: TurnSettings;
      /** The envelope of the Connections.Response (a new session). */
      readonly request: unknown;
      readonly response: unknown;
    }
  | {
      readonly kind: 'sessionEnded';
      readonly settings: TurnSettings;
      readonly request: unknown;
      readonly response: unknown;
    };

/** A saved conversation: the shop's configuration and every turn, in order. */
export type Transcript = {
  readonly format: typeof TRANSCRIPT_FORMAT;
  readonly version: typeof TRANSCRIPT_VERSION;
  readonly createdAt: string;
  readonly shop: {
    /** The configuration variables that were set for the simulator (SELLER_ID, STORE_NAME, ...). */
    readonly env: Readonly<Record<string, string>>;
  };
  readonly turns: ReadonlyArray<TranscriptTurn>;
};

/** Thrown when a file is not a transcript this code can replay. */
export class TranscriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranscriptError';
  }
}

function fail(where: string, problem: string): never {
  throw new TranscriptError(`${where} ${problem}`);
}

function readStringMap(value: unknown, where: string): Readonly<Record<string, string>> {
  if (!isRecord(value)) fail(where, 'must be an object of strings');
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') fail(`${where}.${key}`, 'must be a string');
    result[key] = entry;
  }
  return result;
}

function readText(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, 'must be a string');
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: ReadonlyArray<T>, where: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) fail(where, `must be one of ${allowed.join(', ')}`);
  return found;
}

function readStatusCode(value: unknown, where: string): string {
  const code = readText(value, where);
  if (!/^[1-5][0-9]{2}$/.test(code) || code === '200') {
    fail(where, 'must be an HTTP-like status other than 200');
  }
  return code;
}

function parseSetupBehaviour(value: unknown, where: string): SetupBehaviour {
  const kind = oneOf(
    readField(value, 'kind'),
    ['ok', 'agreementStatus', 'releaseEnvironment', 'error', 'malformed'] as const,
    `${where}.kind`,
  );
  switch (kind) {
    case 'ok':
    case 'malformed':
      return { kind };
    case 'agreementStatus':
      return {
        kind,
        status: oneOf(
          readField(value, 'status'),
          ['SUSPENDED', 'CLOSED', 'CANCELED', 'DRAFT'] as const,
          `${where}.status`,
        ),
      };
    case 'releaseEnvironment':
      return {
        kind,
        releaseEnvironment: oneOf(
          readField(value, 'releaseEnvironment'),
          ['LIVE', 'SANDBOX'] as const,
          `${where}.releaseEnvironment`,
        ),
      };
    case 'error':
      return {
        kind,
        errorCode: readText(readField(value, 'errorCode'), `${where}.errorCode`),
        statusCode: readStatusCode(readField(value, 'statusCode'), `${where}.statusCode`),
      };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function parseChargeBehaviour(value: unknown, where: string): ChargeBehaviour {
  const kind = oneOf(
    readField(value, 'kind'),
    ['ok', 'declined', 'error', 'pending', 'reasonCode', 'malformed'] as const,
    `${where}.kind`,
  );
  switch (kind) {
    case 'ok':
    case 'pending':
    case 'malformed':
      return { kind };
    case 'declined': {
      const softDecline = readField(value, 'softDecline');
      if (softDecline !== undefined && typeof softDecline !== 'boolean') {
        fail(`${where}.softDecline`, 'must be true or false');
      }
      return {
        kind,
        reasonCode: oneOf(
          readField(value, 'reasonCode'),
          Object.values(DeclineReasonCode),
          `${where}.reasonCode`,
        ),
        form: oneOf(readField(value, 'form'), ['state', 'error'] as const, `${where}.form`),
        ...(softDecline !== undefined && { softDecline }),
      };
    }
    case 'error':
      return {
        kind,
        errorCode: readText(readField(value, 'errorCode'), `${where}.errorCode`),
        statusCode: readStatusCode(readField(value, 'statusCode'), `${where}.statusCode`),
      };
    case 'reasonCode':
      return {
        kind,
        state: oneOf(readField(value, 'state'), ['Closed', 'Open'] as const, `${where}.state`),
        reasonCode: readText(readField(value, 'reasonCode'), `${where}.reasonCode`),
      };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** Reads a simulator behaviour from JSON, checking every field. */
export function parseBehaviour(value: unknown, where = 'behaviour'): SimulatorBehaviour {
  if (!isRecord(value)) fail(where, 'must be an object');
  const setup = readField(value, 'setup');
  const charge = readField(value, 'charge');
  return {
    ...(setup !== undefined && { setup: parseSetupBehaviour(setup, `${where}.setup`) }),
    ...(charge !== undefined && { charge: parseChargeBehaviour(charge, `${where}.charge`) }),
  };
}

function parseSettings(value: unknown, where: string): TurnSettings {
  if (!isRecord(value)) fail(where, 'must be an object');
  const voicePurchasing = readField(value, 'voicePurchasing');
  if (typeof voicePurchasing !== 'boolean')
    fail(`${where}.voicePurchasing`, 'must be true or false');
  return {
    locale: readText(readField(value, 'locale'), `${where}.locale`),
    device: oneOf(readField(value, 'device'), ['screen', 'voice'] as const, `${where}.device`),
    consent: oneOf(
      readField(value, 'consent'),
      ['GRANTED', 'DENIED', 'missing'] as const,
      `${where}.consent`,
    ),
    voicePurchasing,
    scenario: readText(readField(value, 'scenario'), `${where}.scenario`),
    env: readStringMap(readField(value, 'env') ?? {}, `${where}.env`),
  };
}

function readEnvelope(value: unknown, where: string): unknown {
  if (!isRecord(value)) fail(where, 'must be an envelope (an object)');
  return value;
}

function parseTurn(value: unknown, where: string): TranscriptTurn {
  if (!isRecord(value)) fail(where, 'must be an object');
  const kind = oneOf(
    readField(value, 'kind'),
    ['shopper', 'amazonPay', 'sessionEnded'] as const,
    `${where}.kind`,
  );
  const settings = parseSettings(readField(value, 'settings'), `${where}.settings`);
  const request = readEnvelope(readField(value, 'request'), `${where}.request`);
  if (!isRecord(readField(request, 'request'))) fail(`${where}.request.request`, 'is missing');
  const response = readEnvelope(readField(value, 'response'), `${where}.response`);
  switch (kind) {
    case 'shopper':
      return {
        kind,
        say: readText(readField(value, 'say'), `${where}.say`),
        understood: readText(readField(value, 'understood') ?? '', `${where}.understood`),
        settings,
        request,
        response,
      };
    case 'amazonPay':
      return {
        kind,
        directive: readEnvelope(readField(value, 'directive'), `${where}.directive`),
        behaviour: parseBehaviour(readField(value, 'behaviour') ?? {}, `${where}.behaviour`),
        settings,
        request,
        response,
      };
    case 'sessionEnded':
      return { kind, settings, request, response };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * Reads a transcript from parsed JSON, checking its format, version and every turn.
 *
 * @throws TranscriptError naming the first field at fault.
 */
export function parseTranscript(json: unknown): Transcript {
  if (!isRecord(json)) fail('the transcript', 'must be a JSON object');
  if (readField(json, 'format') !== TRANSCRIPT_FORMAT) {
    fail('format', `must be "${TRANSCRIPT_FORMAT}" (is this a simulator transcript?)`);
  }
  if (readField(json, 'version') !== TRANSCRIPT_VERSION) {
    fail('version', `must be ${TRANSCRIPT_VERSION}`);
  }
  const turns = readField(json, 'turns');
  if (!Array.isArray(turns)) fail('turns', 'must be an array');
  if (turns.length === 0) fail('turns', 'must hold at least one turn');
  return {
    format: TRANSCRIPT_FORMAT,
    version: TRANSCRIPT_VERSION,
    createdAt: readText(readField(json, 'createdAt') ?? '', 'createdAt'),
    shop: { env: readStringMap(readField(readField(json, 'shop'), 'env') ?? {}, 'shop.env') },
    turns: (turns as ReadonlyArray<unknown>).map((turn, i) => parseTurn(turn, `turns[${i}]`)),
  };
}
