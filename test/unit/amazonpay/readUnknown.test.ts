import { isRecord, readField, readPath, readString } from '../../../src/amazonpay/readUnknown';

describe('readUnknown', () => {
  describe('isRecord', () => {
    it.each([{}, { a: 1 }, Object.create(null) as unknown])('accepts the object %p', (value) => {
      expect(isRecord(value)).toBe(true);
    });

    it.each([null, undefined, [], [1], 'text', 0, true, () => ({})])('rejects %p', (value) => {
      expect(isRecord(value)).toBe(false);
    });
  });

  describe('readField', () => {
    it('reads an own property', () => {
      expect(readField({ code: '200' }, 'code')).toBe('200');
    });

    it.each<[string, unknown, string]>([
      ['a missing key', { code: '200' }, 'message'],
      ['an inherited method', {}, 'toString'],
      ['the prototype accessor', {}, '__proto__'],
      ['a constructor', {}, 'constructor'],
      ['an index of a list', ['a'], '0'],
      ['a property of a string', 'text', 'length'],
      ['a property of null', null, 'code'],
    ])('reads nothing for %s', (_name, value, key) => {
      expect(readField(value, key)).toBeUndefined();
    });

    it('reads own properties but not inherited ones', () => {
      // Prepare
      const value = Object.create({ inherited: 'yes' }) as Record<string, unknown>;
      value['own'] = 'yes';

      // Act
      const read = [readField(value, 'own'), readField(value, 'inherited')];

      // Assess
      expect(read).toEqual(['yes', undefined]);
    });

    it('reads an own __proto__ key of parsed JSON as plain data', () => {
      const value: unknown = JSON.parse('{"__proto__": {"polluted": true}}');

      expect(readField(value, '__proto__')).toEqual({ polluted: true });
      expect(readField(value, 'polluted')).toBeUndefined();
    });
  });

  describe('readPath', () => {
    it('reads a nested property', () => {
      expect(readPath({ a: { b: { c: 3 } } }, 'a', 'b', 'c')).toBe(3);
    });

    it('returns the value itself for an empty path', () => {
      expect(readPath('value')).toBe('value');
    });

    it.each<[string, unknown]>([
      ['a missing middle step', { a: {} }],
      ['a middle step that is not an object', { a: 'b' }],
      ['a middle step that is a list', { a: [{ b: { c: 3 } }] }],
    ])('reads nothing through %s', (_name, value) => {
      expect(readPath(value, 'a', 'b', 'c')).toBeUndefined();
    });
  });

  describe('readString', () => {
    it('reads a nested string', () => {
      expect(readString({ status: { code: '200' } }, 'status', 'code')).toBe('200');
    });

    it('reads an empty string as a string', () => {
      expect(readString({ code: '' }, 'code')).toBe('');
    });

    it.each([200, true, null, { value: '200' }, ['200']])('reads nothing for %p', (found) => {
      expect(readString({ code: found }, 'code')).toBeUndefined();
    });
  });
});
