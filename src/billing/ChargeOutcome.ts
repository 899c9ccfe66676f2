import type { MwsFailureCategory } from './MwsFailureCategory';

/**
 * What happened to one charge attempt, classified from Amazon's answers; recorded on the charge.
 *
 * - `captured`: AuthorizeOnBillingAgreement with CaptureNow answered Open or Closed
 *   (MaxCapturesProcessed) with a capture id;
 * - `declined`: the authorization was Declined with `reasonCode` (InvalidPaymentMethod,
 *   AmazonRejected, ProcessingFailure, TransactionTimedOut, or a code Amazon may add);
 * - `notCaptured`: the authorization came back Open or Closed without a capture (AmazonClosed,
 *   ExpiredUnused);
 * - `authorizationPending`: the authorization is still Pending (never with TransactionTimeout 0);
 * - `agreementNotOpen`: GetBillingAgreementDetails reports the agreement Suspended, Closed, Canceled
 *   or Draft; no authorization was asked for;
 * - `limitExceeded`: the amount is more than what remains of the agreement's monthly limit (read
 *   before the call, or answered PeriodicAmountExceeded);
 * - `mwsFailure`: a call failed with an MWS error, classified by `category`.
 *
 * See https://developer.amazon.com/docs/eu/amazon-pay-automatic/prepare-declined-authorizations.html
 * and https://developer.amazon.com/docs/eu/amazon-pay-api/authorization-states-and-reason-codes.html.
 */
export type ChargeOutcome =
  | {
      readonly kind: 'captured';
      readonly amazonAuthorizationId: string;
      readonly amazonOrderReferenceId: string;
      readonly amazonCaptureIds: ReadonlyArray<string>;
    }
  | {
      readonly kind: 'declined';
      readonly reasonCode: string;
      readonly amazonAuthorizationId: string;
      readonly softDecline?: boolean;
    }
  | {
      readonly kind: 'notCaptured';
      readonly authorizationState: 'Open' | 'Closed';
      readonly reasonCode?: string;
      readonly amazonAuthorizationId: string;
    }
  | { readonly kind: 'authorizationPending'; readonly amazonAuthorizationId: string }
  | {
      readonly kind: 'agreementNotOpen';
      readonly agreementState: string;
      readonly reasonCode?: string;
    }
  | {
      readonly kind: 'limitExceeded';
      readonly remainingMinor?: number;
      /** When the agreement's limit period ends (`TimePeriodEndDate`), when known. */
      readonly periodEndsAt?: string;
    }
  | {
      readonly kind: 'mwsFailure';
      readonly operation: string;
      readonly category: MwsFailureCategory;
      /** The client error's class name, such as `MwsTimeoutError`. */
      readonly errorName: string;
      readonly code?: string;
      readonly statusCode?: number;
    };

/** The kinds of ChargeOutcome. */
export type ChargeOutcomeKind = ChargeOutcome['kind'];
