import { isRecord, readField, readString } from '../../amazonpay/readUnknown';
import { AmazonPaySimulator } from '../simulator/AmazonPaySimulator';
import { differences, Normalizer, type Difference } from './normalize';
import type { Transcript, TranscriptTurn } from './transcript';

/** The skill as a replay calls it: a Lambda handler. */
export type ReplayHandler = (event: unknown) => Promise<unknown>;

/** What a replay needs: the handler for a turn's scenario configuration. */
export type ReplayOptions = {
  /**
   * Returns the skill's handler configured with the transcript's shop configuration plus this
   * scenario configuration (for example `SANDBOX_SIMULATION`); called before every turn.
   */
  readonly handlerFor: (scenarioEnv: Readonly<Record<string, string>>) => Promise<ReplayHandler>;
  /** Amazon Pay for the replay; a fresh simulator by default. */
  readonly simulator?: AmazonPaySimulator;
  /** The time of the replayed requests; the system clock by default. */
  readonly clock?: () => Date;
};

/** How one turn replayed. */
export type TurnReplay = {
  /** 1-based. */
  readonly index: number;
  readonly kind: TranscriptTurn['kind'];
  /** A short label: what the shopper said, or which directive Amazon Pay answered. */
  readonly label: string;
  readonly differences: ReadonlyArray<Difference>;
};

/** The outcome of a replay: every turn's, and whether all answered as recorded. */
export type ReplayResult = {
  readonly turns: ReadonlyArray<TurnReplay>;
  readonly ok: boolean;
};

const DIFFERENCES_PER_TURN = 12;

// A recorded order id (or `<orderId>-<attempt>`): what the recorded and replayed answers pair up.
const VOLATILE_ID = /^[A-Za-z0-9_-]{22}(?:-\d+)?$/;

function firstConnectionsDirective(response: unknown): unknown {
  const directives = readField(readField(response, 'response'), 'directives');
  if (!Array.isArray(directives)) return undefined;
  return (directives as ReadonlyArray<unknown>).find(
    (d) => readString(d, 'type') === 'Connections.SendRequest',
  );
}

/** Pairs the ids of a recorded answer with those of the replayed one, at the same places. */
function pairIds(recorded: unknown, replayed: unknown, ids: Map<string, string>): void {
  if (typeof recorded === 'string' && typeof replayed === 'string') {
    if (recorded !== replayed && VOLATILE_ID.test(recorded) && !ids.has(recorded)) {
      ids.set(recorded, replayed);
    }
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    const left = recorded as ReadonlyArray<unknown>;
    const right = replayed as ReadonlyArray<unknown>;
    for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
      pairIds(left[i], right[i], ids);
    }
    return;
  }
  if (isRecord(recorded) && isRecord(replayed)) {
    for (const key of Object.keys(recorded)) pairIds(recorded[key], replayed[key], ids);
  }
}

/** Replaces the recorded ids in a value by the replayed ones (whole strings and inside them). */
function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [from, to] of [...ids].sort((a, b) => b[0].length - a[0].length)) {
      if (text.includes(from)) text = text.split(from).join(to);
    }
    return text;
  }
  if (Array.isArray(value)) {
    return (value as ReadonlyArray<unknown>).map((v) => substitute(v, ids));
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  }
  return value;
}

/** The parts of a response envelope that a replay compares: what the shopper hears and sees. */
function answerOf(envelope: unknown): unknown {
  return {
    sessionAttributes: readField(envelope, 'sessionAttributes') ?? {},
    response: readField(envelope, 'response') ?? {},
  };
}

function labelOf(turn: TranscriptTurn): string {
  switch (turn.kind) {
    case 'shopper':
      return `shopper "${turn.say}"`;
    case 'amazonPay':
      return `Amazon Pay answers ${readString(turn.directive, 'name') ?? '?'}`;
    case 'sessionEnded':
      return 'SessionEndedRequest';
    default: {
      const unreachable: never = turn;
      return unreachable;
    }
  }
}

function withRequest(envelope: unknown, request: Record<string, unknown>): unknown {
  return isRecord(envelope) ? { ...envelope, request } : envelope;
}

/**
 * Plays a transcript again through the skill and compares every answer with the recorded one.
 *
 * The shopper's requests are sent as recorded, with the recorded order ids replaced by the ones
 * the replayed skill chose (paired at the same places of the earlier answers). Each Amazon Pay
 * turn answers the directive the replayed skill actually sent, with the recorded behaviour, in the
 * recorded new session. The answers (speech, reprompt, cards, directives with their payloads,
 * session attributes, the end of the session) and Amazon Pay's answers are compared after the
 * volatile values are normalised on both sides (see Normalizer).
 */
export async function replayTranscript(
  transcript: Transcript,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const simulator = options.simulator ?? new AmazonPaySimulator();
  const clock = options.clock ?? (() => new Date());
  const recordedSide = new Normalizer();
  const replayedSide = new Normalizer();
  const ids = new Map<string, string>();
  const results: Array<TurnReplay> = [];
  let previous: unknown;

  for (const [i, turn] of transcript.turns.entries()) {
    const found: Array<Difference> = [];
    const recordedRequest = readField(turn.request, 'request');
    let envelope: unknown;
    if (turn.kind === 'amazonPay') {
      const directive = firstConnectionsDirective(previous);
      if (directive === undefined) {
        found.push({
          path: 'directive',
          expected: readString(turn.directive, 'name') ?? 'a Connections directive',
          actual: 'the skill sent no Connections directive to answer',
        });
        results.push({ index: i + 1, kind: turn.kind, label: labelOf(turn), differences: found });
        previous = undefined;
        continue;
      }
      const answer = simulator.answer(directive, turn.behaviour);
      found.push(
        ...differences(
          recordedSide.normalize(recordedRequest),
          replayedSide.normalize({
            ...(isRecord(recordedRequest) ? recordedRequest : {}),
            ...answer,
          }),
          'amazonPayAnswer',
          DIFFERENCES_PER_TURN,
        ).filter((d) => d.path !== 'amazonPayAnswer.requestId'),
      );
      envelope = withRequest(turn.request, {
        ...(isRecord(recordedRequest) ? recordedRequest : {}),
        ...answer,
      });
    } else {
      const request = substitute(recordedRequest, ids);
      envelope = withRequest(substitute(turn.request, ids), {
        ...(isRecord(request) ? request : {}),
        timestamp: clock().toISOString(),
      });
    }

    // A configuration that cannot be loaded is the transcript's fault, not an answer: it throws.
    const handler = await options.handlerFor(turn.settings.env);
    let response: unknown;
    try {
      response = await handler(envelope);
    } catch (error) {
      found.push({
        path: 'response',
        expected: 'an answer',
        actual: `the skill failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      });
      results.push({ index: i + 1, kind: turn.kind, label: labelOf(turn), differences: found });
      previous = undefined;
      continue;
    }
    pairIds(turn.response, response, ids);
    found.push(
      ...differences(
        recordedSide.normalize(answerOf(turn.response)),
        replayedSide.normalize(answerOf(response)),
        '',
        DIFFERENCES_PER_TURN,
      ),
    );
    results.push({
      index: i + 1,
      kind: turn.kind,
      label: labelOf(turn),
      differences: found.slice(0, DIFFERENCES_PER_TURN),
    });
    previous = response;
  }
  return { turns: results, ok: results.every((r) => r.differences.length === 0) };
}
