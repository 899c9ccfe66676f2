import type { ParseResult } from '../../../../src/amazonpay/mws/parseResponses';
import {
  parseAuthorizeOnBillingAgreementResponse,
  parseCloseBillingAgreementResponse,
  parseGetAuthorizationDetailsResponse,
  parseGetBillingAgreementDetailsResponse,
  parseGetCaptureDetailsResponse,
  parseGetRefundDetailsResponse,
  parseMwsErrorBody,
  parseMwsXml,
  parseRefundResponse,
} from '../../../../src/amazonpay/mws/parseResponses';
import {
  aBillingAgreementDetailsXml,
  aCaptureDetailsXml,
  amountXml,
  anAuthorizationDetailsXml,
  anErrorResponse,
  aRefundDetailsXml,
  aResponse,
} from './xmlFactories';

function valueOf<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`unexpected parse failure: ${result.problem}`);
  return result.value;
}

function problemOf<T>(result: ParseResult<T>): string {
  if (result.ok) throw new Error('expected a parse failure');
  return result.problem;
}

const authorize = (details: string, extra = ''): unknown =>
  parseMwsXml(
    aResponse(
      'AuthorizeOnBillingAgreement',
      `${details}<AmazonOrderReferenceId>S01-7347515-9699585</AmazonOrderReferenceId>${extra}`,
    ),
  );

describe('parseResponses', () => {
  describe('parseMwsXml', () => {
    it('keeps every text a string and drops namespaces', () => {
      expect(parseMwsXml('<a:R xmlns:a="x"><N>007</N><E/></a:R>')).toEqual({
        R: { N: '007', E: '' },
      });
    });

    it.each(['', 'not xml', '<a><b></a>', '<html>'])('gives undefined for %j', (body) => {
      expect(parseMwsXml(body)).toBeUndefined();
    });
  });

  describe('parseGetBillingAgreementDetailsResponse', () => {
    it('reads the state, limits and ids and leaves out the buyer and destination', () => {
      // Act
      const result = valueOf(
        parseGetBillingAgreementDetailsResponse(
          parseMwsXml(aResponse('GetBillingAgreementDetails', aBillingAgreementDetailsXml())),
        ),
      );

      // Assess
      expect(result).toEqual({
        requestId: 'req-1',
        billingAgreement: {
          amazonBillingAgreementId: 'C01-1234567-1234567',
          status: { state: 'Open', lastUpdateTimestamp: '2015-11-01T10:00:00.000Z' },
          releaseEnvironment: 'Sandbox',
          constraints: [],
          limits: {
            amountLimitPerTimePeriod: { amountMinor: 50000, currency: 'USD' },
            currentRemainingBalance: { amountMinor: 49001, currency: 'USD' },
            timePeriodStartDate: '2015-11-01T00:00:00Z',
            timePeriodEndDate: '2015-12-01T00:00:00Z',
          },
          billingAgreementConsent: true,
          creationTimestamp: '2015-11-01T09:00:00.000Z',
        },
      });
      expect(JSON.stringify(result)).not.toContain('buyer@example.com');
    });

    it('reads a Draft MIT agreement with constraints, a subscription amount and a seller id', () => {
      // Act
      const { billingAgreement } = valueOf(
        parseGetBillingAgreementDetailsResponse(
          parseMwsXml(
            aResponse(
              'GetBillingAgreementDetails',
              aBillingAgreementDetailsXml({
                BillingAgreementStatus: '<State>Draft</State>',
                BillingAgreementConsent: 'false',
                BillingAgreementLimits: undefined,
                BillingAgreementType: 'MerchantInitiatedTransaction',
                SubscriptionAmount: amountXml('25.00', 'GBP'),
                SellerBillingAgreementAttributes:
                  '<StoreName>Shop</StoreName><SellerBillingAgreementId>sub-42</SellerBillingAgreementId>',
                Constraints:
                  '<Constraint><ConstraintID>BuyerConsentNotSet</ConstraintID><Description>No consent.</Description></Constraint>' +
                  '<Constraint><ConstraintID>PaymentPlanNotSet</ConstraintID></Constraint>',
              }),
            ),
          ),
        ),
      );

      // Assess
      expect(billingAgreement).toMatchObject({
        status: { state: 'Draft' },
        billingAgreementConsent: false,
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: { amountMinor: 2500, currency: 'GBP' },
        sellerBillingAgreementId: 'sub-42',
        constraints: [
          { constraintId: 'BuyerConsentNotSet', description: 'No consent.' },
          { constraintId: 'PaymentPlanNotSet' },
        ],
      });
      expect(billingAgreement.limits).toBeUndefined();
    });

    it.each([
      [{ BillingAgreementStatus: '<State>Frozen</State>' }, 'State is not one of'],
      [{ BillingAgreementStatus: undefined }, 'BillingAgreementStatus is missing'],
      [{ ReleaseEnvironment: 'Staging' }, 'ReleaseEnvironment is not one of'],
      [{ AmazonBillingAgreementId: '' }, 'AmazonBillingAgreementId is missing or empty'],
      [{ BillingAgreementConsent: 'yes' }, 'BillingAgreementConsent is not true or false'],
      [
        {
          BillingAgreementLimits: `<AmountLimitPerTimePeriod>${amountXml('500')}</AmountLimitPerTimePeriod>`,
        },
        'CurrentRemainingBalance is missing',
      ],
      [{ SubscriptionAmount: amountXml('25.00', 'CHF') }, 'not an amount in a supported currency'],
      [{ SubscriptionAmount: amountXml('-1') }, 'not an amount in a supported currency'],
      [{ Constraints: 'text' }, 'Constraints is not a list'],
      [{ AmazonBillingAgreementId: '<X>1</X>' }, 'is not a single text element'],
    ])('refuses a malformed agreement (%#)', (overrides, problem) => {
      expect(
        problemOf(
          parseGetBillingAgreementDetailsResponse(
            parseMwsXml(
              aResponse('GetBillingAgreementDetails', aBillingAgreementDetailsXml(overrides)),
            ),
          ),
        ),
      ).toContain(problem);
    });

    it('lets an unexpected failure through instead of calling it malformed', () => {
      // Prepare: a getter that throws stands for a bug inside the parser.
      const xml = {
        get GetBillingAgreementDetailsResponse(): unknown {
          throw new TypeError('boom');
        },
      };

      // Act & Assess
      expect(() => parseGetBillingAgreementDetailsResponse(xml)).toThrow(TypeError);
    });

    it('refuses the answer of another operation', () => {
      expect(
        problemOf(
          parseGetBillingAgreementDetailsResponse(
            parseMwsXml(aResponse('GetCaptureDetails', aCaptureDetailsXml())),
          ),
        ),
      ).toBe('/GetBillingAgreementDetailsResponse is missing');
    });
  });

  describe('parseAuthorizeOnBillingAgreementResponse', () => {
    it('reads a captured authorization with its capture id', () => {
      expect(
        valueOf(parseAuthorizeOnBillingAgreementResponse(authorize(anAuthorizationDetailsXml()))),
      ).toEqual({
        requestId: 'req-1',
        amazonOrderReferenceId: 'S01-7347515-9699585',
        authorization: {
          amazonAuthorizationId: 'S01-7347515-9699585-A012416',
          authorizationReferenceId: 'sub-42-2015-12',
          authorizationAmount: { amountMinor: 999, currency: 'USD' },
          capturedAmount: { amountMinor: 999, currency: 'USD' },
          authorizationFee: { amountMinor: 0, currency: 'USD' },
          captureIds: ['S01-7347515-9699585-C012416'],
          status: {
            state: 'Closed',
            reasonCode: 'MaxCapturesProcessed',
            lastUpdateTimestamp: '2015-11-02T17:39:58.272Z',
          },
          captureNow: true,
          softDescriptor: 'AMZ*Coffee',
          creationTimestamp: '2015-11-02T17:39:58.272Z',
          expirationTimestamp: '2015-12-02T17:39:58.272Z',
        },
      });
    });

    it('reads a soft decline with an open reason code and no capture', () => {
      // Act
      const { authorization } = valueOf(
        parseAuthorizeOnBillingAgreementResponse(
          authorize(
            anAuthorizationDetailsXml({
              AuthorizationStatus: '<State>Declined</State><ReasonCode>SomethingNew</ReasonCode>',
              IdList: undefined,
              CapturedAmount: undefined,
              AuthorizationFee: '',
              SoftDecline: 'true',
              SellerAuthorizationNote: 'note',
            }),
          ),
        ),
      );

      // Assess
      expect(authorization).toMatchObject({
        status: { state: 'Declined', reasonCode: 'SomethingNew' },
        captureIds: [],
        softDecline: true,
        sellerAuthorizationNote: 'note',
      });
      expect(authorization.capturedAmount).toBeUndefined();
      expect(authorization.authorizationFee).toBeUndefined();
    });

    it('reads several capture ids', () => {
      expect(
        valueOf(
          parseAuthorizeOnBillingAgreementResponse(
            authorize(
              anAuthorizationDetailsXml({ IdList: '<member>C1</member><member>C2</member>' }),
            ),
          ),
        ).authorization.captureIds,
      ).toEqual(['C1', 'C2']);
    });

    it('reads an IdList without members as empty', () => {
      expect(
        valueOf(
          parseAuthorizeOnBillingAgreementResponse(
            authorize(anAuthorizationDetailsXml({ IdList: '<Other>x</Other>' })),
          ),
        ).authorization.captureIds,
      ).toEqual([]);
    });

    it('reads an answer without a request id', () => {
      // Prepare
      const body = aResponse(
        'AuthorizeOnBillingAgreement',
        `${anAuthorizationDetailsXml()}<AmazonOrderReferenceId>S01-1</AmazonOrderReferenceId>`,
      ).replace(/<ResponseMetadata>.*<\/ResponseMetadata>/, '');

      // Act
      const result = valueOf(parseAuthorizeOnBillingAgreementResponse(parseMwsXml(body)));

      // Assess
      expect(result.requestId).toBeUndefined();
    });

    it.each([
      [{ IdList: '<member></member>' }, 'IdList/member is not an id'],
      [{ AuthorizationAmount: undefined }, 'AuthorizationAmount is missing'],
      [{ AuthorizationAmount: '<Amount>1.00</Amount>' }, 'CurrencyCode is missing or empty'],
      [{ AuthorizationAmount: amountXml('1.001') }, 'not an amount in a supported currency'],
      [
        { AuthorizationStatus: '<State>Approved</State>' },
        'State is not one of Pending, Open, Declined, Closed',
      ],
      [{ CaptureNow: 'TRUE' }, 'CaptureNow is not true or false'],
      [{ AuthorizationReferenceId: undefined }, 'AuthorizationReferenceId is missing or empty'],
    ])('refuses a malformed authorization (%#)', (overrides, problem) => {
      expect(
        problemOf(
          parseAuthorizeOnBillingAgreementResponse(authorize(anAuthorizationDetailsXml(overrides))),
        ),
      ).toContain(problem);
    });

    it('refuses an answer without its order reference id', () => {
      expect(
        problemOf(
          parseAuthorizeOnBillingAgreementResponse(
            parseMwsXml(aResponse('AuthorizeOnBillingAgreement', anAuthorizationDetailsXml())),
          ),
        ),
      ).toContain('AmazonOrderReferenceId is missing');
    });

    it('refuses two authorizations in one answer', () => {
      expect(
        problemOf(
          parseAuthorizeOnBillingAgreementResponse(
            authorize(anAuthorizationDetailsXml(), anAuthorizationDetailsXml()),
          ),
        ),
      ).toContain('AuthorizationDetails is repeated');
    });

    it('refuses a repeated amount', () => {
      // Prepare: the factory's raw inner XML closes and reopens the element.
      const repeated = anAuthorizationDetailsXml({
        CapturedAmount: `${amountXml('1.00')}</CapturedAmount><CapturedAmount>${amountXml('2.00')}`,
      });

      // Act & Assess
      expect(problemOf(parseAuthorizeOnBillingAgreementResponse(authorize(repeated)))).toContain(
        'CapturedAmount is repeated',
      );
    });
  });

  describe('parseGetAuthorizationDetailsResponse', () => {
    it('reads an Open authorization', () => {
      expect(
        valueOf(
          parseGetAuthorizationDetailsResponse(
            parseMwsXml(
              aResponse(
                'GetAuthorizationDetails',
                anAuthorizationDetailsXml({
                  AuthorizationStatus: '<State>Open</State>',
                  CaptureNow: 'false',
                  IdList: '',
                }),
              ),
            ),
          ),
        ).authorization,
      ).toMatchObject({ status: { state: 'Open' }, captureNow: false, captureIds: [] });
    });
  });

  describe('parseGetCaptureDetailsResponse', () => {
    it('reads a capture with its refund ids', () => {
      expect(
        valueOf(
          parseGetCaptureDetailsResponse(
            parseMwsXml(
              aResponse(
                'GetCaptureDetails',
                aCaptureDetailsXml({
                  IdList: '<member>R1</member>',
                  RefundedAmount: amountXml('5.00'),
                  SellerCaptureNote: 'n',
                }),
              ),
            ),
          ),
        ),
      ).toEqual({
        requestId: 'req-1',
        capture: {
          amazonCaptureId: 'S01-7347515-9699585-C012416',
          captureReferenceId: 'sub-42-2015-12',
          captureAmount: { amountMinor: 999, currency: 'USD' },
          refundedAmount: { amountMinor: 500, currency: 'USD' },
          captureFee: { amountMinor: 0, currency: 'USD' },
          refundIds: ['R1'],
          status: { state: 'Completed', lastUpdateTimestamp: '2015-11-02T17:39:59.000Z' },
          softDescriptor: 'AMZ*Coffee',
          sellerCaptureNote: 'n',
          creationTimestamp: '2015-11-02T17:39:58.272Z',
        },
      });
    });

    it('refuses an unknown capture state', () => {
      expect(
        problemOf(
          parseGetCaptureDetailsResponse(
            parseMwsXml(
              aResponse(
                'GetCaptureDetails',
                aCaptureDetailsXml({ CaptureStatus: '<State>Done</State>' }),
              ),
            ),
          ),
        ),
      ).toContain('CaptureStatus/State is not one of');
    });
  });

  describe('parseRefundResponse and parseGetRefundDetailsResponse', () => {
    it('read a Pending refund', () => {
      expect(
        valueOf(parseRefundResponse(parseMwsXml(aResponse('Refund', aRefundDetailsXml())))),
      ).toEqual({
        requestId: 'req-1',
        refund: {
          amazonRefundId: 'S01-7347515-9699585-R072290',
          refundReferenceId: 'refund-1',
          refundAmount: { amountMinor: 500, currency: 'USD' },
          feeRefunded: { amountMinor: 0, currency: 'USD' },
          refundType: 'SellerInitiated',
          status: { state: 'Pending', lastUpdateTimestamp: '2015-11-03T10:00:00.000Z' },
          softDescriptor: 'AMZ*Coffee',
          creationTimestamp: '2015-11-03T10:00:00.000Z',
        },
      });
    });

    it('read a Declined refund with its reason', () => {
      expect(
        valueOf(
          parseGetRefundDetailsResponse(
            parseMwsXml(
              aResponse(
                'GetRefundDetails',
                aRefundDetailsXml({
                  RefundStatus: '<State>Declined</State><ReasonCode>AmazonRejected</ReasonCode>',
                  SellerRefundNote: 'Sorry',
                }),
              ),
            ),
          ),
        ).refund,
      ).toMatchObject({
        status: { state: 'Declined', reasonCode: 'AmazonRejected' },
        sellerRefundNote: 'Sorry',
      });
    });

    it('refuse a refund without an amount', () => {
      expect(
        problemOf(
          parseRefundResponse(
            parseMwsXml(aResponse('Refund', aRefundDetailsXml({ RefundAmount: undefined }))),
          ),
        ),
      ).toContain('RefundAmount is missing');
    });
  });

  describe('parseCloseBillingAgreementResponse', () => {
    it('reads the empty result', () => {
      expect(
        valueOf(
          parseCloseBillingAgreementResponse(parseMwsXml(aResponse('CloseBillingAgreement', ''))),
        ),
      ).toEqual({ requestId: 'req-1' });
    });

    it('refuses a body without the result element', () => {
      expect(
        problemOf(parseCloseBillingAgreementResponse({ CloseBillingAgreementResponse: {} })),
      ).toBe('/CloseBillingAgreementResponse/CloseBillingAgreementResult is missing');
    });
  });

  describe('parseMwsErrorBody', () => {
    it('reads the type, code, message and request id', () => {
      expect(
        parseMwsErrorBody(parseMwsXml(anErrorResponse('InvalidBillingAgreementStatus'))),
      ).toEqual({
        code: 'InvalidBillingAgreementStatus',
        errorType: 'Sender',
        message: 'Something is wrong.',
        requestId: 'err-1',
      });
    });

    it('reads the throttling shape: an empty Type and RequestID', () => {
      expect(
        parseMwsErrorBody(
          parseMwsXml(
            anErrorResponse('RequestThrottled', {
              type: '',
              message: 'Request is throttled',
              requestIdElement: 'RequestID',
            }),
          ),
        ),
      ).toEqual({ code: 'RequestThrottled', message: 'Request is throttled', requestId: 'err-1' });
    });

    it('reads the first of several errors', () => {
      // Prepare
      const body =
        '<ErrorResponse><Error><Code>First</Code></Error><Error><Code>Second</Code></Error></ErrorResponse>';

      // Act & Assess
      expect(parseMwsErrorBody(parseMwsXml(body))).toEqual({ code: 'First' });
    });

    it.each([
      '<ErrorResponse/>',
      '<Other><Error><Code>X</Code></Error></Other>',
      '<ErrorResponse><Error><Code><A/></Code></Error></ErrorResponse>',
    ])('gives undefined for %j', (body) => {
      expect(parseMwsErrorBody(parseMwsXml(body))).toBeUndefined();
    });
  });
});
