import { svg, type TemplateResult } from 'lit';

/** One coloured part of a stacked bar. */
export interface Segment {
  key: string;
  label: string;
  colour: string;
}

/**
 * A stacked bar chart as inline SVG: one bar per row, one segment per key; each bar carries a
 * `<title>` with its numbers, and the whole chart an accessible label.
 */
export function stackedBars(
  rows: readonly { label: string; values: Record<string, number> }[],
  segments: readonly Segment[],
  label: string,
  num: (n: number) => string = String,
): TemplateResult {
  const width = 640;
  const height = 200;
  const pad = { top: 10, bottom: 28, left: 36 };
  const max = Math.max(1, ...rows.map((r) => segments.reduce((s, g) => s + (r.values[g.key] ?? 0), 0)));
  const step = (width - pad.left) / Math.max(1, rows.length);
  const bar = Math.max(4, Math.min(40, step * 0.7));
  const scale = (height - pad.top - pad.bottom) / max;
  const base = height - pad.bottom;
  return svg`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label=${label}>
    <line x1=${pad.left} x2=${width} y1=${base} y2=${base} stroke="var(--_border)"></line>
    <text x=${pad.left - 6} y=${pad.top + 8} text-anchor="end" class="axis">${num(max)}</text>
    <text x=${pad.left - 6} y=${base} text-anchor="end" class="axis">${num(0)}</text>
    ${rows.map((r, i) => {
      const x = pad.left + i * step + (step - bar) / 2;
      let y = base;
      const parts = segments
        .filter((g) => (r.values[g.key] ?? 0) > 0)
        .map((g) => {
          const h = (r.values[g.key] ?? 0) * scale;
          y -= h;
          return svg`<rect x=${x} y=${y} width=${bar} height=${h} fill=${g.colour}></rect>`;
        });
      const detail = segments.map((g) => `${g.label}: ${num(r.values[g.key] ?? 0)}`).join(', ');
      const showLabel = rows.length <= 14 || i % Math.ceil(rows.length / 14) === 0;
      return svg`<g><title>${r.label} — ${detail}</title>${parts}
        ${showLabel ? svg`<text x=${x + bar / 2} y=${height - 10} text-anchor="middle" class="axis">${r.label}</text>` : null}
      </g>`;
    })}
  </svg>`;
}

/** Horizontal bars of a 0–1 rate per row, with the percentage (as `percent` writes it) beside each. */
export function rateBars(
  rows: readonly { label: string; rate: number | null; detail: string }[],
  label: string,
  percent: (rate: number | null) => string,
): TemplateResult {
  const width = 640;
  const rowHeight = 30;
  const left = 120;
  const height = Math.max(1, rows.length) * rowHeight;
  return svg`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label=${label}>
    ${rows.map((r, i) => {
      const y = i * rowHeight + 6;
      const w = (width - left - 60) * (r.rate ?? 0);
      const colour =
        r.rate === null
          ? 'var(--_muted)'
          : r.rate >= 0.95
            ? 'var(--_success)'
            : r.rate >= 0.8
              ? 'var(--_warning)'
              : 'var(--_critical)';
      return svg`<g><title>${r.label}: ${r.detail}</title>
        <text x=${left - 8} y=${y + 13} text-anchor="end">${r.label}</text>
        <rect x=${left} y=${y} width=${width - left - 60} height="18" fill="var(--_hover)" rx="3"></rect>
        <rect x=${left} y=${y} width=${w} height="18" fill=${colour} rx="3"></rect>
        <text x=${width - 52} y=${y + 13}>${percent(r.rate)}</text>
      </g>`;
    })}
  </svg>`;
}
