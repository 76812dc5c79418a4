import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './harness.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
}
type Doc = {
  info: { license?: { name: string; url?: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('/openapi.json as SDK generators and linters read it', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  let doc: Doc;

  beforeAll(async () => {
    hub = await createTestApp('memory:');
    doc = (await (await hub.app.request('/openapi.json')).json()) as Doc;
  });
  afterAll(() => hub.close());

  it('names every operation with a unique camelCase operationId', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    for (const { key, op } of ops) expect(op.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    const ids = ops.map(({ op }) => op.operationId);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([]);
  });

  it('documents every /v1 route the app serves, the inbound hooks included', () => {
    const documented = new Set(operations(doc).map(({ key }) => key));
    const served = hub.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((key) => !documented.has(key))).toEqual([]);
    expect(documented).toContain('POST /v1/hooks/twilio/{channelId}');
    expect(documented).toContain('GET /v1/hooks/whatsapp/{channelId}');
  });

  it('carries a license and a server: relative by default, the public URL when given', async () => {
    expect(doc.info.license).toEqual({ name: 'MIT', url: 'https://opensource.org/licenses/MIT' });
    expect(doc.servers).toEqual([{ url: '/' }]);
    const withUrl = hub.appWith({ publicUrl: 'https://avisos.example.com' });
    const served = (await (await withUrl.request('/openapi.json')).json()) as Doc;
    expect(served.servers).toEqual([{ url: 'https://avisos.example.com' }]);
  });
});
