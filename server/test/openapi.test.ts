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

  it('writes every pattern as a plain regular expression that accepts what the API accepts', async () => {
    // A regex flag used to be copied into the text (`…$/i`): such a pattern matches nothing, and a
    // client that validates with the document refused every id.
    const patterns: string[] = [];
    JSON.stringify(doc, (key, value) => {
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(patterns.length).toBeGreaterThan(5);
    for (const p of patterns) {
      expect(p, p).not.toMatch(/\/[a-z]+$/);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
    type Params = { parameters: { name: string; schema: { pattern: string } }[] };
    const pattern = (path: string, name: string) => {
      const params = (doc.paths[path]!.get as unknown as Params).parameters;
      return new RegExp(params.find((x) => x.name === name)!.schema.pattern, 'u');
    };
    const cursor = pattern('/v1/me/notifications', 'cursor');
    expect(cursor.test('0192f5e4-8c1a-7b3e-9d2f-5a6b7c8d9e0f')).toBe(true);
    expect(cursor.test('-'.repeat(36))).toBe(false);
    const recipient = pattern('/v1/recipients/{recipientId}', 'recipientId');
    expect(recipient.test('caja-1')).toBe(true);
    expect(recipient.test('caja\u0007')).toBe(false);
  });
});
