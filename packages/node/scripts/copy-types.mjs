// tsc emits no output for a .d.ts input: the generated API types go to dist beside the code that names them.
import { copyFileSync } from 'node:fs';

copyFileSync(
  new URL('../src/openapi.d.ts', import.meta.url),
  new URL('../dist/openapi.d.ts', import.meta.url),
);
