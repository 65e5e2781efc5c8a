import { formatBar, formatDuration, type TextSink } from './progress.ts';

/** Bytes in B, kB, MB or GB (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** Options of {@link createDownloadProgress}. */
export interface DownloadProgressOptions {
  /** Where to write, e.g. `process.stderr`. */
  stream: TextSink;
  /** A redrawn bar on a terminal, else plain lines. */
  isTTY: boolean;
  /** @default Date.now */
  now?: () => number;
  /** Least time between two draws. @default 100 on a terminal, 5000 otherwise */
  intervalMs?: number;
}

/**
 * A `(bytes, total)` progress callback for downloads that draws like the training progress: a bar redrawn with
 * `\r` on a terminal, a line every few seconds elsewhere; the last call (bytes === total) is always shown.
 */
export function createDownloadProgress(options: DownloadProgressOptions): {
  update: (bytes: number, total: number | undefined) => void;
  finish: () => void;
} {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? (options.isTTY ? 100 : 5000);
  let started: { time: number; bytes: number } | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let open = false;
  const finish = () => {
    if (open) options.stream.write('\n');
    open = false;
  };
  return {
    update(bytes, total) {
      const t = now();
      if (!started) {
        started = { time: t, bytes };
        if (!options.isTTY) lastDraw = t;
      }
      const last = total !== undefined && bytes >= total;
      if (!last && t - lastDraw < interval) return;
      lastDraw = t;
      const seconds = (t - started.time) / 1000;
      const rate = seconds > 0 ? (bytes - started.bytes) / seconds : 0;
      const eta = total !== undefined && rate > 0 ? (total - bytes) / rate : undefined;
      const amount =
        total !== undefined ? `${formatBytes(bytes)} / ${formatBytes(total)}` : formatBytes(bytes);
      const speed = rate > 0 ? `  ${formatBytes(rate)}/s` : '';
      const time = last ? `  done in ${formatDuration(seconds)}` : `  ETA ${formatDuration(eta)}`;
      if (options.isTTY) {
        const bar = total ? `${formatBar(bytes / total, 24)} ` : '';
        options.stream.write(`\rdownloading ${bar}${amount}${speed}${time}\x1b[K`);
        open = true;
        if (last) finish();
      } else {
        options.stream.write(`downloading ${amount}${speed}${time}\n`);
      }
    },
    finish,
  };
}
