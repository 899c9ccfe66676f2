import { readAutopayConsent } from '../../../src/amazonpay/permissions';
import { aPermissions, anEnvelope } from './factories';

describe('permissions', () => {
  describe('readAutopayConsent', () => {
    it.each<[string, { context?: unknown; session?: unknown }, string]>([
      [
        'GRANTED in context and session',
        { context: aPermissions('GRANTED'), session: aPermissions('GRANTED') },
        'granted',
      ],
      [
        'DENIED in context and session',
        { context: aPermissions('DENIED'), session: aPermissions('DENIED') },
        'denied',
      ],
      ['GRANTED only in context.System.user', { context: aPermissions('GRANTED') }, 'granted'],
      ['GRANTED only in session.user', { session: aPermissions('GRANTED') }, 'granted'],
      ['DENIED only in session.user', { session: aPermissions('DENIED') }, 'denied'],
      [
        'DENIED in context over GRANTED in session',
        { context: aPermissions('DENIED'), session: aPermissions('GRANTED') },
        'denied',
      ],
      [
        'a scopes object without the scope key',
        { context: { scopes: {} }, session: { scopes: {} } },
        'missing',
      ],
      [
        'a scope without status',
        { context: { scopes: { 'payments:autopay_consent': {} } } },
        'missing',
      ],
      ['no permissions at all', {}, 'missing'],
      [
        'permissions without scopes',
        { context: { consentToken: 'test-consent-token' } },
        'missing',
      ],
      ['a lower-case status', { context: aPermissions('granted') }, 'missing'],
      ['an unknown status', { context: aPermissions('PENDING') }, 'missing'],
      ['scopes that are a list', { context: { scopes: [{ status: 'GRANTED' }] } }, 'missing'],
      [
        'a status that is not a string',
        { context: { scopes: { 'payments:autopay_consent': { status: true } } } },
        'missing',
      ],
    ])('reads %s as %s', (_name, permissions, expected) => {
      expect(readAutopayConsent(anEnvelope(permissions))).toBe(expected);
    });

    it('does not read a scope hidden under a __proto__ key', () => {
      // Prepare
      const scopes: unknown = JSON.parse(
        '{"__proto__": {"payments:autopay_consent": {"status": "GRANTED"}}}',
      );

      // Act
      const consent = readAutopayConsent(anEnvelope({ context: { scopes }, session: { scopes } }));

      // Assess
      expect(consent).toBe('missing');
    });

    it('does not read a scope inherited from a prototype', () => {
      // Prepare
      const scopes: unknown = Object.create({
        'payments:autopay_consent': { status: 'GRANTED' },
      });

      // Act
      const consent = readAutopayConsent(anEnvelope({ context: { scopes } }));

      // Assess
      expect(consent).toBe('missing');
    });

    it.each([undefined, null, 'GRANTED', 42, true, [], () => 'GRANTED'])(
      'reads the non-object %p as missing',
      (envelope) => {
        expect(readAutopayConsent(envelope)).toBe('missing');
      },
    );
  });
});
