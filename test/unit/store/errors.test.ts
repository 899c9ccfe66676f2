import {
  CorruptOrderItemError,
  EmbeddedStoreLockedError,
  EmbeddedStoreStartError,
  InvalidOrderQueryError,
  OrderExistsError,
  OrderStoreError,
  OrderStoreUnavailableError,
} from '../../../src/store/errors';

describe('store errors', () => {
  const cause = new Error('underlying');

  it.each<[string, OrderStoreError]>([
    ['OrderStoreError', new OrderStoreError('m', { cause })],
    [
      'OrderStoreUnavailableError',
      new OrderStoreUnavailableError('m', { operation: 'get', retryable: true }, { cause }),
    ],
    ['OrderExistsError', new OrderExistsError('order-1', { cause })],
    ['CorruptOrderItemError', new CorruptOrderItemError('lines[0].quantity', 'is bad', { cause })],
    ['EmbeddedStoreLockedError', new EmbeddedStoreLockedError('/data/orders', { cause })],
    ['EmbeddedStoreStartError', new EmbeddedStoreStartError('m', undefined, { cause })],
    ['InvalidOrderQueryError', new InvalidOrderQueryError('cursor', 'is bad', { cause })],
  ])('%s has its name as a literal, extends OrderStoreError and keeps its cause', (name, error) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(OrderStoreError);
    expect(error).toBeInstanceOf(Error);
    expect(error.cause).toBe(cause);
  });

  it('says that the locked folder is used by another process, and names it', () => {
    const error = new EmbeddedStoreLockedError('/data/orders');
    expect(error.message).toMatch(/folder \/data\/orders is used by another process/);
    expect(error.dir).toBe('/data/orders');
  });

  it('keeps the order id of a duplicate out of the message', () => {
    const error = new OrderExistsError('order-1');
    expect(error.orderId).toBe('order-1');
    expect(error.message).not.toContain('order-1');
  });
});
