import { AmazonPayError, AmazonPayValidationError } from '../../../src/amazonpay/errors';

describe('errors', () => {
  describe('AmazonPayError', () => {
    it('names itself and forwards the cause', () => {
      // Prepare
      const cause = new Error('root');

      // Act
      const error = new AmazonPayError('Setup failed', { cause });

      // Assess
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('AmazonPayError');
      expect(error.message).toBe('Setup failed');
      expect(error.cause).toBe(cause);
    });
  });

  describe('AmazonPayValidationError', () => {
    it('names the field in its message and as a typed field', () => {
      // Prepare
      const cause = new Error('root');

      // Act
      const error = new AmazonPayValidationError(
        'must be at most 16 characters',
        'softDescriptor',
        {
          cause,
        },
      );

      // Assess
      expect(error).toBeInstanceOf(AmazonPayError);
      expect(error.name).toBe('AmazonPayValidationError');
      expect(error.field).toBe('softDescriptor');
      expect(error.message).toBe('softDescriptor: must be at most 16 characters');
      expect(error.cause).toBe(cause);
    });
  });
});
