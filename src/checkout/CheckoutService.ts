import { buildChargeDirective, type ChargeDirective } from '../amazonpay/chargeDirective';
import {
  parseChargeResult,
  parseConnectionsResponse,
  parseSetupResult,
} from '../amazonpay/connectionsResponse';
import type { AutopayConsent } from '../amazonpay/permissions';
import { toCheckoutLanguage } from '../amazonpay/regions';
import { buildSetupDirective, type SetupDirective } from '../amazonpay/setupDirective';
import { findProduct, unitPriceOf, type Catalog, type Product } from './Catalog';
import type { Logger } from './Logger';
import { addMoney, multiplyMoney, toMoney, type Currency } from './money';
import { toAuthorizationReferenceId, type Order, type OrderOutcomeRecord } from './Order';
import { OrderStatus } from './OrderStatus';
import type { OrderStore, StatusTransition } from './OrderStore';
import {
  classifyChargeResult,
  classifySetupResult,
  toChargeStatus,
  type ChargeOutcome,
  type SetupOutcome,
} from './outcomes';

/** The merchant's Amazon Pay settings, from config. */
export type MerchantSettings = {
  readonly sellerId: string;
  /** Spoken to the shopper as the seller and sent as storeName (at most 50 characters). */
  readonly storeName: string;
  readonly countryOfEstablishment: string;
  readonly ledgerCurrency: Currency;
  /** Present only in sandbox mode. */
  readonly sandbox?: { readonly customerEmail: string };
  /** Largest authorization per currency, in minor units. */
  readonly maxAmountMinor: Readonly<Record<string, number>>;
};

/** What CheckoutService needs; all of it injected so tests can fix the clock and the ids. */
export type CheckoutServiceDeps = {
  readonly store: OrderStore;
  readonly catalog: Catalog;
  readonly merchant: MerchantSettings;
  readonly clock: () => Date;
  readonly newOrderId: () => string;
  readonly logger: Logger;
  /** How long an order waits for the shopper's yes (default 15 minutes). */
  readonly orderTtlMs?: number;
};

/** Why a quantity was not accepted. */
export type QuantityProblem = 'notUnderstood' | 'notWhole' | 'tooFew' | 'tooMany';

/** What came of a shopper asking to buy something. */
export type StartOrderOutcome =
  | { readonly kind: 'created'; readonly order: Order }
  | { readonly kind: 'permissionRequired'; readonly consent: AutopayConsent }
  | { readonly kind: 'unknownProduct'; readonly products: ReadonlyArray<Product> }
  | {
      readonly kind: 'invalidQuantity';
      readonly problem: QuantityProblem;
      readonly product: Product;
      readonly maxQuantity: number;
    }
  /** The total would exceed the largest charge Amazon Pay takes at once. */
  | {
      readonly kind: 'overChargeLimit';
      readonly maxChargeMinor: number;
      readonly currency: Currency;
    };

/** What came of the shopper's yes to an order summary. */
export type ConfirmOrderOutcome =
  | { readonly kind: 'setup'; readonly directive: SetupDirective }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'notAwaiting'; readonly order: Order };

/** What came of the shopper's no (or stop) to an order summary. */
export type CancelOrderOutcome =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notAwaiting'; readonly order: Order };

/** What came of a Setup answer from Amazon Pay. */
export type SetupResultOutcome =
  | { readonly kind: 'charge'; readonly directive: ChargeDirective; readonly replay: boolean }
  | { readonly kind: 'setupFailed'; readonly outcome: SetupOutcome; readonly order: Order }
  | { readonly kind: 'unknownOrder' }
  | { readonly kind: 'stale'; readonly order: Order };

/** What came of a Charge answer from Amazon Pay. */
export type ChargeResultOutcome =
  | {
      readonly kind: 'completed';
      readonly outcome: ChargeOutcome;
      readonly order: Order;
      readonly replay: boolean;
    }
  | { readonly kind: 'unknownOrder' }
  | { readonly kind: 'stale'; readonly order: Order };

/** What a shopper's purchase request carries. */
export type StartOrderRequest = {
  readonly userId: string;
  readonly locale: string;
  readonly consent: AutopayConsent;
  readonly product: { readonly id?: string; readonly phrase?: string };
  /** The raw AMAZON.NUMBER slot value; undefined or empty means 1. */
  readonly quantity: string | undefined;
};

const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,26}$/;
const DEFAULT_ORDER_TTL_MS = 15 * 60 * 1000;

/** Tells whether a string can be one of our order ids (so a made-up token never reaches the store). */
export function isOrderId(value: string | undefined): value is string {
  return value !== undefined && ORDER_ID_PATTERN.test(value);
}

/**
 * Reads a quantity slot value. A missing value means 1; Alexa sends `"?"` for a number it heard
 * but could not read.
 */
export function parseQuantity(
  raw: string | undefined,
  maxQuantity: number,
): { kind: 'ok'; quantity: number } | { kind: 'problem'; problem: QuantityProblem } {
  if (raw === undefined || raw.trim() === '') return { kind: 'ok', quantity: 1 };
  const text = raw.trim();
  if (/^-\d+(\.\d+)?$/.test(text)) return { kind: 'problem', problem: 'tooFew' };
  if (/^\d+\.\d+$/.test(text)) return { kind: 'problem', problem: 'notWhole' };
  if (!/^\d+$/.test(text)) return { kind: 'problem', problem: 'notUnderstood' };
  // Compare as a string first: a 400-digit number must not become Infinity or lose digits.
  if (text.replace(/^0+/, '').length > String(maxQuantity).length) {
    return { kind: 'problem', problem: 'tooMany' };
  }
  const quantity = Number(text);
  if (quantity < 1) return { kind: 'problem', problem: 'tooFew' };
  if (quantity > maxQuantity) return { kind: 'problem', problem: 'tooMany' };
  return { kind: 'ok', quantity };
}

/**
 * The checkout: starts an order, confirms it, and takes Amazon Pay's Setup and Charge answers.
 *
 * Every status change is one conditional store write; business results come back as outcome
 * values, exceptions are for bugs and infrastructure only. No Charge directive is returned unless
 * the `charge-pending` write with its authorizationReferenceId has succeeded.
 *
 * @example
 * const checkout = new CheckoutService({ store, catalog, merchant, clock, newOrderId, logger });
 * const started = await checkout.startOrder({ userId, locale: 'en-US', consent: 'granted',
 *   product: { phrase: 'coffee' }, quantity: '2' });
 */
export class CheckoutService {
  private readonly deps: CheckoutServiceDeps;

  constructor(deps: CheckoutServiceDeps) {
    this.deps = deps;
  }

  /** The merchant settings the service charges with (for speech: the seller's name). */
  get merchant(): MerchantSettings {
    return this.deps.merchant;
  }

  /** The catalog the service sells from. */
  get catalog(): Catalog {
    return this.deps.catalog;
  }

  /** Checks consent, product and quantity, then creates an order awaiting the shopper's yes. */
  async startOrder(request: StartOrderRequest): Promise<StartOrderOutcome> {
    if (request.consent !== 'granted') {
      return { kind: 'permissionRequired', consent: request.consent };
    }
    const { catalog, merchant } = this.deps;
    const product = findProduct(catalog, request.product);
    if (product === undefined) return { kind: 'unknownProduct', products: catalog.products };
    const quantity = parseQuantity(request.quantity, product.maxQuantity);
    if (quantity.kind === 'problem') {
      return {
        kind: 'invalidQuantity',
        problem: quantity.problem,
        product,
        maxQuantity: product.maxQuantity,
      };
    }
    const currency = merchant.ledgerCurrency;
    const unit = unitPriceOf(product, currency);
    const subtotal = multiplyMoney(unit, quantity.quantity);
    const shipping = toMoney(catalog.shippingMinor[currency], currency);
    // Integer rounding half up, in minor units; never through floats of the decimal amount.
    const tax = toMoney(
      Math.floor((subtotal.amountMinor * catalog.taxRateBasisPoints + 5000) / 10000),
      currency,
    );
    const total = addMoney(subtotal, shipping, tax);
    const max = merchant.maxAmountMinor[currency];
    if (max !== undefined && total.amountMinor > max) {
      return { kind: 'overChargeLimit', maxChargeMinor: max, currency };
    }
    const now = this.deps.clock();
    const at = now.toISOString();
    const order: Order = {
      orderId: this.deps.newOrderId(),
      userId: request.userId,
      status: OrderStatus.AwaitingConfirmation,
      version: 1,
      locale: request.locale,
      currency,
      lines: [
        {
          productId: product.id,
          name: product.name,
          quantity: quantity.quantity,
          unitPriceMinor: unit.amountMinor,
        },
      ],
      subtotalMinor: subtotal.amountMinor,
      shippingMinor: shipping.amountMinor,
      taxMinor: tax.amountMinor,
      totalMinor: total.amountMinor,
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(
        now.getTime() + (this.deps.orderTtlMs ?? DEFAULT_ORDER_TTL_MS),
      ).toISOString(),
      attempt: 0,
      history: [{ status: OrderStatus.AwaitingConfirmation, at }],
    };
    await this.deps.store.create(order);
    this.deps.logger.info('order created', {
      orderId: order.orderId,
      totalMinor: order.totalMinor,
      currency,
    });
    return { kind: 'created', order };
  }

  /**
   * Moves an order awaiting confirmation to `setup-pending` and returns the Setup directive.
   * A repeated yes for an order already in `setup-pending` gets the same directive again (Setup
   * never charges).
   */
  async confirmOrder(request: {
    readonly userId: string;
    readonly orderId: string;
    readonly locale: string;
  }): Promise<ConfirmOrderOutcome> {
    if (!isOrderId(request.orderId)) return { kind: 'notFound' };
    // Built and validated before the write: an invalid Setup never moves the order.
    const directive = this.buildSetup(request.orderId, request.locale);
    const at = this.now();
    const result = await this.deps.store.transition({
      orderId: request.orderId,
      userId: request.userId,
      from: OrderStatus.AwaitingConfirmation,
      to: OrderStatus.SetupPending,
      at,
      notExpiredAt: at,
    });
    if (result.kind === 'applied') {
      this.deps.logger.info('setup sent', { orderId: request.orderId });
      return { kind: 'setup', directive };
    }
    const current = result.current;
    if (current === undefined || current.userId !== request.userId) return { kind: 'notFound' };
    if (current.status === OrderStatus.SetupPending) return { kind: 'setup', directive };
    if (current.status === OrderStatus.AwaitingConfirmation) {
      // The only other reason the write failed: the order has expired. Cancel it for good.
      await this.deps.store.transition({
        orderId: current.orderId,
        userId: request.userId,
        from: OrderStatus.AwaitingConfirmation,
        to: OrderStatus.Cancelled,
        at,
      });
      return { kind: 'expired' };
    }
    return { kind: 'notAwaiting', order: current };
  }

  /** Cancels an order that still awaits the shopper's yes. */
  async cancelOrder(request: {
    readonly userId: string;
    readonly orderId: string;
  }): Promise<CancelOrderOutcome> {
    if (!isOrderId(request.orderId)) return { kind: 'notFound' };
    const result = await this.deps.store.transition({
      orderId: request.orderId,
      userId: request.userId,
      from: OrderStatus.AwaitingConfirmation,
      to: OrderStatus.Cancelled,
      at: this.now(),
    });
    if (result.kind === 'applied') {
      this.deps.logger.info('order cancelled', { orderId: request.orderId });
      return { kind: 'cancelled' };
    }
    const current = result.current;
    if (current === undefined || current.userId !== request.userId) return { kind: 'notFound' };
    if (current.status === OrderStatus.Cancelled) return { kind: 'cancelled' };
    return { kind: 'notAwaiting', order: current };
  }

  /**
   * Takes a Setup `Connections.Response`: with an OPEN agreement from the expected environment the
   * order moves to `charge-pending` with its authorizationReferenceId, and only then is the Charge
   * directive returned. A re-delivered answer gets the same Charge directive and writes nothing.
   */
  async takeSetupResult(request: {
    readonly userId: string;
    readonly connectionsResponse: unknown;
  }): Promise<SetupResultOutcome> {
    const parts = parseConnectionsResponse(request.connectionsResponse);
    const orderId = parts.token;
    if (!isOrderId(orderId)) return { kind: 'unknownOrder' };
    const outcome = classifySetupResult(parseSetupResult(parts), this.expectedEnvironment());
    const at = this.now();
    const record: OrderOutcomeRecord = {
      operation: 'Setup',
      kind: outcome.kind === 'failed' ? `failed:${outcome.category}` : outcome.kind,
      ...(outcome.kind !== 'approved' && outcome.code !== undefined && { code: outcome.code }),
      ...(parts.statusCode !== undefined && { statusCode: parts.statusCode }),
    };
    this.deps.logger.info('setup result', {
      orderId,
      outcome: record.kind,
      code: record.code,
      statusCode: parts.statusCode,
    });

    if (outcome.kind !== 'approved') {
      const failed = await this.deps.store.transition({
        orderId,
        userId: request.userId,
        from: OrderStatus.SetupPending,
        to: OrderStatus.Failed,
        at,
        changes: { lastOutcome: record },
      });
      if (failed.kind === 'applied') return { kind: 'setupFailed', outcome, order: failed.order };
      const current = failed.current;
      if (current === undefined || current.userId !== request.userId) {
        return { kind: 'unknownOrder' };
      }
      if (current.status === OrderStatus.Failed && sameOutcome(current.lastOutcome, record)) {
        return { kind: 'setupFailed', outcome, order: current };
      }
      return { kind: 'stale', order: current };
    }

    const attempt = 1;
    const authorizationReferenceId = toAuthorizationReferenceId(orderId, attempt);
    const transition: StatusTransition = {
      orderId,
      userId: request.userId,
      from: OrderStatus.SetupPending,
      to: OrderStatus.ChargePending,
      at,
      expectedAttempt: 0,
      changes: {
        attempt,
        authorizationReferenceId,
        billingAgreementId: outcome.billingAgreementId,
        lastOutcome: record,
      },
    };
    const result = await this.deps.store.transition(transition);
    if (result.kind === 'applied') {
      return this.chargeOrFail(result.order, false);
    }
    const current = result.current;
    if (current === undefined || current.userId !== request.userId) return { kind: 'unknownOrder' };
    if (
      current.status === OrderStatus.ChargePending &&
      current.billingAgreementId === outcome.billingAgreementId
    ) {
      // The same Setup answer again: the same Charge, with the same persisted reference id.
      return this.chargeOrFail(current, true);
    }
    return { kind: 'stale', order: current };
  }

  /**
   * Takes a Charge `Connections.Response` for an order in `charge-pending` and records its final
   * status. A re-delivered answer for an order that already holds the status this answer produced
   * replays the confirmation and writes nothing; any other stale answer changes nothing.
   */
  async takeChargeResult(request: {
    readonly userId: string;
    readonly connectionsResponse: unknown;
  }): Promise<ChargeResultOutcome> {
    const parts = parseConnectionsResponse(request.connectionsResponse);
    const orderId = parts.token;
    if (!isOrderId(orderId)) return { kind: 'unknownOrder' };
    const order = await this.deps.store.get(orderId);
    if (order === undefined || order.userId !== request.userId) return { kind: 'unknownOrder' };
    const parsed = parseChargeResult(parts);
    const outcome = classifyChargeResult(parsed, {
      authorizationReferenceId:
        order.authorizationReferenceId ?? toAuthorizationReferenceId(orderId, order.attempt),
      totalMinor: order.totalMinor,
      currency: order.currency,
    });
    const status = toChargeStatus(outcome);
    if (order.status !== OrderStatus.ChargePending) {
      return order.status === status
        ? { kind: 'completed', outcome, order, replay: true }
        : { kind: 'stale', order };
    }
    const authorization =
      parsed.kind === 'authorization'
        ? {
            ...(parsed.amazonAuthorizationId !== undefined && {
              amazonAuthorizationId: parsed.amazonAuthorizationId.slice(0, 100),
            }),
            ...(parsed.amazonOrderReferenceId !== undefined && {
              amazonOrderReferenceId: parsed.amazonOrderReferenceId.slice(0, 100),
            }),
          }
        : {};
    const record: OrderOutcomeRecord = {
      operation: 'Charge',
      kind: outcome.kind,
      ...(outcomeCode(outcome) !== undefined && { code: outcomeCode(outcome) }),
      ...(parts.statusCode !== undefined && { statusCode: parts.statusCode }),
    };
    this.deps.logger.info('charge result', {
      orderId,
      outcome: outcome.kind,
      code: record.code,
      statusCode: parts.statusCode,
      status,
    });
    const result = await this.deps.store.transition({
      orderId,
      userId: request.userId,
      from: OrderStatus.ChargePending,
      to: status,
      at: this.now(),
      expectedAttempt: order.attempt,
      changes: { lastOutcome: record, ...authorization },
    });
    if (result.kind === 'applied') {
      return { kind: 'completed', outcome, order: result.order, replay: false };
    }
    const current = result.current;
    if (current === undefined) return { kind: 'unknownOrder' };
    return current.status === status
      ? { kind: 'completed', outcome, order: current, replay: true }
      : { kind: 'stale', order: current };
  }

  private async chargeOrFail(order: Order, replay: boolean): Promise<SetupResultOutcome> {
    try {
      return { kind: 'charge', directive: this.buildCharge(order), replay };
    } catch (error) {
      // A Charge that fails validation is a bug: the order must not wait for a charge forever.
      this.deps.logger.error('charge directive invalid', {
        orderId: order.orderId,
        error: error instanceof Error ? error.message : 'unknown',
      });
      const failed = await this.deps.store.transition({
        orderId: order.orderId,
        userId: order.userId,
        from: OrderStatus.ChargePending,
        to: OrderStatus.Failed,
        at: this.now(),
        changes: { lastOutcome: { operation: 'Charge', kind: 'failed:invalidDirective' } },
      });
      const outcome: SetupOutcome = {
        kind: 'failed',
        category: 'error',
        code: undefined,
        amazonSpoke: false,
      };
      return {
        kind: 'setupFailed',
        outcome,
        order: failed.kind === 'applied' ? failed.order : order,
      };
    }
  }

  private buildSetup(orderId: string, locale: string): SetupDirective {
    const { merchant } = this.deps;
    return buildSetupDirective({
      token: orderId,
      sellerId: merchant.sellerId,
      countryOfEstablishment: merchant.countryOfEstablishment,
      ledgerCurrency: merchant.ledgerCurrency,
      checkoutLanguage: toCheckoutLanguage(locale, merchant.countryOfEstablishment),
      // Real-world goods are shipped: Amazon returns the default shipping address.
      needAmazonShippingAddress: true,
      storeName: merchant.storeName,
      sellerBillingAgreementId: orderId,
      ...(merchant.sandbox !== undefined && { sandbox: merchant.sandbox }),
    });
  }

  private buildCharge(order: Order): ChargeDirective {
    const { merchant } = this.deps;
    if (order.billingAgreementId === undefined || order.authorizationReferenceId === undefined) {
      throw new Error('order in charge-pending lacks its agreement or reference id');
    }
    return buildChargeDirective({
      token: order.orderId,
      sellerId: merchant.sellerId,
      billingAgreementId: order.billingAgreementId,
      paymentAction: 'AuthorizeAndCapture',
      authorizationReferenceId: order.authorizationReferenceId,
      amount: { amountMinor: order.totalMinor, currency: order.currency },
      ledgerCurrency: merchant.ledgerCurrency,
      maxAmountMinor: merchant.maxAmountMinor,
      sellerOrderId: order.orderId,
      storeName: merchant.storeName,
      sellerNote: describeLines(order),
    });
  }

  private expectedEnvironment(): 'LIVE' | 'SANDBOX' {
    return this.deps.merchant.sandbox === undefined ? 'LIVE' : 'SANDBOX';
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}

/** The order's lines as the seller note Amazon Pay puts in the buyer's email (at most 1024). */
function describeLines(order: Order): string {
  const text = order.lines.map((line) => `${line.quantity} x ${line.name}`).join(', ');
  // Cut by characters, never inside a surrogate pair, and never ending on a blank.
  return [...text].slice(0, 1024).join('').trim();
}

function outcomeCode(outcome: ChargeOutcome): string | undefined {
  switch (outcome.kind) {
    case 'declined':
      return outcome.reason;
    case 'heldForReview':
      return outcome.reason;
    case 'permissionRequired':
    case 'voicePurchaseDisabled':
    case 'failed':
      return outcome.code;
    case 'approved':
    case 'certificationTest':
      return undefined;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function sameOutcome(a: OrderOutcomeRecord | undefined, b: OrderOutcomeRecord): boolean {
  return a !== undefined && a.operation === b.operation && a.kind === b.kind && a.code === b.code;
}
