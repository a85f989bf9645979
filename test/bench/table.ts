// The plain-text result table: metric, value, baseline, ratio, target, verdict.

export interface Row {
  metric: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** PASS / FAIL when there is a target, otherwise "info". */
  verdict?: 'PASS' | 'FAIL' | 'info';
}

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
