/**
 * A notice for the merchant that an agreement stopped being charged: suspended (payment method
 * declined, rejected, or a request that kept failing) or closed by Amazon.
 *
 * It carries the customer key so that the merchant's notifier can reach the customer; the notice
 * itself is never logged.
 */
export type AgreementNotice = {
  readonly kind: 'suspended' | 'closed';
  readonly billingAgreementId: string;
  readonly customerKey: string;
  readonly productId: string;
  /** Amazon's reason or error code. */
  readonly reason: string;
  readonly authorizationReferenceId: string;
  readonly at: string;
};

/** Where the billing job sends agreement notices (e-mail, a queue, a ticket); optional. */
export interface Notifier {
  notify(notice: AgreementNotice): Promise<void>;
}
