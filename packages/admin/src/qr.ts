import { svg, type TemplateResult } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code as inline SVG: `uqr` encodes, and the dark modules are drawn as one path in a Lit
 * template (no HTML string is injected), with a 4-module quiet zone.
 */
export function qrCode(text: string, label: string): TemplateResult {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return svg`<svg class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>
  </svg>`;
}
