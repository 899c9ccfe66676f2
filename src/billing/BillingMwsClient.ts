import type { MwsCallOptions } from '../amazonpay/mws/MwsClient';
import type {
  AuthorizeOnBillingAgreementRequest,
  AuthorizeOnBillingAgreementResult,
  GetBillingAgreementDetailsRequest,
  GetBillingAgreementDetailsResult,
} from '../amazonpay/mws/types';

/** The two MWS calls the billing job makes; `MwsClient` implements them. */
export interface BillingMwsClient {
  getBillingAgreementDetails(
    request: GetBillingAgreementDetailsRequest,
    options?: MwsCallOptions,
  ): Promise<GetBillingAgreementDetailsResult>;

  authorizeOnBillingAgreement(
    request: AuthorizeOnBillingAgreementRequest,
    options?: MwsCallOptions,
  ): Promise<AuthorizeOnBillingAgreementResult>;
}
