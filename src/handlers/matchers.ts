import type { HandlerInput } from 'ask-sdk-core';
import { readField, readString } from '../amazonpay/readUnknown';

/** A predicate over a handler input, used as a handler's one-line `canHandle`. */
export type Matcher = (input: HandlerInput) => boolean;

function requestType(input: HandlerInput): string | undefined {
  return readString(input.requestEnvelope, 'request', 'type');
}

/** Matches requests of one type (`LaunchRequest`, `SessionEndedRequest`, ...). */
export function isRequestType(type: string): Matcher {
  return (input) => requestType(input) === type;
}

/** Matches an IntentRequest for any of the named intents. */
export function isIntent(...names: ReadonlyArray<string>): Matcher {
  return (input) =>
    requestType(input) === 'IntentRequest' &&
    names.includes(readString(input.requestEnvelope, 'request', 'intent', 'name') ?? '');
}

/** Matches any IntentRequest. */
export const isAnyIntent: Matcher = (input) => requestType(input) === 'IntentRequest';

/** Matches a `Connections.Response` with the given name (`Setup`, `Charge`). */
export function isConnectionsResponse(name: string): Matcher {
  return (input) =>
    requestType(input) === 'Connections.Response' &&
    readString(input.requestEnvelope, 'request', 'name') === name;
}

/** Matches when a session attribute holds a string (e.g. the order offered for a retry). */
export function hasSessionAttribute(name: string): Matcher {
  return (input) => {
    const attributes = readField(readField(input.requestEnvelope, 'session'), 'attributes');
    return typeof readField(attributes, name) === 'string';
  };
}

/** Matches when every given matcher does. */
export function allOf(...matchers: ReadonlyArray<Matcher>): Matcher {
  return (input) => matchers.every((m) => m(input));
}

/** Matches when the given matcher does not. */
export function not(matcher: Matcher): Matcher {
  return (input) => !matcher(input);
}
