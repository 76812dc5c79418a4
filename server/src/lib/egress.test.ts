import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  EgressPolicy,
  EgressRefusedError,
  isEgressRefused,
  normalizeHost,
  parseEgressAllow,
} from './egress.ts';

const REFUSED = [
  '127.0.0.1',
  '127.255.255.254',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '224.0.0.1',
  '255.255.255.255',
  '198.18.0.1',
  '::',
  '::1',
  '::ffff:127.0.0.1',
  '::ffff:a9fe:a9fe',
  'fd00::1',
  'fc00::1',
  'fe80::1',
  'ff02::1',
  '64:ff9b::7f00:1',
  '2002:7f00:1::1',
  '2002:c0a8:101::',
];
const PUBLIC = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '64:ff9b::808:808'];

describe('EgressPolicy', () => {
  const policy = new EgressPolicy();

  it('refuses internal addresses and allows public ones', () => {
    for (const a of REFUSED) expect(policy.allows(a, a, 443), a).toBe(false);
    for (const a of PUBLIC) expect(policy.allows(a, a, 443), a).toBe(true);
    expect(policy.allows('not-an-ip', 'x', 443)).toBe(false);
  });

  it('reads IPv4 in every notation the resolver accepts', () => {
    for (const h of [
      '2130706433',
      '0x7f000001',
      '0x7f.1',
      '017700000001',
      '0177.0.0.1',
      '127.1',
      '127.0.0.1.',
    ]) {
      expect(normalizeHost(h), h).toBe('127.0.0.1');
      expect(policy.allowsLiteral(h, 80), h).toBe(false);
    }
    expect(normalizeHost('[::1]')).toBe('::1');
    expect(policy.allowsLiteral('[::1]', 80)).toBe(false);
    expect(policy.allowsLiteral('[::ffff:127.0.0.1]', 80)).toBe(false);
    expect(policy.allowsLiteral('LocalHost.', 80)).toBe(false);
    expect(policy.allowsLiteral('api.localhost', 80)).toBe(false);
    // A name is judged when it is resolved, at send time.
    expect(policy.allowsLiteral('smtp.example.com', 25)).toBe(true);
  });

  it('lets the allow-list through: host, host:port, IP, IP:port and CIDR', () => {
    const allowed = new EgressPolicy({
      allow: [
        'relay.lan',
        'gw.lan:8080',
        '127.0.0.1:2525',
        '10.0.0.0/8',
        'fd00::/8',
        '[::1]:25',
        '192.168.1.9',
      ],
    });
    expect(allowed.allows('192.168.5.5', 'relay.lan', 25)).toBe(true);
    expect(allowed.allows('192.168.5.5', 'gw.lan', 8080)).toBe(true);
    expect(allowed.allows('192.168.5.5', 'gw.lan', 8081)).toBe(false);
    expect(allowed.allowsLiteral('127.0.0.1', 2525)).toBe(true);
    expect(allowed.allowsLiteral('127.0.0.1', 2526)).toBe(false);
    expect(allowed.allowsLiteral('10.9.8.7', 1)).toBe(true);
    expect(allowed.allowsLiteral('fd12::1', 1)).toBe(true);
    expect(allowed.allowsLiteral('[::1]', 25)).toBe(true);
    expect(allowed.allowsLiteral('192.168.1.9', 1)).toBe(true);
    expect(allowed.allowsLiteral('192.168.1.10', 1)).toBe(false);
    expect(allowed.allowsLiteral('169.254.169.254', 80)).toBe(false);
    expect(new EgressPolicy({ allow: ['localhost'] }).allowsLiteral('localhost', 80)).toBe(true);
    expect(new EgressPolicy({ allow: ['127.0.0.1'] }).allowsLiteral('localhost', 80)).toBe(true);
    expect(new EgressPolicy({ allow: ['127.0.0.1'] }).allowsLiteral('127.0.0.2', 80)).toBe(false);
  });

  it('refuses allow-list entries it cannot read', () => {
    expect(parseEgressAllow(' relay.lan , 10.0.0.0/8,,127.0.0.1:25 ')).toEqual([
      'relay.lan',
      '10.0.0.0/8',
      '127.0.0.1:25',
    ]);
    expect(parseEgressAllow(undefined)).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'host:0', 'host:70000', 'http://x', 'a b', '::1/200']) {
      expect(() => parseEgressAllow(bad), bad).toThrow(/AVISO_EGRESS_ALLOW/);
    }
  });

  it('resolves names and keeps only the allowed addresses (a name pointing inside is refused)', async () => {
    const dns: Record<string, string[]> = {
      'inside.test': ['127.0.0.1'],
      'mixed.test': ['10.0.0.1', '93.184.215.14'],
    };
    const p = new EgressPolicy({
      resolve: async (h) => (dns[h] ?? []).map((address) => ({ address, family: 4 })),
    });
    const err = await p.resolve('inside.test', 80).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect(isEgressRefused(err)).toBe(true);
    expect(String((err as Error).message)).not.toContain('127.0.0.1');
    expect(await p.resolve('mixed.test', 80)).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('refuses at connect time through its lookup, and allows an allow-listed stand-in', async () => {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const attempt = (p: EgressPolicy) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: 'localhost', port, family: 4, lookup: p.lookupFor(port) });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
    try {
      expect(await attempt(new EgressPolicy())).toBe('EDESTINATIONNOTALLOWED');
      expect(await attempt(new EgressPolicy({ allow: [`127.0.0.1:${port}`] }))).toBe('connected');
    } finally {
      server.close();
    }
  });
});
