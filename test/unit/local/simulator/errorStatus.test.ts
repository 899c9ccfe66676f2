import { SIMULATED_ERROR_STATUS } from '../../../../src/local/simulator/errorStatus';

describe('SIMULATED_ERROR_STATUS', () => {
  // Every error code of the protocol page, sections 5.1 to 5.5, with the status it gives or 400.
  it.each<[string, string, string]>([
    ['5.1', 'UnsupportedClientPlatform', '403'],
    ['5.1', 'InvalidShippingAddress', '400'],
    ['5.1', 'InvalidAccountStatus', '403'],
    ['5.1', 'InvalidMerchantAccountStatus', '403'],
    ['5.1', 'RequestThrottled', '429'],
    ['5.2', 'InvalidParameterValue', '400'],
    ['5.2', 'InvalidSellerId', '400'],
    ['5.2', 'UnauthorizedAccess', '400'],
    ['5.2', 'InvalidSandboxCustomerEmail', '400'],
    ['5.2', 'BuyerEqualsSeller', '400'],
    ['5.2', 'UnsupportedCountryOfEstablishment', '400'],
    ['5.2', 'UnsupportedCurrency', '400'],
    ['5.2', 'ReleaseEnvironmentNotAllowed', '400'],
    ['5.2', 'InvalidBillingAgreementType', '400'],
    ['5.2', 'InvalidSubscriptionAmount', '400'],
    ['5.2', 'MissingSkillManifestData', '400'],
    ['5.3', 'ACCESS_DENIED', '403'],
    ['5.3', 'ACCESS_NOT_REQUESTED', '403'],
    ['5.3', 'FORBIDDEN', '403'],
    ['5.3', 'MissingPermissionsToAccessResource', '403'],
    ['5.3', 'VoicePurchaseNotEnabled', '403'],
    ['5.4', 'InvalidBillingAgreementId', '400'],
    ['5.4', 'BillingAgreementNotFound', '400'],
    ['5.4', 'InvalidBillingAgreementStatus', '400'],
    ['5.4', 'InvalidAuthorizationAmount', '400'],
    ['5.4', 'InvalidPaymentAction', '400'],
    ['5.4', 'DuplicateRequest', '400'],
    ['5.4', 'PeriodicAmountExceeded', '400'],
    ['5.4', 'ProviderNotAuthorized', '400'],
    ['5.4', 'InternalServerError', '500'],
    ['5.4', 'ServiceUnavailable', '503'],
    ['5.5', 'InvalidPaymentMethod', '400'],
    ['5.5', 'AmazonRejected', '400'],
    ['5.5', 'TransactionTimedOut', '400'],
    ['5.5', 'ProcessingFailure', '400'],
    ['5.6', 'PaymentAuthenticationFailed', '400'],
    ['5.6', 'PaymentAuthenticationAbandoned', '400'],
    ['5.6', 'PaymentAuthenticationNotSupported', '400'],
    ['8', 'InvalidSandboxSimulationSpecified', '400'],
  ])('gives the section %s code %s the status %s', (_section, errorCode, status) => {
    expect(SIMULATED_ERROR_STATUS[errorCode]).toBe(status);
  });

  it('holds only HTTP-like error statuses a forced error accepts', () => {
    for (const status of Object.values(SIMULATED_ERROR_STATUS)) {
      expect(status).toMatch(/^[45][0-9]{2}$/);
    }
  });

  it('has no entry for a code the page does not name', () => {
    expect(SIMULATED_ERROR_STATUS['NoSuchCode']).toBeUndefined();
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(SIMULATED_ERROR_STATUS)).toBe(true);
  });
});
