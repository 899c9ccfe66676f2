/** Tells whether a value is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property of an unknown value; never follows the prototype (`__proto__` is safe). */
export function readField(value: unknown, key: string): unknown {
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
  return value[key];
}

/** Reads a nested own property path of an unknown value. */
export function readPath(value: unknown, ...keys: ReadonlyArray<string>): unknown {
  let current = value;
  for (const key of keys) current = readField(current, key);
  return current;
}

/** Reads a nested string, or undefined when the path is missing or not a string. */
export function readString(value: unknown, ...keys: ReadonlyArray<string>): string | undefined {
  const found = readPath(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}
