import { toFailureMessage } from '../../../src/cli/toFailureMessage';
import {
  EmbeddedStoreLockedError,
  EmbeddedStoreStartError,
  InvalidOrderQueryError,
  OrderStoreUnavailableError,
} from '../../../src/store/errors';

describe('toFailureMessage', () => {
  it('prints a locked folder as the store says it, naming the folder', () => {
    expect(toFailureMessage(new EmbeddedStoreLockedError('/tmp/x/data'))).toBe(
      'the embedded order store folder /tmp/x/data is used by another process; stop that process ' +
        'or use another folder (ORDERS_DB_DIR)',
    );
  });

  it('adds the first line of the error that an unavailable store wraps', () => {
    // Prepare
    const error = new OrderStoreUnavailableError(
      'order store listOrders failed (Error)',
      { operation: 'listOrders', retryable: false },
      { cause: new Error('Region is missing\n    at somewhere (file.js:1:1)') },
    );

    // Act
    const line = toFailureMessage(error);

    // Assess
    expect(line).toBe('order store listOrders failed (Error): Region is missing');
  });

  it('does not repeat a cause that the message already holds', () => {
    // Prepare
    const error = new EmbeddedStoreStartError('could not listen: EADDRINUSE', undefined, {
      cause: new Error('EADDRINUSE'),
    });

    // Act
    const line = toFailureMessage(error);

    // Assess
    expect(line).toBe('could not listen: EADDRINUSE');
  });

  it('prints other store errors without their class name', () => {
    expect(toFailureMessage(new InvalidOrderQueryError('cursor', 'is bad'))).toBe(
      'invalid order listing query: cursor is bad',
    );
  });

  it('names the kind of any other error, on one line', () => {
    // Prepare
    const error = new TypeError('x is not a function\nmore');

    // Act
    const line = toFailureMessage(error);

    // Assess
    expect(line).toBe('TypeError: x is not a function');
  });

  it.each<[unknown, string]>([
    [new Error('ENOENT: no such file or directory'), 'ENOENT: no such file or directory'],
    ['a thrown string', 'a thrown string'],
    [undefined, 'unknown error'],
    [{ name: 'Weird' }, 'Weird: unknown error'],
  ])('prints %p as %p', (error, expected) => {
    expect(toFailureMessage(error)).toBe(expected);
  });

  it('cuts a very long line to 300 characters', () => {
    // Act
    const line = toFailureMessage(new Error('x'.repeat(1000)));

    // Assess
    expect(line).toHaveLength(300);
    expect(line.endsWith('...')).toBe(true);
  });
});
