// How `cirrus` shows a long job's progress (jobs/progress.ts Progress), always on stderr so
// that stdout holds only the result (a summary, or JSON with --json):
//   - on a terminal, a cli-progress bar per phase — done/total, %, rate, ETA and the job's own
//     counters — with findings and repairs printed above it as they come;
//   - elsewhere (a pipe, a log file, CI), plain lines: the phase, then one line every
//     PLAIN_LINE_MS, then the phase's summary. Never a control character in a log.
// A total that is only an estimate (e.g. from usage counters) is marked `~` and raised when the
// work passes it; a phase without a total (a bucket listing) shows its count and rate only.
import cliProgress from 'cli-progress';
import type { Progress } from '../jobs/progress.ts';

/** Plain-line mode: one progress line this often (a log a person reads, not a flood). */
export const PLAIN_LINE_MS = 10_000;
/** Terminal mode: redraws per second (cli-progress's fps). */
const BAR_FPS = 5;
const BAR_WIDTH = 30;

interface Phase {
  name: string;
  unit: string;
  total?: number;
  estimated: boolean;
  started: number;
  done: number;
  counters: Readonly<Record<string, number>>;
}

const fmt = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return fmt.format(Math.round(n));
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}

function counterText(counters: Readonly<Record<string, number>>): string {
  return Object.entries(counters)
    .map(([k, v]) => `${k} ${k === 'bytes' ? formatBytes(v) : formatCount(v)}`)
    .join(' · ');
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** The phase's numbers as text: `1,200/~2,000 names (60%) 3,400/s ETA 0.2s`. */
function describe(p: Phase, now: number): { count: string; rate: string; eta: string; fraction?: number } {
  const seconds = (now - p.started) / 1000;
  const rate = seconds > 0 ? p.done / seconds : 0;
  const total = p.total !== undefined ? Math.max(p.total, p.done) : undefined;
  const count =
    total === undefined
      ? `${formatCount(p.done)} ${p.unit}`
      : `${formatCount(p.done)}/${p.estimated ? '~' : ''}${formatCount(total)} ${p.unit}`;
  const eta = total !== undefined && rate > 0 ? formatSeconds((total - p.done) / rate) : '?';
  return { count, rate: `${formatCount(rate)}/s`, eta, fraction: total ? p.done / total : undefined };
}

function summary(p: Phase, now: number): string {
  const seconds = (now - p.started) / 1000;
  const rate = seconds > 0 ? `, ${formatCount(p.done / seconds)}/s` : '';
  const extra = counterText(p.counters);
  return `${p.name}: ${formatCount(p.done)} ${p.unit} in ${formatSeconds(seconds)}${rate}${extra ? ` (${extra})` : ''}`;
}

/** Plain lines, for anything that is not a terminal. */
export class LineProgress implements Progress {
  private phaseNow?: Phase;
  private lastLine = 0;

  constructor(
    private readonly out: NodeJS.WritableStream = process.stderr,
    private readonly clock: () => number = Date.now,
    private readonly everyMs = PLAIN_LINE_MS,
  ) {}

  phase(name: string, opts: { unit: string; total?: number; estimated?: boolean }): void {
    const now = this.clock();
    this.phaseNow = { name, ...opts, estimated: opts.estimated ?? false, started: now, done: 0, counters: {} };
    this.lastLine = now;
    const total =
      opts.total === undefined ? '' : ` (${opts.estimated ? 'about ' : ''}${formatCount(opts.total)} ${opts.unit})`;
    this.out.write(`${name}${total}\n`);
  }

  update(done: number, counters?: Readonly<Record<string, number>>): void {
    const p = this.phaseNow;
    if (!p) return;
    p.done = done;
    if (counters) p.counters = counters;
    const now = this.clock();
    if (now - this.lastLine < this.everyMs) return;
    this.lastLine = now;
    const d = describe(p, now);
    const pct = d.fraction === undefined ? '' : ` (${Math.floor(d.fraction * 100)}%)`;
    const extra = counterText(p.counters);
    this.out.write(`${p.name}: ${d.count}${pct} ${d.rate} ETA ${d.eta}${extra ? ` · ${extra}` : ''}\n`);
  }

  note(line: string): void {
    this.out.write(`${line}\n`);
  }

  done(): void {
    if (this.phaseNow) this.out.write(`${summary(this.phaseNow, this.clock())}\n`);
    this.phaseNow = undefined;
  }
}

/** A cli-progress bar per phase, on a terminal. */
export class BarProgress implements Progress {
  private bars?: cliProgress.MultiBar;
  private bar?: cliProgress.SingleBar;
  private phaseNow?: Phase;
  private drawnAt = 0;

  phase(name: string, opts: { unit: string; total?: number; estimated?: boolean }): void {
    this.stop();
    const p: Phase = { name, ...opts, estimated: opts.estimated ?? false, started: Date.now(), done: 0, counters: {} };
    this.phaseNow = p;
    const line = (bar: string) => {
      const d = describe(p, Date.now());
      const extra = counterText(p.counters);
      const shown = d.fraction === undefined ? '' : ` ${bar} ${String(Math.floor(d.fraction * 100)).padStart(3)}%`;
      const eta = d.fraction === undefined ? '' : ` ETA ${d.eta}`;
      return `${p.name}${shown} ${d.count} ${d.rate}${eta}${extra ? ` · ${extra}` : ''}`;
    };
    // One MultiBar per phase (for its log(), which prints above the bar): stopped with the
    // phase, so the bar's line is cleared and the phase's summary stays.
    this.bars = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        fps: BAR_FPS,
        barsize: BAR_WIDTH,
        hideCursor: true,
        clearOnComplete: true,
        gracefulExit: true,
        format: (options, params, payload: { line: (bar: string) => string }) =>
          payload.line(cliProgress.Format.BarFormat(params.progress, options)),
      },
      cliProgress.Presets.shades_classic,
    );
    // The bar's own total only draws the bar; our line says whether it is an estimate.
    this.bar = this.bars.create(Math.max(1, opts.total ?? 1), 0, { line });
  }

  update(done: number, counters?: Readonly<Record<string, number>>): void {
    const p = this.phaseNow;
    if (!p || !this.bar) return;
    p.done = done;
    if (counters) p.counters = counters;
    if (p.total !== undefined && done > p.total) this.bar.setTotal(done);
    this.bar.update(p.total === undefined ? 0 : done);
    // cli-progress redraws on a timer, which a job never yielding to the event loop (a scan
    // of the embedded engine's view resolves every page at once) would starve: draw when due.
    const now = Date.now();
    if (now - this.drawnAt >= 1000 / BAR_FPS) {
      this.drawnAt = now;
      this.bars?.update();
    }
  }

  note(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  }

  done(): void {
    if (!this.phaseNow) return;
    const line = summary(this.phaseNow, Date.now());
    this.stop();
    process.stderr.write(`${line}\n`);
  }

  /** The bar stops drawing and its line is cleared; pending notes are printed. */
  stop(): void {
    if (!this.bars) return;
    this.bars.update(); // prints the notes logged since the last redraw
    this.bars.stop();
    this.bars = undefined;
    this.bar = undefined;
    this.phaseNow = undefined;
  }
}

/** The progress display for this process's stderr: a bar on a terminal, plain lines elsewhere, none when quiet. */
export function progressFor(opts: { quiet?: boolean }): Progress & { stop?: () => void } {
  if (opts.quiet) return { phase() {}, update() {}, note() {}, done() {} };
  return process.stderr.isTTY ? new BarProgress() : new LineProgress();
}
