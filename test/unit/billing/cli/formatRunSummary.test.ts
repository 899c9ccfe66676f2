import { formatRunSummary } from '../../../../src/billing/cli/formatRunSummary';

describe('formatRunSummary', () => {
  it('prints the counts, then one line per charge with its reason and the agreement step', () => {
    expect(
      formatRunSummary({
        runId: 'run-1',
        due: 3,
        captured: 1,
        declined: 1,
        retried: 0,
        skipped: 1,
        errors: 0,
        charges: [
          {
            billingAgreementId: 'C01-1',
            authorizationReferenceId: 'bp-AAAAAAAAAAAAAAAA-0-1',
            chargeState: 'captured',
            outcome: 'captured',
            agreementChange: 'advance',
            recovered: false,
          },
          {
            billingAgreementId: 'C01-2',
            authorizationReferenceId: 'bp-BBBBBBBBBBBBBBBB-0-1',
            chargeState: 'declined',
            outcome: 'declined',
            reason: 'InvalidPaymentMethod',
            agreementChange: 'suspend',
            recovered: false,
          },
          {
            billingAgreementId: 'C01-3',
            authorizationReferenceId: 'bu-CCCCCCCCCCCCCCCC-1',
            chargeState: 'captured',
            outcome: 'captured',
            agreementChange: 'advance',
            recovered: true,
          },
        ],
      }),
    ).toBe(
      'billing run run-1: 3 due, 1 captured, 1 declined, 0 retried, 1 skipped, 0 errors\n' +
        '  C01-1  bp-AAAAAAAAAAAAAAAA-0-1  captured  advance\n' +
        '  C01-2  bp-BBBBBBBBBBBBBBBB-0-1  declined (InvalidPaymentMethod)  suspend\n' +
        '  C01-3  bu-CCCCCCCCCCCCCCCC-1  captured  advance, settled by an earlier run\n',
    );
  });
});
