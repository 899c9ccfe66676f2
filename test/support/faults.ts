import type { Order } from '../../src/checkout/Order';
import type { OrderStore, StatusTransition, TransitionResult } from '../../src/checkout/OrderStore';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import { createHandler, type LambdaHandler } from '../../src/createHandler';
import { RecordingLogger, type TestShop } from './shop';

/** The three calls of the OrderStore port. */
export type StoreOperation = 'create' | 'get' | 'transition';

/**
 * What a faulty call does:
 * - `reject`: rejects before the real store is called (nothing is written);
 * - `rejectAfter`: calls the real store (the write happens), then rejects (the answer was lost);
 * - `hang`: never settles until `release()` is called, then runs the real call;
 * - `delay`: waits `ms`, then runs the real call.
 */
export type Fault =
  | { readonly kind: 'reject'; readonly error?: unknown }
  | { readonly kind: 'rejectAfter'; readonly error?: unknown }
  | { readonly kind: 'hang' }
  | { readonly kind: 'delay'; readonly ms: number };

/** A fault for the `nth` call (from 1, counted after `arm`) of one operation, or of every call. */
export type FaultRule = {
  readonly op?: StoreOperation;
  /** Which matching call fails, counted from 1 after `arm`; every matching call when omitted. */
  readonly nth?: number;
  readonly fault: Fault;
};

/** One call the faulty store saw. */
export type StoreCall = {
  readonly op: StoreOperation;
  readonly orderId: string;
  readonly faulted: Fault['kind'] | undefined;
  /** For transitions: the status change asked for. */
  readonly change?: { readonly from: string; readonly to: string };
};

/** The error a faulty store call rejects with by default: what the DynamoDB adapter would throw. */
export class InjectedStoreError extends Error {
  constructor(op: StoreOperation) {
    super(`order store ${op} failed (InternalServerError, HTTP 500); retryable`);
    this.name = 'OrderStoreUnavailableError';
  }
}

/**
 * An OrderStore that wraps a real one and injects faults on chosen calls. Every call is recorded,
 * faulted or not, so tests can say which writes happened.
 */
export class FaultyOrderStore implements OrderStore {
  readonly calls: StoreCall[] = [];
  private rules: Array<{ rule: FaultRule; seen: number }> = [];
  private hung: Array<() => void> = [];

  constructor(private readonly inner: OrderStore) {}

  /** Adds a fault rule; its call count starts now. */
  arm(rule: FaultRule): this {
    this.rules.push({ rule, seen: 0 });
    return this;
  }

  /** Removes every rule (calls already hanging stay hung until `release`). */
  disarm(): this {
    this.rules = [];
    return this;
  }

  /** Lets every hanging call go on to the real store. */
  release(): void {
    const waiting = this.hung;
    this.hung = [];
    for (const resume of waiting) resume();
  }

  create(order: Order): Promise<void> {
    return this.run('create', order.orderId, undefined, () => this.inner.create(order));
  }

  get(orderId: string): Promise<Order | undefined> {
    return this.run('get', orderId, undefined, () => this.inner.get(orderId));
  }

  transition(change: StatusTransition): Promise<TransitionResult> {
    return this.run('transition', change.orderId, { from: change.from, to: change.to }, () =>
      this.inner.transition(change),
    );
  }

  private faultFor(op: StoreOperation): Fault | undefined {
    let chosen: Fault | undefined;
    for (const entry of this.rules) {
      if (entry.rule.op !== undefined && entry.rule.op !== op) continue;
      entry.seen += 1;
      if (chosen === undefined && (entry.rule.nth === undefined || entry.rule.nth === entry.seen)) {
        chosen = entry.rule.fault;
      }
    }
    return chosen;
  }

  private async run<T>(
    op: StoreOperation,
    orderId: string,
    change: StoreCall['change'],
    call: () => Promise<T>,
  ): Promise<T> {
    const fault = this.faultFor(op);
    this.calls.push({ op, orderId, faulted: fault?.kind, ...(change !== undefined && { change }) });
    switch (fault?.kind) {
      case undefined:
        return call();
      case 'reject':
        throw 'error' in fault ? fault.error : new InjectedStoreError(op);
      case 'rejectAfter':
        await call();
        throw 'error' in fault ? fault.error : new InjectedStoreError(op);
      case 'hang':
        await new Promise<void>((resume) => this.hung.push(resume));
        return call();
      case 'delay':
        await new Promise((resume) => setTimeout(resume, fault.ms));
        return call();
      default: {
        const unreachable: never = fault;
        return unreachable;
      }
    }
  }
}

/** A second handler on the shop's table, the shop's config and catalog, and a faulty store. */
export type FaultyShop = {
  readonly handler: LambdaHandler;
  readonly store: FaultyOrderStore;
  readonly logger: RecordingLogger;
};

let faultyIdCounter = 0;

/** Builds a handler like `startShop` does, but on a FaultyOrderStore around the shop's store. */
export function faultyShop(
  shop: TestShop,
  clock: () => Date = () => new Date(),
  config: Partial<TestShop['config']> = {},
): FaultyShop {
  const store = new FaultyOrderStore(shop.orders.store);
  const logger = new RecordingLogger();
  const handler = createHandler({
    config: { ...shop.config, ...config },
    store,
    catalog: loadDemoCatalog(),
    logger,
    clock,
    newOrderId: () => {
      faultyIdCounter += 1;
      return `fault${String(faultyIdCounter).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;
    },
  });
  return { handler, store, logger };
}

/** What became of a promise within a time limit. */
export type Timed<T> =
  | { readonly settled: true; readonly ms: number; readonly value: T }
  | { readonly settled: true; readonly ms: number; readonly error: unknown }
  | { readonly settled: false; readonly ms: number };

/** Waits for a promise at most `limitMs`, and says how long it took (or that it did not settle). */
export async function within<T>(promise: Promise<T>, limitMs: number): Promise<Timed<T>> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
    const ms = performance.now() - started;
    if (outcome === 'timeout') return { settled: false, ms };
    return 'value' in outcome
      ? { settled: true, ms, value: outcome.value }
      : { settled: true, ms, error: outcome.error };
  } finally {
    clearTimeout(timer);
  }
}
