/** One training step's progress, as the trainer reports it after each batch. */
export interface BatchProgress {
  /** 1-based epoch number. */
  epoch: number;
  /** Epochs in the run. */
  epochs: number;
  /** Batches done in this epoch. */
  done: number;
  /** Batches in this epoch. */
  total: number;
  /** Running training loss of this epoch. */
  loss: number;
  /** Recent throughput in tokens per second. */
  tokensPerSec: number;
}

/** Where progress is written: a stream such as `process.stderr`. */
export interface TextSink {
  write(text: string): unknown;
}

/** `m:ss` or `h:mm:ss`; `--:--` when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A rate with a k/M suffix: `950`, `12.3k`, `1.20M`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '-';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return `${Math.round(perSecond)}`;
}

/** A bar of `width` cells filled to `fraction` (clamped to [0, 1]). */
export function formatBar(fraction: number, width: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Timing of the current epoch, in seconds. */
export interface EpochTiming {
  /** Since the epoch's first report. */
  elapsed: number;
  /** Estimated time left in the epoch, when it can be told. */
  eta: number | undefined;
}

/** The progress line: with a bar for terminals (`barWidth` > 0), plain for logs. */
export function formatProgressLine(p: BatchProgress, timing: EpochTiming, barWidth = 0): string {
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  const epoch = `epoch ${p.epoch}/${p.epochs}`;
  const loss = `loss ${Number.isFinite(p.loss) ? p.loss.toFixed(4) : String(p.loss)}`;
  const rate = `${formatRate(p.tokensPerSec)} tok/s`;
  if (barWidth > 0) {
    const count = `${String(p.done).padStart(String(p.total).length)}/${p.total}`;
    const bar = formatBar(p.total > 0 ? p.done / p.total : 0, barWidth);
    const time =
      p.done >= p.total ? `in ${formatDuration(timing.elapsed)}` : `ETA ${formatDuration(timing.eta)}`;
    return `${epoch} ${bar} ${String(pct).padStart(3)}% ${count}  ${loss}  ${rate}  ${time}`;
  }
  const time =
    p.done >= p.total
      ? `done in ${formatDuration(timing.elapsed)}`
      : `elapsed ${formatDuration(timing.elapsed)}  ETA ${formatDuration(timing.eta)}`;
  return `${epoch}  batch ${p.done}/${p.total} (${pct}%)  ${loss}  ${rate}  ${time}`;
}

/** Options of {@link createProgressRenderer}. */
export interface ProgressRendererOptions {
  /** Where to write, e.g. `process.stderr`. */
  stream: TextSink;
  /** Whether `stream` is a terminal: a redrawn bar if so, else plain lines. */
  isTTY: boolean;
  /** The clock in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
  /**
   * Least time between two redraws of the bar on a terminal.
   * @default 100
   */
  ttyIntervalMs?: number;
  /**
   * Least time between two plain lines when not on a terminal.
   * @default 5000
   */
  plainIntervalMs?: number;
  /**
   * Cells of the bar.
   * @default 24
   */
  barWidth?: number;
}

/** Renders training progress; the last batch of each epoch is always shown and ends its line. */
export interface ProgressRenderer {
  /** Reports a batch; drawn or not depending on the throttle. */
  update(progress: BatchProgress): void;
  /** Ends a bar line left open (e.g. training stopped mid-epoch) so the next output starts on a new line. */
  finish(): void;
}

/**
 * A progress renderer: on a terminal a bar per epoch redrawn in place with `\r` (at most every
 * `ttyIntervalMs`), otherwise a plain line every `plainIntervalMs`. Throttling uses the injected clock.
 */
export function createProgressRenderer(options: ProgressRendererOptions): ProgressRenderer {
  const now = options.now ?? Date.now;
  const interval = options.isTTY ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 5000);
  const barWidth = options.isTTY ? (options.barWidth ?? 24) : 0;
  let epoch: number | undefined;
  let start = { time: 0, done: 0 };
  let lastDraw = Number.NEGATIVE_INFINITY;
  let open = false;

  const finish = () => {
    if (open) options.stream.write('\n');
    open = false;
  };

  return {
    update(p) {
      const t = now();
      if (p.epoch !== epoch) {
        finish();
        epoch = p.epoch;
        start = { time: t, done: p.done };
        lastDraw = options.isTTY ? Number.NEGATIVE_INFINITY : t;
      }
      const last = p.done >= p.total;
      if (!last && t - lastDraw < interval) return;
      lastDraw = t;
      const elapsed = (t - start.time) / 1000;
      const progressed = p.done - start.done;
      const eta = progressed > 0 && elapsed > 0 ? (elapsed / progressed) * (p.total - p.done) : undefined;
      const line = formatProgressLine(p, { elapsed, eta }, barWidth);
      if (options.isTTY) {
        options.stream.write(`\r${line}\x1b[K`);
        open = true;
        if (last) finish();
      } else {
        options.stream.write(`${line}\n`);
      }
    },
    finish,
  };
}
