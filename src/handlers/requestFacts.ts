import type { HandlerInput } from 'ask-sdk-core';
import { isRecord, readField, readString } from '../amazonpay/readUnknown';

/** The session attribute that holds the id of the order awaiting the shopper's yes. */
export const PENDING_ORDER_ATTRIBUTE = 'pendingOrderId';

/** Reads the Alexa user id of the request, or undefined when the envelope lacks one. */
export function readUserId(input: HandlerInput): string | undefined {
  const id =
    readString(input.requestEnvelope, 'context', 'System', 'user', 'userId') ??
    readString(input.requestEnvelope, 'session', 'user', 'userId');
  return id !== undefined && id.length > 0 && id.length <= 512 ? id : undefined;
}

/** Reads the request locale (`en-US`), defaulting to `en-US` when absent or malformed. */
export function readLocale(input: HandlerInput): string {
  const locale = readString(input.requestEnvelope, 'request', 'locale');
  return locale !== undefined && /^[a-z]{2}-[A-Z]{2}$/.test(locale) ? locale : 'en-US';
}

/** Reads the id of the order awaiting a yes from the session attributes. */
export function readPendingOrderId(input: HandlerInput): string | undefined {
  const attributes = readField(readField(input.requestEnvelope, 'session'), 'attributes');
  return isRecord(attributes) ? readString(attributes, PENDING_ORDER_ATTRIBUTE) : undefined;
}

/** Reads a slot: its spoken value and, if entity resolution matched, the resolved id. */
export function readSlot(
  input: HandlerInput,
  name: string,
): { readonly value: string | undefined; readonly resolvedId: string | undefined } {
  const slot = readField(readField(readField(input.requestEnvelope, 'request'), 'intent'), 'slots');
  const entry = readField(slot, name);
  const raw = readField(entry, 'value');
  // A value that is there but unreadable (not text) is kept as "?", Alexa's own mark for a value
  // it heard but could not read, so that it is never taken for a missing one (a quantity of 1).
  const value = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : '?';
  const authorities = readField(readField(entry, 'resolutions'), 'resolutionsPerAuthority');
  let resolvedId: string | undefined;
  if (Array.isArray(authorities)) {
    for (const authority of authorities as ReadonlyArray<unknown>) {
      if (readString(authority, 'status', 'code') !== 'ER_SUCCESS_MATCH') continue;
      const values = readField(authority, 'values');
      if (Array.isArray(values) && values.length > 0) {
        resolvedId = readString(values[0] as unknown, 'value', 'id');
        if (resolvedId !== undefined) break;
      }
    }
  }
  // Trimmed, then too long means unreadable ("?"): never cut into another value, never absent.
  const trimmed = value?.trim();
  return {
    value: trimmed === undefined ? undefined : trimmed.length > 200 ? '?' : trimmed,
    resolvedId,
  };
}

/** Escapes text for SSML, so that a store name with `&` cannot break the response. */
export function escapeSsml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The session attribute that holds the id of the last order the shopper was offered to retry. */
export const RETRY_ORDER_ATTRIBUTE = 'retryOrderId';

/** Reads the id of the order offered for a retry from the session attributes. */
export function readRetryOrderId(input: HandlerInput): string | undefined {
  const attributes = readField(readField(input.requestEnvelope, 'session'), 'attributes');
  return isRecord(attributes) ? readString(attributes, RETRY_ORDER_ATTRIBUTE) : undefined;
}

/**
 * Reads what an Alexa API call needs from the request: `context.System.apiEndpoint` (which picks
 * the region) and `context.System.apiAccessToken`; undefined without a token.
 */
export function readApiAccess(
  input: HandlerInput,
): { readonly apiEndpoint: string | undefined; readonly apiAccessToken: string } | undefined {
  const system = readField(readField(input.requestEnvelope, 'context'), 'System');
  const token = readField(system, 'apiAccessToken');
  const endpoint = readField(system, 'apiEndpoint');
  if (typeof token !== 'string' || token === '' || token.length > 8192) return undefined;
  return {
    apiEndpoint: typeof endpoint === 'string' ? endpoint : undefined,
    apiAccessToken: token,
  };
}
