/**
 * Factories of MWS XML answers for the parser and client tests, in the shapes of Amazon's SDK
 * fixtures (element order varies there, so these use their own order).
 */

/** Child elements by name: raw inner XML, or undefined to leave the element out. */
export type Elements = Readonly<Record<string, string | undefined>>;

const NAMESPACE = 'http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01';

function render(defaults: Elements, overrides: Elements = {}): string {
  return Object.entries({ ...defaults, ...overrides })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, inner]) => (inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`))
    .join('');
}

/** The inner XML of an amount element. */
export function amountXml(amount: string, currency = 'USD'): string {
  return `<CurrencyCode>${currency}</CurrencyCode><Amount>${amount}</Amount>`;
}

/** A success answer of an operation around its result's inner XML. */
export function aResponse(operation: string, result: string, requestId = 'req-1'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${operation}Response xmlns="${NAMESPACE}">` +
    (result === ''
      ? `<${operation}Result/>`
      : `<${operation}Result>${result}</${operation}Result>`) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`
  );
}

/** An `ErrorResponse` body. */
export function anErrorResponse(
  code: string,
  options: { type?: string; message?: string; requestIdElement?: string } = {},
): string {
  const idElement = options.requestIdElement ?? 'RequestId';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${options.type ?? 'Sender'}</Type>` +
    `<Code>${code}</Code><Message>${options.message ?? 'Something is wrong.'}</Message></Error>` +
    `<${idElement}>err-1</${idElement}></ErrorResponse>`
  );
}

/** A `BillingAgreementDetails` element. */
export function aBillingAgreementDetailsXml(overrides?: Elements): string {
  return `<BillingAgreementDetails>${render(
    {
      AmazonBillingAgreementId: 'C01-1234567-1234567',
      BillingAgreementStatus:
        '<State>Open</State><LastUpdatedTimestamp>2015-11-01T10:00:00.000Z</LastUpdatedTimestamp>',
      ReleaseEnvironment: 'Sandbox',
      BillingAgreementLimits:
        `<AmountLimitPerTimePeriod>${amountXml('500')}</AmountLimitPerTimePeriod>` +
        `<CurrentRemainingBalance>${amountXml('490.01')}</CurrentRemainingBalance>` +
        '<TimePeriodStartDate>2015-11-01T00:00:00Z</TimePeriodStartDate>' +
        '<TimePeriodEndDate>2015-12-01T00:00:00Z</TimePeriodEndDate>',
      BillingAgreementConsent: 'true',
      CreationTimestamp: '2015-11-01T09:00:00.000Z',
      Buyer: '<Name>Some Buyer</Name><Email>buyer@example.com</Email>',
      Destination:
        '<DestinationType>Physical</DestinationType><PhysicalDestination><City>Chicago</City></PhysicalDestination>',
    },
    overrides,
  )}</BillingAgreementDetails>`;
}

/** An `AuthorizationDetails` element: a CaptureNow authorization, Closed/MaxCapturesProcessed. */
export function anAuthorizationDetailsXml(overrides?: Elements): string {
  return `<AuthorizationDetails>${render(
    {
      AuthorizationAmount: amountXml('9.99'),
      CapturedAmount: amountXml('9.99'),
      SoftDescriptor: 'AMZ*Coffee',
      ExpirationTimestamp: '2015-12-02T17:39:58.272Z',
      IdList: '<member>S01-7347515-9699585-C012416</member>',
      AuthorizationStatus:
        '<LastUpdateTimestamp>2015-11-02T17:39:58.272Z</LastUpdateTimestamp><State>Closed</State>' +
        '<ReasonCode>MaxCapturesProcessed</ReasonCode>',
      AuthorizationFee: amountXml('0.00'),
      CaptureNow: 'true',
      CreationTimestamp: '2015-11-02T17:39:58.272Z',
      SellerAuthorizationNote: '',
      AmazonAuthorizationId: 'S01-7347515-9699585-A012416',
      AuthorizationReferenceId: 'sub-42-2015-12',
    },
    overrides,
  )}</AuthorizationDetails>`;
}

/** A `CaptureDetails` element: Completed, nothing refunded. */
export function aCaptureDetailsXml(overrides?: Elements): string {
  return `<CaptureDetails>${render(
    {
      AmazonCaptureId: 'S01-7347515-9699585-C012416',
      CaptureReferenceId: 'sub-42-2015-12',
      SellerCaptureNote: '',
      CaptureAmount: amountXml('9.99'),
      RefundedAmount: amountXml('0'),
      CaptureFee: amountXml('0.00'),
      IdList: '',
      CreationTimestamp: '2015-11-02T17:39:58.272Z',
      CaptureStatus:
        '<State>Completed</State><LastUpdateTimestamp>2015-11-02T17:39:59.000Z</LastUpdateTimestamp>',
      SoftDescriptor: 'AMZ*Coffee',
    },
    overrides,
  )}</CaptureDetails>`;
}

/** A `RefundDetails` element: Pending. */
export function aRefundDetailsXml(overrides?: Elements): string {
  return `<RefundDetails>${render(
    {
      AmazonRefundId: 'S01-7347515-9699585-R072290',
      RefundReferenceId: 'refund-1',
      SellerRefundNote: '',
      RefundType: 'SellerInitiated',
      RefundAmount: amountXml('5.00'),
      FeeRefunded: amountXml('0.00'),
      CreationTimestamp: '2015-11-03T10:00:00.000Z',
      RefundStatus:
        '<State>Pending</State><LastUpdateTimestamp>2015-11-03T10:00:00.000Z</LastUpdateTimestamp>',
      SoftDescriptor: 'AMZ*Coffee',
    },
    overrides,
  )}</RefundDetails>`;
}
