import {
  checkRefundAllowed,
  maxRefundTotalMinor,
} from '../../../../src/amazonpay/mws/refundLimits';

describe('refundLimits', () => {
  describe('maxRefundTotalMinor', () => {
    it('adds 15% when that is under 75', () => {
      expect(maxRefundTotalMinor({ amountMinor: 100_00, currency: 'USD' })).toBe(115_00);
    });

    it('adds 75 when 15% is more', () => {
      expect(maxRefundTotalMinor({ amountMinor: 1_000_00, currency: 'EUR' })).toBe(1_075_00);
    });

    it('rounds the 15% down to a whole minor unit', () => {
      expect(maxRefundTotalMinor({ amountMinor: 999, currency: 'GBP' })).toBe(999 + 149);
    });

    it('adds no margin in a currency without a documented cap', () => {
      expect(maxRefundTotalMinor({ amountMinor: 5_000, currency: 'JPY' })).toBe(5_000);
    });
  });

  describe('checkRefundAllowed', () => {
    const captured = { amountMinor: 100_00, currency: 'USD' };

    it('allows a refund up to the captured amount plus the margin', () => {
      expect(
        checkRefundAllowed(
          { captured, refundedMinor: 100_00, refundCount: 1 },
          {
            amountMinor: 15_00,
            currency: 'USD',
          },
        ),
      ).toEqual({ kind: 'allowed' });
    });

    it('refuses a refund over what is left, saying how much is left', () => {
      expect(
        checkRefundAllowed(
          { captured, refundedMinor: 100_00, refundCount: 1 },
          {
            amountMinor: 15_01,
            currency: 'USD',
          },
        ),
      ).toEqual({ kind: 'exceedsRefundable', remainingMinor: 15_00 });
    });

    it('says nothing is left when earlier refunds went past the limit', () => {
      expect(
        checkRefundAllowed(
          { captured, refundedMinor: 200_00, refundCount: 1 },
          {
            amountMinor: 1,
            currency: 'USD',
          },
        ),
      ).toEqual({ kind: 'exceedsRefundable', remainingMinor: 0 });
    });

    it('refuses an eleventh refund', () => {
      expect(
        checkRefundAllowed(
          { captured, refundedMinor: 10, refundCount: 10 },
          {
            amountMinor: 1,
            currency: 'USD',
          },
        ),
      ).toEqual({ kind: 'tooManyRefunds', maxRefunds: 10 });
    });

    it('refuses another currency', () => {
      expect(
        checkRefundAllowed(
          { captured, refundedMinor: 0, refundCount: 0 },
          {
            amountMinor: 1,
            currency: 'EUR',
          },
        ),
      ).toEqual({ kind: 'currencyMismatch', captureCurrency: 'USD' });
    });
  });
});
