import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The `code` a refused connection's error carries (like `ECONNREFUSED`, but decided by Aviso). */
export const EGRESS_REFUSED = 'EDESTINATIONNOTALLOWED';

/**
 * A destination the egress policy refused. The message names neither the address it resolved to
 * nor why, so a tenant cannot map the hub's network through it.
 */
export class EgressRefusedError extends Error {
  readonly code = EGRESS_REFUSED;
  constructor(readonly host: string) {
    super(`${host} is not an allowed destination (loopback, private, link-local or reserved address)`);
    this.name = 'EgressRefusedError';
  }
}

/** True when `err` (or its cause, as fetch-like clients wrap it) is a refusal by the egress policy. */
export function isEgressRefused(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  return e?.code === EGRESS_REFUSED || e?.cause?.code === EGRESS_REFUSED;
}

// IPv4 ranges no provider lives in: this network, private, CGNAT, loopback, link-local (cloud
// metadata at 169.254.169.254), IETF protocol assignments, documentation, benchmarking,
// multicast, reserved and broadcast. BlockList applies them to IPv4-mapped IPv6 (::ffff:a.b.c.d) too.
const DENIED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

// IPv6: unspecified, loopback, IPv4-compatible, discard, local NAT64, Teredo, documentation,
// unique-local (fc00::/7), link-local, site-local and multicast.
const DENIED_V6: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  ['100::', 64],
  ['64:ff9b:1::', 48],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/** `a.b.c.d` as the two 16-bit groups IPv6 embeds it as. */
function v4Groups(address: string): string {
  const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function deniedList(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of DENIED_V4) {
    list.addSubnet(net, prefix, 'ipv4');
    // The same ranges reached through NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48).
    list.addSubnet(`64:ff9b::${v4Groups(net)}`, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${v4Groups(net)}::`, 16 + prefix, 'ipv6');
  }
  for (const [net, prefix] of DENIED_V6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * A host as a connection sees it: lower case, no brackets or trailing dot, and an IPv4 address in
 * any form the resolver accepts (`2130706433`, `0x7f.1`, `0177.0.0.1`) as its dotted quad.
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (isIP(h)) return h;
  if (/^[0-9a-fx.]+$/.test(h)) {
    try {
      const parsed = new URL(`http://${h}/`).hostname;
      if (isIP(parsed) === 4) return parsed;
    } catch {}
  }
  return h;
}

// Names that are loopback by definition (RFC 6761), refused before any lookup.
const LOOPBACK_NAME = /^(localhost|.+\.localhost)$/;

type AllowEntry = { list: BlockList; port?: number } | { name: string; port?: number };

function parseEntry(raw: string): AllowEntry {
  const entry = raw.trim();
  const fail = () => new Error(`AVISO_EGRESS_ALLOW: "${entry}" is not a host, host:port, IP or CIDR`);
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const net = normalizeHost(cidr[1]!);
    const prefix = Number(cidr[2]);
    const type = isIP(net);
    if (!type || prefix > (type === 4 ? 32 : 128)) throw fail();
    const list = new BlockList();
    list.addSubnet(net, prefix, family(net));
    return { list };
  }
  // `[v6]:port`, `host:port`, or a bare host or address (a bare IPv6 has several colons).
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : withPort
      ? [withPort[1]!, withPort[2]]
      : [entry, undefined];
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) throw fail();
  const h = normalizeHost(host);
  const at = port === undefined ? {} : { port };
  if (isIP(h)) {
    const list = new BlockList();
    list.addAddress(h, family(h));
    return { list, ...at };
  }
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(h)) throw fail();
  return { name: h, ...at };
}

/** Splits and checks `AVISO_EGRESS_ALLOW` (comma-separated); throws on an entry it cannot read. */
export function parseEgressAllow(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of entries) parseEntry(e);
  return entries;
}

export interface EgressPolicyOptions {
  /** Hosts, `host:port`s, IPs and CIDRs reachable although they are loopback, private or reserved. */
  allow?: readonly string[];
  /** The resolver (tests point a name at a chosen address). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

const systemResolve = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/**
 * Which addresses outbound provider connections (HTTP and SMTP) may reach. Public addresses are
 * allowed; loopback, private, link-local, CGNAT, multicast, reserved and the like are refused
 * unless the operator's allow-list names them. Checked at connect time on the resolved address,
 * so a name that resolves to an internal address (DNS rebinding included) is refused too.
 */
export class EgressPolicy {
  private readonly denied = deniedList();
  private readonly allowed: AllowEntry[];
  private readonly resolver: (host: string) => Promise<LookupAddress[]>;

  constructor(options: EgressPolicyOptions = {}) {
    this.allowed = (options.allow ?? []).map(parseEntry);
    this.resolver = options.resolve ?? systemResolve;
  }

  /** May a connection to `host` (as configured) on `port` go to the resolved `address`? */
  allows(address: string, host: string, port: number): boolean {
    if (!isIP(address)) return false;
    const type = family(address);
    if (!this.denied.check(address, type)) return true;
    const name = normalizeHost(host);
    return this.allowed.some(
      (e) =>
        (e.port === undefined || e.port === port) &&
        ('name' in e ? e.name === name : e.list.check(address, type)),
    );
  }

  /**
   * What can be told without a lookup, when a channel is saved: false when `host` is an address
   * (in any notation) or a loopback name that the policy refuses. Other names are judged at send time.
   */
  allowsLiteral(host: string, port: number): boolean {
    const h = normalizeHost(host);
    if (isIP(h)) return this.allows(h, h, port);
    // Either loopback address may be what it resolves to; the lookup keeps only the allowed one.
    if (LOOPBACK_NAME.test(h)) return this.allows('127.0.0.1', h, port) || this.allows('::1', h, port);
    return true;
  }

  /** Resolves `host` and keeps the addresses the policy allows; rejects with `EgressRefusedError` if none. */
  async resolve(host: string, port: number): Promise<LookupAddress[]> {
    const h = normalizeHost(host);
    const addresses = isIP(h) ? [{ address: h, family: isIP(h) }] : await this.resolver(h);
    const allowed = addresses.filter((a) => this.allows(a.address, h, port));
    if (!allowed.length) throw new EgressRefusedError(host);
    return allowed;
  }

  /**
   * A `lookup` for `net.connect`/`http.request` that only hands out allowed addresses. Node skips
   * `lookup` for an IP literal, so callers check literals with `allows` first.
   */
  lookupFor(port: number): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname, port).then(
        (all) => {
          const want = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
          const wanted = want ? all.filter((a) => a.family === want) : all;
          if (!wanted.length) return callback(new EgressRefusedError(hostname), '', 0);
          if (options.all) return callback(null, wanted);
          return callback(null, wanted[0]!.address, wanted[0]!.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      );
    };
  }
}
