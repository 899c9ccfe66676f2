// Small statistics and formatting helpers of the benchmark.

/** The nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const median = (values) => percentile(values, 50);

export function mean(values) {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Milliseconds, with a precision that suits the size. */
export function ms(value) {
  if (!Number.isFinite(value)) return '-';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ratio(ours, floor) {
  return floor > 0 && Number.isFinite(ours) && Number.isFinite(floor) ? ours / floor : Number.NaN;
}

export function times(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-';
}

/** Renders rows (arrays of strings) as a left-aligned text table with a header rule. */
export function table(header, rows) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)),
  );
  const line = (cells) =>
    cells
      .map((c, i) => String(c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
