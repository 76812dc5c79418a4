// Writes src/openapi.d.ts from the hub's OpenAPI document (a file dumped by the root
// scripts/openapi.ts), or with --check fails when the committed file differs from what it would write.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

export const TYPES_FILE = new URL('../src/openapi.d.ts', import.meta.url);

type Operation = { responses?: Record<string, { description?: string }> };

/**
 * The document without its responses' descriptions: they list the error codes each status may carry,
 * prose that changes with the error catalog and types nothing, so it does not make the types stale.
 */
function withoutResponseProse(document: object): object {
  const copy = structuredClone(document) as { paths?: Record<string, Record<string, Operation>> };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const response of Object.values(op?.responses ?? {})) delete response.description;
    }
  }
  return copy;
}

/** The TypeScript declarations openapi-typescript makes of an OpenAPI document. */
export async function openapiTypes(document: object): Promise<string> {
  const ast = await openapiTS(withoutResponseProse(document) as Parameters<typeof openapiTS>[0], {
    // Optional properties stay optional (never `| undefined`), and ids stay strings.
    exportType: false,
    alphabetize: false,
  });
  return `// Generated from the hub's /openapi.json by \`pnpm --filter @aviso/node openapi:types\`.\n${astToString(ast)}`;
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: openapi-types.ts <openapi.json> [--check]');
  const text = await openapiTypes(JSON.parse(readFileSync(file, 'utf8')));
  if (!check) {
    writeFileSync(TYPES_FILE, text);
    return;
  }
  let current = '';
  try {
    current = readFileSync(TYPES_FILE, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('src/openapi.d.ts is stale: run `pnpm --filter @aviso/node openapi:types`');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
