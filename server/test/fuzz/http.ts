/**
 * Raw HTTP for the property-based suites: requests sent exactly as generated (malformed paths
 * included), and the checks every answer must pass whatever was sent.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { ERROR_CODES } from '@aviso/protocol';
import type { Credential, FuzzWorld } from './world.ts';

/** What the hub answered to one raw request. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A raw request: the path goes on the request line as it is (malformed encodings included). */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

// A connection per request: the hub may close one after answering early (before reading a body).
const agent = new Agent({ keepAlive: false });

/**
 * Sends `req` to `base` with node:http (fetch would normalize the path). Resolves undefined when
 * the client itself refuses to send it (a header value it considers invalid): nothing reached the hub.
 */
export function send(base: string, req: RawRequest, timeoutMs = 15_000): Promise<Answer | undefined> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let r: ReturnType<typeof httpRequest>;
    try {
      // An explicit length: node frames a DELETE or OPTIONS body with none, and the hub would read it as a request.
      const length = req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) };
      const headers = { ...req.headers, ...length };
      r = httpRequest({
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent,
      });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(
      () => r.destroy(new Error(`no answer in ${timeoutMs} ms: the hub hangs`)),
      timeoutMs,
    );
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    r.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    r.end(req.body);
  });
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);
const excerpt = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/**
 * The checks every answer passes, whatever was sent: no 5xx; an error is the SPEC's JSON body with a
 * stable code; no marker of a tenant other than the credential's; and a row of another tenant named
 * in the path is never acted on (no 2xx).
 */
export function checkAnswer(world: FuzzWorld, cred: Credential, req: RawRequest, ans: Answer): void {
  const what = `${req.method} ${excerpt(req.path)} as ${cred.name} -> ${ans.status} ${excerpt(ans.text)}`;
  if (ans.status >= 500) throw new Error(`5xx: ${what}`);
  // Node's HTTP server answers a request line and headers past 16 KiB itself, before the hub sees it.
  const tooLong = ans.status === 431 && ans.headers['content-type'] === undefined;
  if (ans.status >= 400 && !tooLong) {
    let code: unknown;
    try {
      code = JSON.parse(ans.text).error.code;
    } catch {}
    if (typeof code !== 'string' || !KNOWN_CODES.has(code))
      throw new Error(`error without a stable code: ${what}`);
  }
  const seen = `${JSON.stringify(ans.headers)}\n${ans.text}`;
  for (const s of Object.values(world.tenants)) {
    if (s.label === cred.tenant) continue;
    const leaked = s.markers.find((m) => seen.includes(m));
    if (leaked) throw new Error(`tenant ${s.label}'s data (${leaked}) in an answer: ${what}`);
  }
  // (A CORS preflight answers 204 for any path: it reads and changes nothing.)
  if (ans.status < 300 && req.method !== 'OPTIONS') {
    for (const id of world.serverIds) {
      if (world.ownerOf(id) !== cred.tenant && req.path.includes(id)) {
        throw new Error(`acted on tenant ${world.ownerOf(id)}'s row ${id}: ${what}`);
      }
    }
  }
}
