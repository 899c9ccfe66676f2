import { AmazonPayError } from '../../../../src/amazonpay/errors';
import {
  MwsCallError,
  MwsClientError,
  MwsCredentialsError,
  MwsError,
  MwsMalformedResponseError,
  MwsNetworkError,
  MwsServerError,
  MwsServiceError,
  MwsThrottledError,
  MwsTimeoutError,
  MwsValidationError,
} from '../../../../src/amazonpay/mws/errors';

const CONTEXT = {
  operation: 'AuthorizeOnBillingAgreement',
  attempts: 2,
  outcomeUnknown: true,
} as const;

describe('mws errors', () => {
  describe('MwsError', () => {
    it('is an AmazonPayError that names itself and forwards the cause', () => {
      // Prepare
      const cause = new Error('root');

      // Act
      const error = new MwsError('failed', { cause });

      // Assess
      expect(error).toBeInstanceOf(AmazonPayError);
      expect(error.name).toBe('MwsError');
      expect(error.cause).toBe(cause);
    });
  });

  describe('MwsValidationError and MwsCredentialsError', () => {
    it('name the field or variable in the message and as a typed field', () => {
      // Act
      const validation = new MwsValidationError('is bad', 'softDescriptor');
      const credentials = new MwsCredentialsError('is not set', 'MWS_SECRET_KEY');

      // Assess
      expect([validation.name, validation.field, validation.message]).toEqual([
        'MwsValidationError',
        'softDescriptor',
        'softDescriptor: is bad',
      ]);
      expect([credentials.name, credentials.variable, credentials.message]).toEqual([
        'MwsCredentialsError',
        'MWS_SECRET_KEY',
        'MWS_SECRET_KEY: is not set',
      ]);
    });
  });

  describe('MwsServiceError', () => {
    it('says the operation, status, code and Amazon message', () => {
      // Act
      const error = new MwsClientError(
        {
          statusCode: 400,
          code: 'DuplicateRequest',
          errorType: 'Sender',
          amazonMessage: 'Already processed.',
          requestId: 'req-1',
        },
        { ...CONTEXT, outcomeUnknown: false },
      );

      // Assess
      expect(error).toBeInstanceOf(MwsServiceError);
      expect(error).toBeInstanceOf(MwsCallError);
      expect(error.name).toBe('MwsClientError');
      expect(error.message).toBe(
        'AuthorizeOnBillingAgreement failed with HTTP 400 DuplicateRequest: Already processed.',
      );
      expect([error.statusCode, error.code, error.errorType, error.requestId]).toEqual([
        400,
        'DuplicateRequest',
        'Sender',
        'req-1',
      ]);
      expect([error.operation, error.attempts, error.outcomeUnknown]).toEqual([
        'AuthorizeOnBillingAgreement',
        2,
        false,
      ]);
    });

    it('words a body-less server error with the status only', () => {
      // Act
      const error = new MwsServerError({ statusCode: 502 }, CONTEXT);

      // Assess
      expect(error.message).toBe('AuthorizeOnBillingAgreement failed with HTTP 502');
      expect(error.code).toBeUndefined();
      expect(error.name).toBe('MwsServerError');
    });

    it('makes throttling a server error', () => {
      const error = new MwsThrottledError({ statusCode: 503, code: 'RequestThrottled' }, CONTEXT);
      expect(error).toBeInstanceOf(MwsServerError);
      expect(error.name).toBe('MwsThrottledError');
    });
  });

  describe('the transport errors', () => {
    it('carry their context', () => {
      // Act
      const timeout = new MwsTimeoutError('late', 50, CONTEXT);
      const network = new MwsNetworkError('down', CONTEXT, { cause: new Error('ECONNREFUSED') });
      const malformed = new MwsMalformedResponseError(200, 'not well-formed XML', CONTEXT);

      // Assess
      expect([timeout.name, timeout.timeoutMs, timeout.outcomeUnknown]).toEqual([
        'MwsTimeoutError',
        50,
        true,
      ]);
      expect(network.name).toBe('MwsNetworkError');
      expect(network.cause).toBeInstanceOf(Error);
      expect([malformed.name, malformed.statusCode, malformed.problem, malformed.message]).toEqual([
        'MwsMalformedResponseError',
        200,
        'not well-formed XML',
        'AuthorizeOnBillingAgreement answered HTTP 200 with an unreadable body: not well-formed XML',
      ]);
    });
  });
});
