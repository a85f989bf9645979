// The plain-text result table: metric, value, baseline, ratio, target, verdict.

export interface Row {
  metric: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** PASS / FAIL when there is a target, otherwise "info". */
  verdict?: 'PASS' | 'FAIL' | 'info';
  /** The numbers behind value, baseline and ratio, for bench-results.json (bench-results.ts). */
  figures?: Figures;
}

export interface Figures {
  value?: number;
  baseline?: number;
  ratio?: number;
  /** e.g. "MiB/s", "files/s", "ms" */
  unit?: string;
  /** What the ratio is held to, if anything. */
  target?: RatioTarget;
}

/** What a ratio is held to: at least (a speed against its baseline) or at most (a cost). */
export type RatioTarget = { atLeast: number } | { atMost: number };

/**
 * A row comparing `value` with `baseline` (ratio = value / baseline), with a verdict when it
 * has a target; `format` renders both numbers.
 */
export function ratioRow(
  metric: string,
  value: number,
  baseline: number,
  opts: { format: (n: number) => string; unit: string; target?: RatioTarget },
): Row {
  const ratio = value / baseline;
  const row: Row = {
    metric,
    value: opts.format(value),
    baseline: opts.format(baseline),
    ratio: fixed(ratio),
    figures: { value, baseline, ratio, unit: opts.unit, target: opts.target },
  };
  if (opts.target && 'atLeast' in opts.target) {
    row.target = `>= ${fixed(opts.target.atLeast)}`;
    row.verdict = verdict(ratio >= opts.target.atLeast);
  } else if (opts.target) {
    row.target = `<= ${fixed(opts.target.atMost)}`;
    row.verdict = verdict(ratio <= opts.target.atMost);
  }
  return row;
}

/** A row with a measured value and no baseline. */
export const valueRow = (
  metric: string,
  value: number,
  opts: { format: (n: number) => string; unit: string },
): Row => ({
  metric,
  value: opts.format(value),
  figures: { value, unit: opts.unit },
});

const HEADERS = ['metric', 'value', 'baseline', 'ratio', 'target', 'verdict'] as const;

export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.metric,
    r.value,
    r.baseline ?? '-',
    r.ratio ?? '-',
    r.target ?? '-',
    r.verdict ?? 'info',
  ]);
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  // Text left-aligned, numbers right-aligned.
  const numeric = [false, true, true, true, false, false];
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(HEADERS), rule, ...cells.map(line)].join('\n');
}

export const verdict = (ok: boolean): 'PASS' | 'FAIL' => (ok ? 'PASS' : 'FAIL');

/** 12345.6 → "12,346" */
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const fixed = (n: number, digits = 2) => n.toFixed(digits);
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
