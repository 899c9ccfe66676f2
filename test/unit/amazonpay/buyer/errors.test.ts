import { AmazonPayError } from '../../../../src/amazonpay/errors';
import type { KnownBuyerApiError } from '../../../../src/amazonpay/buyer/errors';
import {
  BuyerApiConfigError,
  BuyerApiError,
  BuyerApiErrorKind,
  BuyerApiMalformedResponseError,
  BuyerApiNetworkError,
  BuyerApiNotFoundError,
  BuyerApiPermissionError,
  BuyerApiRequestError,
  BuyerApiStatusError,
  BuyerApiThrottledError,
  BuyerApiTimeoutError,
  BuyerApiUnavailableError,
  BuyerApiValidationError,
  isBuyerApiError,
} from '../../../../src/amazonpay/buyer/errors';

const cause = new Error('underlying');

const ERRORS: ReadonlyArray<readonly [KnownBuyerApiError, string, string, number | undefined]> = [
  [
    new BuyerApiValidationError('BuyerId', 'apiAccessToken', { cause }),
    'BuyerApiValidationError',
    'invalidCall',
    undefined,
  ],
  [
    new BuyerApiPermissionError('BuyerAddress', { status: 403 }, { cause }),
    'BuyerApiPermissionError',
    'permission',
    403,
  ],
  [
    new BuyerApiNotFoundError('BuyerId', { status: 404 }, { cause }),
    'BuyerApiNotFoundError',
    'notFound',
    404,
  ],
  [
    new BuyerApiThrottledError('BuyerId', { status: 429 }, { cause }),
    'BuyerApiThrottledError',
    'throttled',
    429,
  ],
  [
    new BuyerApiUnavailableError('BuyerId', { status: 502 }, { cause }),
    'BuyerApiUnavailableError',
    'unavailable',
    502,
  ],
  [
    new BuyerApiRequestError('BuyerId', { status: 400 }, { cause }),
    'BuyerApiRequestError',
    'request',
    400,
  ],
  [
    new BuyerApiTimeoutError('BuyerId', 1500, 'deadline', { cause }),
    'BuyerApiTimeoutError',
    'timeout',
    undefined,
  ],
  [
    new BuyerApiNetworkError('BuyerAddress', { cause }),
    'BuyerApiNetworkError',
    'network',
    undefined,
  ],
  [
    new BuyerApiMalformedResponseError('BuyerId', 200, 'the body is not JSON', { cause }),
    'BuyerApiMalformedResponseError',
    'malformedResponse',
    200,
  ],
];

/** An exhaustive switch, as a caller writes one; it fails to compile when a kind is added. */
function describeKind(error: KnownBuyerApiError): string {
  switch (error.kind) {
    case 'invalidCall':
      return error.field;
    case 'permission':
    case 'notFound':
    case 'unavailable':
    case 'request':
      return String(error.status);
    case 'throttled':
      return String(error.retryAfterSeconds);
    case 'timeout':
      return error.trigger;
    case 'network':
      return 'network';
    case 'malformedResponse':
      return error.problem;
    default: {
      const unexpected: never = error;
      return String(unexpected);
    }
  }
}

describe('Buyer API errors', () => {
  it.each(ERRORS)(
    '%p has a literal name, its kind, its status and its cause',
    (error, name, kind, status) => {
      expect(error).toBeInstanceOf(BuyerApiError);
      expect(error).toBeInstanceOf(AmazonPayError);
      expect(error.name).toBe(name);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.cause).toBe(cause);
      expect(describeKind(error)).not.toBe('');
    },
  );

  it('has one error class for each kind', () => {
    expect(ERRORS.map(([error]) => error.kind).sort()).toEqual(
      Object.values(BuyerApiErrorKind).sort(),
    );
  });

  it('makes exactly the errors of an HTTP answer status errors', () => {
    expect(
      ERRORS.filter(([error]) => error instanceof BuyerApiStatusError).map(([error]) => error.kind),
    ).toEqual(['permission', 'notFound', 'throttled', 'unavailable', 'request']);
  });

  it('names the operation and the status in a status error message', () => {
    // Prepare
    const error = new BuyerApiPermissionError('BuyerAddress', {
      status: 401,
      reasonCode: 'InvalidAuthorizationToken',
    });

    // Act
    const { message, operation, reasonCode } = error;

    // Assess
    expect(message).toBe('BuyerAddress answered HTTP 401 InvalidAuthorizationToken');
    expect(operation).toBe('BuyerAddress');
    expect(reasonCode).toBe('InvalidAuthorizationToken');
  });

  it('leaves reasonCode and retryAfterSeconds unset when not known', () => {
    // Prepare
    const error = new BuyerApiThrottledError('BuyerId', { status: 429 });

    // Act
    const { message, reasonCode, retryAfterSeconds } = error;

    // Assess
    expect(message).toBe('BuyerId answered HTTP 429');
    expect(reasonCode).toBeUndefined();
    expect(retryAfterSeconds).toBeUndefined();
  });

  it('keeps a numeric Retry-After of a throttled answer', () => {
    expect(
      new BuyerApiThrottledError('BuyerId', { status: 429, retryAfterSeconds: 3 })
        .retryAfterSeconds,
    ).toBe(3);
  });

  it('tells a deadline from a caller abort in a timeout message', () => {
    expect(new BuyerApiTimeoutError('BuyerId', 200, 'deadline').message).toBe(
      'BuyerId got no complete answer within 200 ms',
    );
    expect(new BuyerApiTimeoutError('BuyerId', 200, 'callerSignal').message).toBe(
      'BuyerId was aborted by the caller',
    );
  });

  it('says which field of a call is unusable, and what it must be', () => {
    expect(new BuyerApiValidationError('BuyerAddress', 'sellerId').message).toBe(
      'BuyerAddress: sellerId must be a non-empty string; nothing was sent',
    );
    expect(new BuyerApiValidationError('BuyerId', 'apiAccessToken').message).toBe(
      'BuyerId: apiAccessToken must be a non-empty string of visible ASCII characters; nothing was sent',
    );
  });

  it('describes a malformed answer by its problem', () => {
    expect(new BuyerApiMalformedResponseError('BuyerId', 200, 'buyerId is empty').message).toBe(
      'BuyerId answered HTTP 200 with an unreadable body: buyerId is empty',
    );
  });

  describe('isBuyerApiError', () => {
    it('recognises every Buyer API error', () => {
      expect(ERRORS.every(([error]) => isBuyerApiError(error))).toBe(true);
    });

    it.each([[new Error('other')], [new BuyerApiConfigError('bad', 'timeoutMs')], ['text']])(
      'refuses %p',
      (value) => {
        expect(isBuyerApiError(value)).toBe(false);
      },
    );
  });

  describe('BuyerApiConfigError', () => {
    it('names the option at fault and forwards its cause', () => {
      // Prepare
      const error = new BuyerApiConfigError('is not a URL', 'originOverride', { cause });

      // Act
      const { name, field, message } = error;

      // Assess
      expect(error).toBeInstanceOf(AmazonPayError);
      expect(name).toBe('BuyerApiConfigError');
      expect(field).toBe('originOverride');
      expect(message).toBe('originOverride: is not a URL');
      expect(error.cause).toBe(cause);
    });
  });
});
