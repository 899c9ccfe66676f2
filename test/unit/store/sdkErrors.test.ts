import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { OrderExistsError, OrderStoreUnavailableError } from '../../../src/store/errors';
import {
  isConditionalCheckFailed,
  isRetryableSdkError,
  toUnavailableError,
} from '../../../src/store/sdkErrors';

const $metadata = { httpStatusCode: 400 };

const aServiceError = (name: string, httpStatusCode: number): DynamoDBServiceException =>
  new DynamoDBServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
    message: `${name} for orderId amzn1.ask.account.SECRET`,
  });

const aSocketError = (code: string): Error =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('sdkErrors', () => {
  describe('isRetryableSdkError', () => {
    it.each<[string, unknown]>([
      [
        'ProvisionedThroughputExceededException',
        new ProvisionedThroughputExceededException({ message: 'x', $metadata }),
      ],
      ['ThrottlingException', new ThrottlingException({ message: 'x', $metadata })],
      ['RequestLimitExceeded', new RequestLimitExceeded({ message: 'x', $metadata })],
      [
        'InternalServerError',
        new InternalServerError({ message: 'x', $metadata: { httpStatusCode: 500 } }),
      ],
      ['a 503 without a known name', aServiceError('Unknown', 503)],
      ['a timeout', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
      ['a refused connection', aSocketError('ECONNREFUSED')],
      ['a reset connection', aSocketError('ECONNRESET')],
      ['a rewrapped socket error', new Error('AWS SDK error wrapper for Error: read ECONNRESET')],
    ])('treats %s as retryable', (_label, error) => {
      expect(isRetryableSdkError(error)).toBe(true);
    });

    it.each<[string, unknown]>([
      ['ResourceNotFoundException', new ResourceNotFoundException({ message: 'x', $metadata })],
      ['ValidationException', aServiceError('ValidationException', 400)],
      [
        'ConditionalCheckFailedException',
        new ConditionalCheckFailedException({ message: 'x', $metadata }),
      ],
      ['an unknown host', aSocketError('ENOTFOUND')],
      ['a message that merely contains capitals', new Error('EVERYTHING FAILED')],
      ['a string', 'ECONNRESET'],
      ['undefined', undefined],
    ])('treats %s as not retryable', (_label, error) => {
      expect(isRetryableSdkError(error)).toBe(false);
    });
  });

  describe('isConditionalCheckFailed', () => {
    it('recognises the exception by name', () => {
      expect(
        isConditionalCheckFailed(new ConditionalCheckFailedException({ message: 'x', $metadata })),
      ).toBe(true);
      expect(isConditionalCheckFailed({ name: 'ConditionalCheckFailedException' })).toBe(true);
      expect(isConditionalCheckFailed(aServiceError('ValidationException', 400))).toBe(false);
    });
  });

  describe('toUnavailableError', () => {
    it('keeps the SDK error as cause and its name, status and retryability as fields', () => {
      // Prepare
      const cause = new ProvisionedThroughputExceededException({ message: 'x', $metadata });

      // Act
      const error = toUnavailableError(cause, 'transition');

      // Assess
      expect(error).toBeInstanceOf(OrderStoreUnavailableError);
      expect(error).toMatchObject({
        name: 'OrderStoreUnavailableError',
        operation: 'transition',
        retryable: true,
        code: 'ProvisionedThroughputExceededException',
        statusCode: 400,
        cause,
      });
      expect(error.message).toBe(
        'order store transition failed (ProvisionedThroughputExceededException, HTTP 400); retryable',
      );
    });

    it('names the socket error code of a network failure', () => {
      expect(toUnavailableError(aSocketError('ECONNREFUSED'), 'get')).toMatchObject({
        code: 'ECONNREFUSED',
        retryable: true,
        message: 'order store get failed (ECONNREFUSED); retryable',
      });
    });

    it('never copies the SDK message, which may quote the request', () => {
      const error = toUnavailableError(aServiceError('ValidationException', 400), 'create');
      expect(error.message).toBe('order store create failed (ValidationException, HTTP 400)');
    });

    it('passes an OrderStoreError through unchanged', () => {
      const original = new OrderExistsError('order-1');
      expect(toUnavailableError(original, 'create')).toBe(original);
    });
  });
});
