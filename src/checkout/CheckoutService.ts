import { buildChargeDirective, type ChargeDirective } from '../amazonpay/chargeDirective';
import { parseAmazonPayAmount, toAmazonPayAmount } from '../amazonpay/amount';
import {
  parseChargeResult,
  parseConnectionsResponse,
  parseSetupResult,
  type ChargeResult,
  type ConnectionsResponseParts,
} from '../amazonpay/connectionsResponse';
import type { AutopayConsent } from '../amazonpay/permissions';
import { toCheckoutLanguage } from '../amazonpay/regions';
import { toSimulationNote, type SandboxSimulation } from '../amazonpay/sandboxSimulation';
import {
  BillingAgreementType,
  buildSetupDirective,
  type SetupDirective,
} from '../amazonpay/setupDirective';
import type { Agreement } from '../billing/Agreement';
import type { AgreementStore } from '../billing/AgreementStore';
import { toCustomerKey } from '../billing/buildAgreement';
import type { NewAgreement } from '../billing/NewAgreement';
import type { AddressUnavailableReason, ShopperFacts } from './AddressLookup';
import { findProduct, unitPriceOf, type Catalog, type Product } from './Catalog';
import {
  quoteDelivery,
  sameDeliveryBasis,
  type DeliveryBasis,
  type Destination,
} from './deliveryQuote';
import { toCaptureChanges } from './captureChanges';
import { CheckoutError } from './errors';
import { billingOfOrder, hasChargeLaterProducts } from './orderBilling';
import type { ProductBilling } from './ProductBilling';
import type { Logger } from './Logger';
import { addMoney, multiplyMoney, toMoney, type Currency } from './money';
import {
  toAuthorizationReferenceId,
  type Order,
  type OrderLine,
  type OrderOutcomeRecord,
} from './Order';
import { CHARGED_STATUSES, OrderStatus } from './OrderStatus';
import type { OrderStore, QueryableOrderStore } from './OrderStore';
import { classifyChargeResult, classifySetupResult, type ChargeClassification } from './outcomes';
import {
  AGREEMENT_STATUS_ROWS,
  FALLBACK_ROWS,
  findRowById,
  Retry,
  type OutcomeRow,
} from './outcomeTable';

/** The merchant's Amazon Pay settings, from config. */
export type MerchantSettings = {
  readonly sellerId: string;
  /** Spoken to the shopper as the seller and sent as storeName (at most 50 characters). */
  readonly storeName: string;
  readonly countryOfEstablishment: string;
  readonly ledgerCurrency: Currency;
  /** Present only in sandbox mode; `simulation` makes every Charge ask for that sandbox outcome. */
  readonly sandbox?: { readonly customerEmail: string; readonly simulation?: SandboxSimulation };
  /** Largest authorization per currency, in minor units. */
  readonly maxAmountMinor: Readonly<Record<string, number>>;
  /**
   * When the shopper's address cannot be had: `flat` prices the order with the catalog's flat
   * shipping (and the reply says so), `stop` takes no order. Default `flat`.
   */
  readonly addressUnavailablePolicy?: 'flat' | 'stop';
};

/** What CheckoutService needs; all of it injected so tests can fix the clock and the ids. */
export type CheckoutServiceDeps = {
  readonly store: CheckoutStore;
  readonly catalog: Catalog;
  readonly merchant: MerchantSettings;
  readonly clock: () => Date;
  readonly newOrderId: () => string;
  readonly logger: Logger;
  /** How long an order waits for the shopper's yes (default 15 minutes). */
  readonly orderTtlMs?: number;
  /**
   * Where the billing agreements of orders charged later are kept for the merchant's billing job.
   * Absent: the catalog's charge-later products are not sold (they are not found).
   */
  readonly agreements?: AgreementStore;
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
    }
  /** The shopper's default address is in a country (or region) the shop does not deliver to. */
  | { readonly kind: 'undeliverable'; readonly reason: 'country' | 'region' }
  /** The address could not be had and the merchant's policy is to stop. */
  | { readonly kind: 'addressUnavailable'; readonly reason: AddressUnavailableReason };

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
  /**
   * An order charged later with an OPEN agreement: the agreement is stored for the billing job,
   * the order is `subscribed`, and nothing is charged now. `replay` for a re-delivered answer.
   */
  | {
      readonly kind: 'subscribed';
      readonly order: Order;
      readonly billing: ProductBilling;
      readonly agreement: Agreement;
      readonly replay: boolean;
    }
  /** Anything but an OPEN agreement: the row says what the shopper hears and the order's status. */
  | { readonly kind: 'answered'; readonly row: OutcomeRow; readonly order: Order }
  | { readonly kind: 'unknownOrder' }
  | { readonly kind: 'stale'; readonly order: Order };

/** What came of a Charge answer from Amazon Pay. */
export type ChargeResultOutcome =
  | {
      readonly kind: 'answered';
      readonly row: OutcomeRow;
      readonly order: Order;
      readonly replay: boolean;
    }
  | { readonly kind: 'unknownOrder' }
  | { readonly kind: 'stale'; readonly order: Order };

/** How a shopper's last order can be tried again. */
export type RetryPlan = 'resendSetup' | 'resendCharge' | 'nextAttempt' | 'reorder';

/** Where a returning shopper's last order stands. */
export type WelcomeBackOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'awaiting'; readonly order: Order }
  | { readonly kind: 'retryable'; readonly order: Order; readonly plan: RetryPlan }
  | { readonly kind: 'unpaid'; readonly order: Order }
  | { readonly kind: 'settled'; readonly order: Order };

/** What came of trying the last order again. */
export type RetryOrderOutcome =
  | { readonly kind: 'setup'; readonly directive: SetupDirective }
  | { readonly kind: 'charge'; readonly directive: ChargeDirective }
  | { readonly kind: 'reordered'; readonly order: Order }
  | { readonly kind: 'nothingToRetry'; readonly order: Order }
  | { readonly kind: 'notFound' };

/** The checkout's view of the store: the port, plus the shopper's latest order when available. */
export type CheckoutStore = OrderStore &
  Partial<Pick<QueryableOrderStore, 'latestOrderForUser' | 'latestOrderForBuyer'>>;

/** What a shopper's purchase request carries. */
export type StartOrderRequest = {
  readonly userId: string;
  readonly locale: string;
  readonly consent: AutopayConsent;
  readonly product: { readonly id?: string; readonly phrase?: string };
  /** The raw AMAZON.NUMBER slot value; undefined or empty means 1. */
  readonly quantity: string | undefined;
  /**
   * Asks the Buyer APIs for the shopper's buyer id and default address; called only once the
   * product and quantity are valid. Absent: neither is known (flat-rate policy applies).
   */
  readonly lookUpShopper?: () => Promise<ShopperFacts>;
};

const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,26}$/;
const DEFAULT_ORDER_TTL_MS = 15 * 60 * 1000;
/** The most Charge attempts one order gets (each with its own reference id). */
const MAX_CHARGE_ATTEMPTS = 5;

/**
 * Reads the token of a Charge answer: the authorizationReferenceId `${orderId}-${attempt}`.
 * Returns undefined for anything else, so a made-up token never reaches the store.
 */
export function parseChargeToken(
  token: string | undefined,
): { readonly orderId: string; readonly attempt: number } | undefined {
  const match = token === undefined ? null : /^([A-Za-z0-9_-]{1,26})-([1-9]\d{0,4})$/.exec(token);
  const orderId = match?.[1];
  const attempt = match?.[2];
  if (orderId === undefined || attempt === undefined) return undefined;
  return { orderId, attempt: Number(attempt) };
}

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
    // Without an agreement store nothing charged later can be stored: such products are not sold.
    this.deps =
      deps.agreements === undefined && hasChargeLaterProducts(deps.catalog)
        ? { ...deps, catalog: withoutChargeLater(deps.catalog) }
        : deps;
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
    const { catalog } = this.deps;
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
    const facts: ShopperFacts = (await request.lookUpShopper?.()) ?? {
      address: { kind: 'unavailable', reason: 'notAsked' },
    };
    const { address, buyerId } = facts;
    let destination: Destination | undefined;
    if (address.kind === 'found') {
      destination = address.destination;
    } else if (this.deps.merchant.addressUnavailablePolicy === 'stop') {
      this.deps.logger.warn('no order: address unavailable', { reason: address.reason });
      return { kind: 'addressUnavailable', reason: address.reason };
    } else {
      this.deps.logger.info('flat shipping: address unavailable', { reason: address.reason });
    }
    const created = await this.createOrder(
      request.userId,
      request.locale,
      [{ productId: product.id, quantity: quantity.quantity }],
      { destination, ...(buyerId !== undefined && { buyerId }) },
    );
    return created.kind === 'unavailable'
      ? { kind: 'unknownProduct', products: catalog.products }
      : created;
  }

  /**
   * Prices lines from the catalog in the ledger currency (subtotal; shipping and tax, rounded half
   * up in minor units, of the destination's delivery zone, or flat without a destination) and
   * stores a new order awaiting confirmation.
   */
  private async createOrder(
    userId: string,
    locale: string,
    wanted: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>,
    pricing: { readonly destination: Destination | undefined; readonly buyerId?: string },
  ): Promise<
    | Extract<StartOrderOutcome, { kind: 'created' | 'overChargeLimit' | 'undeliverable' }>
    | { kind: 'unavailable' }
  > {
    const { catalog, merchant } = this.deps;
    const currency = merchant.ledgerCurrency;
    const lines: OrderLine[] = [];
    for (const line of wanted) {
      const product = catalog.products.find((p) => p.id === line.productId);
      if (product === undefined || line.quantity < 1 || line.quantity > product.maxQuantity) {
        return { kind: 'unavailable' };
      }
      lines.push({
        productId: product.id,
        name: product.name,
        quantity: line.quantity,
        unitPriceMinor: unitPriceOf(product, currency).amountMinor,
      });
    }
    const subtotal = addMoney(
      toMoney(0, currency),
      ...lines.map((l) => multiplyMoney(toMoney(l.unitPriceMinor, currency), l.quantity)),
    );
    const quote = quoteDelivery(catalog, currency, subtotal.amountMinor, pricing.destination);
    if (quote.kind === 'undeliverable') {
      if (quote.reason === 'incomplete') {
        // An address without a country decides nothing: the same as no address at all.
        return this.createOrder(userId, locale, wanted, {
          destination: undefined,
          ...(pricing.buyerId !== undefined && { buyerId: pricing.buyerId }),
        });
      }
      this.deps.logger.info('no order: undeliverable', { reason: quote.reason });
      return { kind: 'undeliverable', reason: quote.reason };
    }
    const shipping = toMoney(quote.shippingMinor, currency);
    const tax = toMoney(quote.taxMinor, currency);
    const total = addMoney(subtotal, shipping, tax);
    const max = merchant.maxAmountMinor[currency];
    if (max !== undefined && total.amountMinor > max) {
      return { kind: 'overChargeLimit', maxChargeMinor: max, currency };
    }
    const now = this.deps.clock();
    const at = now.toISOString();
    const order: Order = {
      orderId: this.deps.newOrderId(),
      userId,
      status: OrderStatus.AwaitingConfirmation,
      version: 1,
      locale,
      currency,
      lines,
      subtotalMinor: subtotal.amountMinor,
      shippingMinor: shipping.amountMinor,
      taxMinor: tax.amountMinor,
      totalMinor: total.amountMinor,
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(
        now.getTime() + (this.deps.orderTtlMs ?? DEFAULT_ORDER_TTL_MS),
      ).toISOString(),
      ...(pricing.buyerId !== undefined && { buyerId: pricing.buyerId }),
      delivery: quote.basis,
      ...(billingOfOrder(catalog, { lines }) !== undefined && { chargeLater: true as const }),
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
      return { kind: 'setup', directive: this.setupFor(result.order, request.locale, directive) };
    }
    const current = result.current;
    if (current === undefined || current.userId !== request.userId) return { kind: 'notFound' };
    if (current.status === OrderStatus.SetupPending) {
      return { kind: 'setup', directive: this.setupFor(current, request.locale, directive) };
    }
    if (current.status === OrderStatus.AwaitingConfirmation && current.expiresAt > at) {
      // Still waiting and not expired: the condition failed for a reason that has passed (a
      // concurrent write, a store hiccup). Never cancel on a guess: let the shopper say yes again.
      throw new CheckoutError('the confirmation write was refused for an order still waiting');
    }
    if (current.status === OrderStatus.AwaitingConfirmation) {
      // Expired: cancel it for good.
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
    refuseIfUnchanged(current, OrderStatus.AwaitingConfirmation);
    return { kind: 'notAwaiting', order: current };
  }

  /**
   * Takes a Setup `Connections.Response`: with an OPEN agreement from the expected environment the
   * order moves to `charge-pending` with its authorizationReferenceId, and only then is the Charge
   * directive returned. Any other answer is classified by the outcome table and recorded. A
   * re-delivered answer gets the same reply and writes nothing.
   */
  async takeSetupResult(request: {
    readonly userId: string;
    readonly connectionsResponse: unknown;
  }): Promise<SetupResultOutcome> {
    const parts = parseConnectionsResponse(request.connectionsResponse);
    const orderId = parts.token;
    if (!isOrderId(orderId)) return { kind: 'unknownOrder' };
    const classified = this.checkDestination(
      classifySetupResult(parseSetupResult(parts), this.expectedEnvironment()),
    );
    const { row } = classified;
    const record = toRecord('Setup', row, classified.code, parts.statusCode);
    this.logOutcome(orderId, row, classified.code, parts.statusCode);
    const at = this.now();

    if (classified.billingAgreementId === undefined) {
      if (row.status === 'unchanged') {
        const order = await this.deps.store.get(orderId);
        if (order === undefined || order.userId !== request.userId) return { kind: 'unknownOrder' };
        return order.status === OrderStatus.SetupPending
          ? { kind: 'answered', row, order }
          : { kind: 'stale', order };
      }
      const failed = await this.deps.store.transition({
        orderId,
        userId: request.userId,
        from: OrderStatus.SetupPending,
        to: row.status,
        at,
        changes: { lastOutcome: record },
      });
      if (failed.kind === 'applied') return { kind: 'answered', row, order: failed.order };
      const current = failed.current;
      if (current === undefined || current.userId !== request.userId) {
        return { kind: 'unknownOrder' };
      }
      if (current.status === row.status && sameOutcome(current.lastOutcome, record)) {
        return { kind: 'answered', row, order: current };
      }
      refuseIfUnchanged(current, OrderStatus.SetupPending);
      return { kind: 'stale', order: current };
    }

    // A catalog selling something charged later: the write to charge-pending also requires a
    // charge-now order, so that a subscription's Setup is refused there and stored below, and a
    // charge-now Setup answer still costs one write and no read.
    const agreements = this.deps.agreements;
    const chargeLaterSold = agreements !== undefined && hasChargeLaterProducts(this.deps.catalog);
    const attempt = 1;
    const result = await this.deps.store.transition({
      orderId,
      userId: request.userId,
      from: OrderStatus.SetupPending,
      to: OrderStatus.ChargePending,
      at,
      expectedAttempt: 0,
      ...(classified.delivery !== undefined && { expectedDelivery: classified.delivery }),
      ...(chargeLaterSold && { expectedChargeNow: true }),
      changes: {
        attempt,
        authorizationReferenceId: toAuthorizationReferenceId(orderId, attempt),
        billingAgreementId: classified.billingAgreementId,
        lastOutcome: record,
        ...(classified.shippingAddress !== undefined && {
          shippingAddress: classified.shippingAddress,
        }),
      },
    });
    if (result.kind === 'applied') return this.chargeOrFail(result.order, false);
    const current = result.current;
    if (current === undefined || current.userId !== request.userId) return { kind: 'unknownOrder' };
    const billing = chargeLaterSold ? billingOfOrder(this.deps.catalog, current) : undefined;
    if (billing !== undefined && agreements !== undefined) {
      // A product charged later: the agreement is stored for the billing job, never charged here.
      return this.subscribe(current, billing, agreements, {
        billingAgreementId: classified.billingAgreementId,
        record,
        statusCode: parts.statusCode,
        ...(classified.delivery !== undefined && { delivery: classified.delivery }),
        ...(classified.shippingAddress !== undefined && {
          shippingAddress: classified.shippingAddress,
        }),
      });
    }
    if (
      current.status === OrderStatus.ChargePending &&
      current.attempt === attempt &&
      current.billingAgreementId === classified.billingAgreementId
    ) {
      // The same Setup answer again: the same Charge, with the same persisted reference id.
      return this.chargeOrFail(current, true);
    }
    if (
      current.status === OrderStatus.SetupPending &&
      current.attempt === 0 &&
      current.delivery?.kind === 'address' &&
      classified.delivery !== undefined &&
      !sameDeliveryBasis(current.delivery, classified.delivery)
    ) {
      // Priced for another zone than the Setup's address: the total would be wrong.
      return this.failForAddressChange(current, parts.statusCode);
    }
    refuseIfUnchanged(current, OrderStatus.SetupPending);
    return { kind: 'stale', order: current };
  }

  /**
   * Takes a Charge `Connections.Response` for an order in `charge-pending` and records the status
   * its row of the outcome table gives. A re-delivered answer for an order that already holds the
   * status this answer produced replays the reply and writes nothing; any other stale answer
   * changes nothing.
   */
  async takeChargeResult(request: {
    readonly userId: string;
    readonly connectionsResponse: unknown;
  }): Promise<ChargeResultOutcome> {
    const parts = parseConnectionsResponse(request.connectionsResponse);
    const charge = parseChargeToken(parts.token);
    if (charge === undefined) return { kind: 'unknownOrder' };
    const { orderId, attempt } = charge;
    const referenceId = toAuthorizationReferenceId(orderId, attempt);
    const parsed = parseChargeResult(parts);
    // Classified against what the answer itself says it captured; the one conditional write below
    // then requires the order to have exactly that reference id, total and currency, so no read
    // comes before it. Only a refused write (a replay, a stale or mismatched answer) reads.
    const captured =
      parsed.kind === 'authorization' && parsed.capturedAmount !== undefined
        ? {
            totalMinor:
              parseAmazonPayAmount(
                parsed.capturedAmount.amount,
                parsed.capturedAmount.currencyCode,
              ) ?? -1,
            currency: parsed.capturedAmount.currencyCode,
          }
        : { totalMinor: -1, currency: '' };
    const classified = classifyChargeResult(parsed, {
      authorizationReferenceId: referenceId,
      ...captured,
    });
    return this.recordCharge(request.userId, orderId, attempt, parts, parsed, classified, captured);
  }

  private async recordCharge(
    userId: string,
    orderId: string,
    attempt: number,
    parts: ConnectionsResponseParts,
    parsed: ChargeResult,
    classified: ChargeClassification,
    captured: { readonly totalMinor: number; readonly currency: string },
  ): Promise<ChargeResultOutcome> {
    const { row } = classified;
    const referenceId = toAuthorizationReferenceId(orderId, attempt);
    if (row.status === 'unchanged') {
      const order = await this.deps.store.get(orderId);
      if (order === undefined || order.userId !== userId) return { kind: 'unknownOrder' };
      // The answer to another attempt's Charge never concerns this order's current attempt.
      if (order.attempt !== attempt || order.status !== OrderStatus.ChargePending) {
        return { kind: 'stale', order };
      }
      this.logOutcome(orderId, row, classified.code, parts.statusCode);
      return { kind: 'answered', row, order, replay: false };
    }
    const paid = row.status === OrderStatus.Paid;
    const authorization =
      parsed.kind === 'authorization'
        ? {
            ...(nonEmpty(parsed.amazonAuthorizationId) !== undefined && {
              amazonAuthorizationId: nonEmpty(parsed.amazonAuthorizationId),
            }),
            ...(nonEmpty(parsed.amazonOrderReferenceId) !== undefined && {
              amazonOrderReferenceId: nonEmpty(parsed.amazonOrderReferenceId),
            }),
          }
        : {};
    const result = await this.deps.store.transition({
      orderId,
      userId,
      from: OrderStatus.ChargePending,
      to: row.status,
      at: this.now(),
      // The answer to another attempt's Charge (a late or re-delivered one) never moves this
      // order: a stale decline must not reopen an order whose next attempt is being charged.
      expectedAttempt: attempt,
      expectedCharge: {
        authorizationReferenceId: referenceId,
        // Paid only if the order's total is exactly what was captured, in its currency.
        ...(paid && { totalMinor: captured.totalMinor, currency: captured.currency }),
      },
      changes: {
        lastOutcome: toRecord('Charge', row, classified.code, parts.statusCode),
        ...authorization,
        // The capture a merchant's refund refunds (paid, held-for-review, certification-test).
        ...toCaptureChanges(parsed, row.status),
      },
    });
    if (result.kind === 'applied') {
      this.logOutcome(orderId, row, classified.code, parts.statusCode);
      return { kind: 'answered', row, order: result.order, replay: false };
    }
    const current = result.current;
    if (current === undefined || current.userId !== userId) return { kind: 'unknownOrder' };
    if (current.attempt !== attempt) return { kind: 'stale', order: current };
    if (current.status === row.status) {
      return { kind: 'answered', row, order: current, replay: true };
    }
    if (paid && current.status === OrderStatus.ChargePending) {
      // Captured, but not this order's total or currency: classify against the order itself.
      const actual = classifyChargeResult(parsed, {
        authorizationReferenceId: referenceId,
        totalMinor: current.totalMinor,
        currency: current.currency,
      });
      if (actual.row !== row) {
        return this.recordCharge(userId, orderId, attempt, parts, parsed, actual, {
          totalMinor: current.totalMinor,
          currency: current.currency,
        });
      }
    }
    refuseIfUnchanged(current, OrderStatus.ChargePending);
    return { kind: 'stale', order: current };
  }

  /**
   * Tells where a returning shopper's last order stands, so the welcome can offer to go on with
   * it: an order awaiting a yes, one stuck before Amazon Pay answered, or one that can be tried
   * again after a decline or failure.
   */
  async welcomeBack(request: {
    readonly userId: string;
    readonly buyerId?: string;
  }): Promise<WelcomeBackOutcome> {
    const { store } = this.deps;
    const byBuyer = store.latestOrderForBuyer?.bind(store);
    const byUser = store.latestOrderForUser?.bind(store);
    let order: Order | undefined;
    try {
      // A buyer id finds the buyer's last order even under another Alexa user id (the skill was
      // disabled and enabled again). It is the only lookup then, so that a launch stays at one
      // DynamoDB query (and one read of the order found): an order placed while the Buyer ID API
      // failed is not greeted, which costs a greeting, never a purchase.
      if (request.buyerId !== undefined && byBuyer !== undefined) {
        order = await byBuyer(request.buyerId);
      } else if (byUser !== undefined) {
        order = await byUser(request.userId);
      }
    } catch (error) {
      // The welcome must not fail because the store does: greet as for a first visit.
      this.deps.logger.warn('last order lookup failed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return { kind: 'none' };
    }
    if (order === undefined) return { kind: 'none' };
    if (order.userId !== request.userId) {
      // Placed by this buyer under another user id: its status is told, but it cannot be
      // confirmed or retried from here (every write checks the order's owner).
      if (CHARGED_STATUSES.has(order.status) || order.status === OrderStatus.Subscribed) {
        return { kind: 'settled', order };
      }
      if (order.status === OrderStatus.Declined || order.status === OrderStatus.Failed) {
        return { kind: 'unpaid', order };
      }
      return { kind: 'none' };
    }
    const retry = this.retryPlan(order);
    if (order.status === OrderStatus.AwaitingConfirmation) {
      return order.expiresAt > this.now() ? { kind: 'awaiting', order } : { kind: 'none' };
    }
    if (retry !== undefined) return { kind: 'retryable', order, plan: retry };
    switch (order.status) {
      case OrderStatus.Paid:
      case OrderStatus.CertificationTest:
      case OrderStatus.Shipped:
      case OrderStatus.HeldForReview:
      case OrderStatus.RefundPending:
      case OrderStatus.Refunded:
      case OrderStatus.Subscribed:
        return { kind: 'settled', order };
      case OrderStatus.Declined:
      case OrderStatus.Failed:
        return { kind: 'unpaid', order };
      default:
        return { kind: 'none' };
    }
  }

  /**
   * Tries a shopper's last order again, the way its last outcome allows: the same Setup again for
   * an order Amazon Pay never answered; the same Charge, with the same reference id, for one whose
   * Charge went unanswered; the next attempt's reference id after a retryable decline; or a new
   * order with the same items after a failure.
   */
  async retryOrder(request: {
    readonly userId: string;
    readonly orderId: string;
    readonly locale: string;
  }): Promise<RetryOrderOutcome> {
    if (!isOrderId(request.orderId)) return { kind: 'notFound' };
    const order = await this.deps.store.get(request.orderId);
    if (order === undefined || order.userId !== request.userId) return { kind: 'notFound' };
    const plan = this.retryPlan(order);
    switch (plan) {
      case 'resendSetup':
        return {
          kind: 'setup',
          directive: this.setupFor(
            order,
            request.locale,
            this.buildSetup(order.orderId, request.locale),
          ),
        };
      case 'resendCharge':
        return this.toRetry(await this.chargeOrFail(order, true), order);
      case 'nextAttempt': {
        const attempt = order.attempt + 1;
        const result = await this.deps.store.transition({
          orderId: order.orderId,
          userId: request.userId,
          from: OrderStatus.Declined,
          to: OrderStatus.ChargePending,
          at: this.now(),
          expectedAttempt: order.attempt,
          expectedVersion: order.version,
          changes: {
            attempt,
            // A new attempt never reuses the reference id of an earlier one.
            authorizationReferenceId: toAuthorizationReferenceId(order.orderId, attempt),
          },
        });
        if (result.kind === 'applied') {
          return this.toRetry(await this.chargeOrFail(result.order, false), result.order);
        }
        const current = result.current;
        if (current?.status === OrderStatus.ChargePending && current.attempt === attempt) {
          return this.toRetry(await this.chargeOrFail(current, true), current);
        }
        if (current !== undefined) refuseIfUnchanged(current, OrderStatus.Declined);
        return { kind: 'nothingToRetry', order: current ?? order };
      }
      case 'reorder': {
        // The new order is priced for the same delivery zone as the one it replaces.
        const basis = order.delivery;
        const started = await this.createOrder(request.userId, request.locale, order.lines, {
          destination:
            basis?.kind === 'address'
              ? {
                  countryCode: basis.country,
                  ...(basis.region !== undefined && { stateOrRegion: basis.region }),
                }
              : undefined,
          ...(order.buyerId !== undefined && { buyerId: order.buyerId }),
        });
        return started.kind === 'created'
          ? { kind: 'reordered', order: started.order }
          : { kind: 'nothingToRetry', order };
      }
      case undefined:
        return { kind: 'nothingToRetry', order };
      default: {
        const unreachable: never = plan;
        return { kind: 'nothingToRetry', order: unreachable };
      }
    }
  }

  private retryPlan(order: Order): RetryPlan | undefined {
    const row = findRowById(order.lastOutcome?.kind);
    switch (order.status) {
      case OrderStatus.SetupPending:
        return 'resendSetup';
      case OrderStatus.ChargePending:
        return order.billingAgreementId !== undefined ? 'resendCharge' : undefined;
      case OrderStatus.Declined:
        if (
          (row?.retry === Retry.NextAttempt || row?.retry === Retry.AfterPaymentUpdate) &&
          order.attempt < MAX_CHARGE_ATTEMPTS
        ) {
          return 'nextAttempt';
        }
        return row?.retry === Retry.None ? undefined : 'reorder';
      case OrderStatus.Failed:
        return row === undefined || row.retry === Retry.None ? undefined : 'reorder';
      default:
        return undefined;
    }
  }

  private toRetry(result: SetupResultOutcome, order: Order): RetryOrderOutcome {
    return result.kind === 'charge'
      ? { kind: 'charge', directive: result.directive }
      : { kind: 'nothingToRetry', order };
  }

  private logOutcome(
    orderId: string,
    row: OutcomeRow,
    code: string | undefined,
    statusCode: string | undefined,
  ): void {
    this.deps.logger[row.log.level](`${row.operation} outcome`, {
      orderId,
      row: row.id,
      status: row.status,
      code: code?.slice(0, 64),
      statusCode: statusCode?.slice(0, 8),
      note: row.log.note,
    });
  }

  /**
   * Checks an approved Setup's shipping address against the delivery zones: an address the shop
   * does not deliver to is never charged; one it does is charged only if the order was priced for
   * its zone (the condition of the write to charge-pending).
   */
  private checkDestination(
    classified: ReturnType<typeof classifySetupResult>,
  ): ReturnType<typeof classifySetupResult> & { readonly delivery?: DeliveryBasis } {
    const address = classified.shippingAddress;
    if (classified.billingAgreementId === undefined || address === undefined) return classified;
    const { catalog, merchant } = this.deps;
    const quote = quoteDelivery(catalog, merchant.ledgerCurrency, 0, address);
    if (quote.kind === 'quoted') return { ...classified, delivery: quote.basis };
    return {
      row:
        quote.reason === 'incomplete'
          ? AGREEMENT_STATUS_ROWS.NoShippingAddress
          : AGREEMENT_STATUS_ROWS.UndeliverableAddress,
    };
  }

  private async failForAddressChange(
    order: Order,
    statusCode: string | undefined,
  ): Promise<SetupResultOutcome> {
    const row = AGREEMENT_STATUS_ROWS.AddressChanged;
    this.logOutcome(order.orderId, row, undefined, statusCode);
    const failed = await this.deps.store.transition({
      orderId: order.orderId,
      userId: order.userId,
      from: OrderStatus.SetupPending,
      to: row.status === 'unchanged' ? OrderStatus.Failed : row.status,
      at: this.now(),
      expectedVersion: order.version,
      changes: { lastOutcome: toRecord('Setup', row, undefined, statusCode) },
    });
    return { kind: 'answered', row, order: failed.kind === 'applied' ? failed.order : order };
  }

  /**
   * Stores the billing agreement of an order charged later, then moves the order to `subscribed`.
   * The agreement is written first, so that an order is never `subscribed` without its agreement:
   * a crash between the two writes leaves the order in `setup-pending`, and the re-delivered
   * Setup answer finds the agreement stored (`unchanged`) and finishes the move.
   */
  private async subscribe(
    order: Order,
    billing: ProductBilling,
    agreements: AgreementStore,
    setup: {
      readonly billingAgreementId: string;
      readonly record: OrderOutcomeRecord;
      readonly statusCode: string | undefined;
      readonly delivery?: DeliveryBasis;
      readonly shippingAddress?: Order['shippingAddress'];
    },
  ): Promise<SetupResultOutcome> {
    const { billingAgreementId } = setup;
    if (
      order.status === OrderStatus.Subscribed &&
      order.billingAgreementId === billingAgreementId
    ) {
      // The same Setup answer again: the same confirmation, and no second agreement.
      const stored = await agreements.getAgreement(billingAgreementId);
      if (stored !== undefined) {
        return { kind: 'subscribed', order, billing, agreement: stored, replay: true };
      }
    }
    if (order.status !== OrderStatus.SetupPending || order.attempt !== 0) {
      return { kind: 'stale', order };
    }
    if (
      order.delivery?.kind === 'address' &&
      setup.delivery !== undefined &&
      !sameDeliveryBasis(order.delivery, setup.delivery)
    ) {
      // Priced for another zone than the Setup's address: the agreed amount would be wrong.
      return this.failForAddressChange(order, setup.statusCode);
    }
    const now = this.now();
    const agreement = await this.storeAgreement(agreements, {
      billingAgreementId,
      customerKey: toCustomerKey({ buyerId: order.buyerId, userId: order.userId }),
      productId: order.lines[0]?.productId ?? '',
      currency: order.currency,
      createdAt: now,
      sellerNote: describeAgreement(order, billing),
      ...this.agreementSimulation(),
      ...(billing.kind === 'subscription'
        ? {
            kind: 'subscription',
            amountMinor: order.totalMinor,
            period: billing.period,
            // Due at once: the merchant's next billing run makes the first charge.
            firstChargeAt: now,
          }
        : { kind: 'payAsYouGo' }),
    });
    const result = await this.deps.store.transition({
      orderId: order.orderId,
      userId: order.userId,
      from: OrderStatus.SetupPending,
      to: OrderStatus.Subscribed,
      at: now,
      expectedAttempt: 0,
      ...(setup.delivery !== undefined && { expectedDelivery: setup.delivery }),
      changes: {
        billingAgreementId,
        lastOutcome: setup.record,
        ...(setup.shippingAddress !== undefined && { shippingAddress: setup.shippingAddress }),
      },
    });
    if (result.kind === 'applied') {
      this.deps.logger.info('agreement stored', {
        orderId: order.orderId,
        kind: agreement.kind,
        currency: agreement.currency,
      });
      return { kind: 'subscribed', order: result.order, billing, agreement, replay: false };
    }
    const current = result.current;
    if (current === undefined || current.userId !== order.userId) return { kind: 'unknownOrder' };
    if (
      current.status === OrderStatus.Subscribed &&
      current.billingAgreementId === billingAgreementId
    ) {
      // A concurrent delivery of the same answer moved it first.
      return { kind: 'subscribed', order: current, billing, agreement, replay: true };
    }
    refuseIfUnchanged(current, OrderStatus.SetupPending);
    return { kind: 'stale', order: current };
  }

  /**
   * Creates the agreement record, idempotently: a re-delivered (or concurrent) Setup answer finds
   * the record its first delivery wrote. That one differs only in its times (`createdAt`, and
   * `firstChargeAt` of a subscription), which are ours, so it is the same agreement.
   */
  private async storeAgreement(
    agreements: AgreementStore,
    agreement: NewAgreement,
  ): Promise<Agreement> {
    const created = await agreements.createAgreement(agreement);
    if (created.kind !== 'conflict') return created.agreement;
    const existing = created.existing;
    const same =
      existing.customerKey === agreement.customerKey &&
      existing.productId === agreement.productId &&
      existing.currency === agreement.currency &&
      existing.kind === agreement.kind &&
      (existing.kind !== 'subscription' ||
        (agreement.kind === 'subscription' &&
          existing.amountMinor === agreement.amountMinor &&
          existing.period === agreement.period));
    if (same) return existing;
    throw new CheckoutError('a billing agreement with this id is stored for another order');
  }

  /**
   * The sandbox simulation of an agreement's charges: a decline simulation goes with every charge
   * of the billing job (its `sellerAuthorizationNote`).
   */
  private agreementSimulation(): { readonly sellerAuthorizationNote?: string } {
    const simulation = this.deps.merchant.sandbox?.simulation;
    if (simulation === undefined) return {};
    const note = toSimulationNote(simulation);
    return note.field === 'sellerAuthorizationNote' ? { sellerAuthorizationNote: note.note } : {};
  }

  /** The Setup of an order: the charge-now one, or for an order charged later, its own. */
  private setupFor(order: Order, locale: string, chargeNow: SetupDirective): SetupDirective {
    const billing = billingOfOrder(this.deps.catalog, order);
    if (billing === undefined) return chargeNow;
    const { merchant } = this.deps;
    const simulation =
      merchant.sandbox?.simulation !== undefined
        ? toSimulationNote(merchant.sandbox.simulation)
        : undefined;
    return buildSetupDirective({
      ...this.setupParams(order.orderId, locale),
      billingAgreementType: BillingAgreementType.MerchantInitiated,
      // For a merchant-initiated agreement the authentication (SCA) happens at Setup, so its
      // sandbox simulation goes in the Setup's sellerNote (protocol page, 5.6).
      sellerNote:
        simulation?.field === 'sellerNote' ? simulation.note : describeAgreement(order, billing),
      ...(billing.kind === 'subscription' && {
        subscriptionAmount: { amountMinor: order.totalMinor, currency: order.currency },
      }),
      maxAmountMinor: merchant.maxAmountMinor,
    });
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
      const row = FALLBACK_ROWS.chargeUnknownCode;
      const failed = await this.deps.store.transition({
        orderId: order.orderId,
        userId: order.userId,
        from: OrderStatus.ChargePending,
        to: OrderStatus.Failed,
        at: this.now(),
        changes: { lastOutcome: { operation: 'Charge', kind: 'Charge:invalidDirective:*' } },
      });
      return { kind: 'answered', row, order: failed.kind === 'applied' ? failed.order : order };
    }
  }

  private buildSetup(orderId: string, locale: string): SetupDirective {
    return buildSetupDirective(this.setupParams(orderId, locale));
  }

  private setupParams(orderId: string, locale: string): Parameters<typeof buildSetupDirective>[0] {
    const { merchant } = this.deps;
    return {
      token: orderId,
      sellerId: merchant.sellerId,
      countryOfEstablishment: merchant.countryOfEstablishment,
      ledgerCurrency: merchant.ledgerCurrency,
      checkoutLanguage: toCheckoutLanguage(locale, merchant.countryOfEstablishment),
      // Real-world goods are shipped: Amazon returns the default shipping address.
      needAmazonShippingAddress: true,
      storeName: merchant.storeName,
      sellerBillingAgreementId: orderId,
      ...(merchant.sandbox !== undefined && {
        sandbox: { customerEmail: merchant.sandbox.customerEmail },
      }),
    };
  }

  private buildCharge(order: Order): ChargeDirective {
    const { merchant } = this.deps;
    if (order.billingAgreementId === undefined || order.authorizationReferenceId === undefined) {
      throw new Error('order in charge-pending lacks its agreement or reference id');
    }
    const simulation =
      merchant.sandbox?.simulation !== undefined
        ? toSimulationNote(merchant.sandbox.simulation)
        : undefined;
    return buildChargeDirective({
      // The Charge token names the attempt (it is the authorizationReferenceId), so that an
      // answer to one attempt can never be taken for the answer to another.
      token: order.authorizationReferenceId,
      sellerId: merchant.sellerId,
      billingAgreementId: order.billingAgreementId,
      paymentAction: 'AuthorizeAndCapture',
      authorizationReferenceId: order.authorizationReferenceId,
      amount: { amountMinor: order.totalMinor, currency: order.currency },
      ledgerCurrency: merchant.ledgerCurrency,
      maxAmountMinor: merchant.maxAmountMinor,
      sellerOrderId: order.orderId,
      storeName: merchant.storeName,
      sellerNote: simulation?.field === 'sellerNote' ? simulation.note : describeLines(order),
      ...(simulation?.field === 'sellerAuthorizationNote' && {
        sellerAuthorizationNote: simulation.note,
      }),
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

/**
 * What a shopper agrees to with an order charged later, for the agreement's sellerNote (buyer
 * emails): the lines, then the amount of each period with its currency and the period
 * ("1 x Coffee subscription: ...; 18.98 USD every month, delivery and tax included"), or for
 * pay-as-you-go that it is charged by usage. At most 1024 characters.
 */
function describeAgreement(order: Order, billing: ProductBilling): string {
  const amount = `${toAmazonPayAmount({ amountMinor: order.totalMinor, currency: order.currency })} ${order.currency}`;
  const terms =
    billing.kind === 'subscription'
      ? `${amount} ${PERIOD_WORDS[billing.period]}, delivery and tax included`
      : 'charged by usage';
  return [...`${describeLines(order)}; ${terms}`].slice(0, 1024).join('').trim();
}

const PERIOD_WORDS: Readonly<
  Record<Extract<ProductBilling, { kind: 'subscription' }>['period'], string>
> = {
  P1W: 'every week',
  P1M: 'every month',
  P3M: 'every three months',
  P1Y: 'every year',
};

/** The catalog without its charge-later products (when there is nowhere to store agreements). */
function withoutChargeLater(catalog: Catalog): Catalog {
  return Object.freeze({
    ...catalog,
    products: Object.freeze(catalog.products.filter((p) => p.billing === undefined)),
  });
}

function toRecord(
  operation: 'Setup' | 'Charge',
  row: OutcomeRow,
  code: string | undefined,
  statusCode: string | undefined,
): OrderOutcomeRecord {
  const storedCode = nonEmpty(code, 64);
  const storedStatus = nonEmpty(statusCode, 8);
  return {
    operation,
    kind: row.id,
    ...(storedCode !== undefined && { code: storedCode }),
    ...(storedStatus !== undefined && { statusCode: storedStatus }),
  };
}

/** Amazon's text, trimmed and cut to a length, or undefined when nothing is left to store. */
function nonEmpty(value: string | undefined, maxLength = 100): string | undefined {
  const text = value?.trim().slice(0, maxLength).trim();
  return text === undefined || text === '' ? undefined : text;
}

/**
 * Throws when a conditional write was refused although the order is still in the status the write
 * expected: the refusal came from the store (a throttled or interrupted write, a concurrent one that
 * has since passed), not from the order. The caller then apologises and the next request goes on;
 * answering "already done" would be untrue.
 */
function refuseIfUnchanged(current: Order, expected: OrderStatus): void {
  if (current.status === expected) {
    throw new CheckoutError(`the store refused a write for an order still in ${expected}`);
  }
}

function sameOutcome(a: OrderOutcomeRecord | undefined, b: OrderOutcomeRecord): boolean {
  return a !== undefined && a.operation === b.operation && a.kind === b.kind && a.code === b.code;
}
