import {
  isRefundSimulation,
  toRefundSimulationNote,
} from '../../../../src/amazonpay/mws/refundSimulation';
import { readRefundSimulation } from '../../../../src/local/mws/sandboxSimulations';

describe('refundSimulation', () => {
  describe('toRefundSimulationNote', () => {
    it("writes the fact sheet's string for a declined refund", () => {
      expect(toRefundSimulationNote('AmazonRejected')).toBe(
        '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}',
      );
    });

    it('writes a note the stand-in reads as a declined refund', () => {
      expect(readRefundSimulation(toRefundSimulationNote('AmazonRejected'))).toEqual({
        kind: 'simulation',
        simulation: { kind: 'declined', reasonCode: 'AmazonRejected' },
      });
    });
  });

  describe('isRefundSimulation', () => {
    it.each<[unknown, boolean]>([
      ['AmazonRejected', true],
      ['amazonrejected', false],
      ['ProcessingFailure', false],
      [undefined, false],
    ])('tells whether %p names a refund simulation', (value, expected) => {
      expect(isRefundSimulation(value)).toBe(expected);
    });
  });
});
