import { escapeHtml } from './html-escape.ts';
import type { EpochMetrics } from './report-schema.ts';

/** One plotted line: its name, colour and the history field it reads. */
interface Series {
  id: string;
  name: string;
  color: string;
  key: 'trainLoss' | 'valLoss' | 'valAccuracy' | 'valF1';
}

/** The two panels of the curves: loss (train, val) and validation accuracy and F1. */
export const curvePanels: readonly { title: string; series: readonly Series[]; unitRange?: boolean }[] = [
  {
    title: 'Loss',
    series: [
      { id: 'train-loss', name: 'train loss', color: '#2563eb', key: 'trainLoss' },
      { id: 'val-loss', name: 'val loss', color: '#dc2626', key: 'valLoss' },
    ],
  },
  {
    title: 'Validation accuracy and F1',
    unitRange: true,
    series: [
      { id: 'val-accuracy', name: 'val accuracy', color: '#16a34a', key: 'valAccuracy' },
      { id: 'val-f1', name: 'val F1', color: '#9333ea', key: 'valF1' },
    ],
  },
];

const panelWidth = 420;
const panelHeight = 280;
const margin = { left: 52, right: 16, top: 48, bottom: 40 };

/** Round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0, 1];
  if (max - min < 1e-12) return niceTicks(min - 0.5, max + 0.5, count);
  const raw = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toFixed(10)));
  if ((ticks.at(-1) as number) < max) ticks.push(Number(((ticks.at(-1) as number) + step).toFixed(10)));
  return ticks;
}

function panel(history: readonly EpochMetrics[], spec: (typeof curvePanels)[number], x0: number): string {
  const plotW = panelWidth - margin.left - margin.right;
  const plotH = panelHeight - margin.top - margin.bottom;
  const values = spec.series.flatMap((s) => history.map((h) => h[s.key])).filter(Number.isFinite);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (spec.unitRange) {
    lo = Math.max(0, Math.floor(lo * 10) / 10);
    hi = 1;
  } else {
    lo = Math.min(0, lo);
  }
  const yTicks = niceTicks(lo, hi);
  const yMin = yTicks[0] as number;
  const yMax = yTicks.at(-1) as number;
  const epochs = history.map((h) => h.epoch);
  const eMin = epochs.length ? Math.min(...epochs) : 1;
  const eMax = epochs.length ? Math.max(...epochs) : 1;
  const px = (e: number) =>
    x0 + margin.left + (eMax === eMin ? plotW / 2 : ((e - eMin) / (eMax - eMin)) * plotW);
  const py = (v: number) => margin.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const step = Math.max(1, Math.ceil((eMax - eMin + 1) / 10));
  const xTicks: number[] = [];
  for (let e = eMin; e <= eMax; e += step) xTicks.push(e);
  const parts: string[] = [
    `<g class="panel">`,
    `<text x="${x0 + panelWidth / 2}" y="20" text-anchor="middle" class="title">${escapeHtml(spec.title)}</text>`,
    `<rect x="${x0 + margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" class="frame"/>`,
  ];
  for (const v of yTicks) {
    const y = py(v).toFixed(1);
    parts.push(
      `<line x1="${x0 + margin.left}" x2="${x0 + margin.left + plotW}" y1="${y}" y2="${y}" class="grid"/>`,
      `<text x="${x0 + margin.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`,
    );
  }
  for (const e of xTicks) {
    parts.push(
      `<text x="${px(e).toFixed(1)}" y="${margin.top + plotH + 16}" text-anchor="middle">${e}</text>`,
    );
  }
  parts.push(
    `<text x="${x0 + margin.left + plotW / 2}" y="${panelHeight - 6}" text-anchor="middle">epoch</text>`,
  );
  if (history.length === 0) {
    parts.push(
      `<text x="${x0 + margin.left + plotW / 2}" y="${margin.top + plotH / 2}" text-anchor="middle">no epochs yet</text>`,
    );
  }
  spec.series.forEach((s, i) => {
    const points = history.filter((h) => Number.isFinite(h[s.key]));
    if (points.length > 0) {
      const coords = points.map((h) => `${px(h.epoch).toFixed(1)},${py(h[s.key]).toFixed(1)}`);
      parts.push(
        `<polyline data-series="${s.id}" points="${coords.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`,
        ...coords.map((c) => {
          const [cx, cy] = c.split(',');
          return `<circle cx="${cx}" cy="${cy}" r="2.5" fill="${s.color}"/>`;
        }),
      );
    }
    // Legend in a row between the title and the plot, so it never covers a curve.
    const ly = 36;
    const lx = x0 + margin.left + i * 120;
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${lx + 24}" y="${ly}" dominant-baseline="middle">${escapeHtml(s.name)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

/**
 * The training curves as a standalone SVG: loss (train and val) and validation accuracy and F1 per epoch, one
 * `<polyline data-series="…">` per series with a point per epoch (non-finite values are left out).
 */
export function renderCurvesSvg(history: readonly EpochMetrics[]): string {
  const width = panelWidth * curvePanels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${panelHeight}" width="${width}" height="${panelHeight}" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="Training curves">`,
    '<style>.frame{fill:#fff;stroke:#9ca3af}.grid{stroke:#e5e7eb}.title{font-size:13px;font-weight:600}text{fill:#111827}</style>',
    ...curvePanels.map((spec, i) => panel(history, spec, i * panelWidth)),
    '</svg>',
  ].join('\n');
}

function fmt(v: number): string {
  return Number(v.toFixed(4)).toString();
}
