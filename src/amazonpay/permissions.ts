import { AUTOPAY_CONSENT_SCOPE } from './constants';
import { readString } from './readUnknown';

/** Whether the shopper granted the Amazon Pay permission: granted, denied, or never answered. */
export type AutopayConsent = 'granted' | 'denied' | 'missing';

/**
 * Reads the `payments:autopay_consent` permission from a request envelope.
 *
 * Looks at `context.System.user.permissions.scopes`, then `session.user.permissions.scopes`, and
 * guards every step: the Amazon samples crash when the scope key is absent.
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/integrate-skill-with-amazon-pay-v2.html
 */
export function readAutopayConsent(requestEnvelope: unknown): AutopayConsent {
  const status =
    readString(
      requestEnvelope,
      'context',
      'System',
      'user',
      'permissions',
      'scopes',
      AUTOPAY_CONSENT_SCOPE,
      'status',
    ) ??
    readString(
      requestEnvelope,
      'session',
      'user',
      'permissions',
      'scopes',
      AUTOPAY_CONSENT_SCOPE,
      'status',
    );
  if (status === 'GRANTED') return 'granted';
  if (status === 'DENIED') return 'denied';
  return 'missing';
}
