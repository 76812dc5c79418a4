import type { Context } from 'hono';

/** What of Node's response (`@hono/node-server` hands it to the app as `env.outgoing`) is used. */
interface NodeResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
}

/**
 * Sets a header of the answer to come, before the route makes its answer. Served by Node, it goes
 * onto Node's response, which joins it with the answer's own headers when they are written (the
 * answer's own winning where both name one): an answer that sets nothing else keeps its headers a
 * plain object, which `@hono/node-server` hands to Node as it is. `c.header()` would make them a
 * web `Headers`, each name and value validated on the way in and the whole copied out again for
 * Node (BENCHMARKS.md, item 28). Without Node's response (`app.request`), `c.header()`.
 */
export function setAnswerHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as { outgoing?: NodeResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function' && !outgoing.headersSent) {
    outgoing.setHeader(name, value);
  } else c.header(name, value);
}
