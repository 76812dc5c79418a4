// The size budget: the served bundle (Lit and socket.io-client included) ≤ 30 KB min+gzip, counted
// as 30,000 bytes (the stricter reading of "KB").
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 30_000;
const file = new URL('../dist/aviso.js', import.meta.url);
if (!existsSync(file)) {
  console.error('size: widget/dist/aviso.js is missing; run `pnpm --filter @aviso/widget build` first');
  process.exit(1);
}
const source = readFileSync(file);
const gzipped = gzipSync(source, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(2)} KB`;
const verdict = gzipped <= BUDGET ? 'within' : 'OVER';
console.log(
  `size: dist/aviso.js ${kb(source.length)} minified, ${kb(gzipped)} min+gzip (${gzipped} bytes): ${verdict} the ${BUDGET}-byte budget`,
);
process.exit(gzipped <= BUDGET ? 0 : 1);
