import { SECRET_MASK } from '@aviso/protocol';
import {
  type ChannelKind,
  type ChannelRegistry,
  changedDestinations,
  channelConfigSchemas,
  channelSecretFields,
} from '../../channels/index.ts';
import { fail } from '../../lib/errors.ts';

type Config = Record<string, unknown>;
type Issue = { path: string; message: string };

/** Secrets of 20 characters or more show their last 4, enough to tell two keys apart; shorter ones show nothing. */
const maskString = (value: string) => (value.length >= 20 ? `${SECRET_MASK}${value.slice(-4)}` : SECRET_MASK);

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskString(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
  }
  return SECRET_MASK;
}

/** The configuration as every read shows it: each secret field of the kind masked (per item, per key). */
export function maskConfig(kind: ChannelKind, config: Config): Config {
  const out = { ...config };
  for (const field of channelSecretFields[kind]) {
    if (out[field] !== undefined) out[field] = maskValue(out[field]);
  }
  return out;
}

interface Restoring {
  issues: Issue[];
  /** Paths where a masked value was replaced by the stored secret. */
  restored: string[];
}

/**
 * Puts back the stored secret wherever a value comes back exactly as it was masked on read.
 * `stored` are the candidates, the one at the same place first (a rotation may reorder a list).
 */
function restore(value: unknown, stored: unknown[], path: string, r: Restoring): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(SECRET_MASK)) return value;
    const found = stored.find((s) => typeof s === 'string' && maskString(s) === value);
    if (found === undefined) {
      r.issues.push({ path, message: 'a masked value that matches no stored secret: send the new value' });
    } else r.restored.push(path);
    return found;
  }
  const first = stored[0];
  if (Array.isArray(value)) {
    const list = Array.isArray(first) ? first : [];
    return value.map((v, i) => restore(v, [list[i], ...list], `${path}.${i}`, r));
  }
  if (value && typeof value === 'object') {
    const record = (first && typeof first === 'object' ? first : {}) as Config;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, restore(v, [record[k]], `${path}.${k}`, r)]),
    );
  }
  return value;
}

const paths = (fields: string[]) => fields.map((f) => `config.${f}`);

/**
 * Restores masked secrets from `stored` (the channel's current configuration on a change), then
 * validates with the kind's schema; errors name `config.…` paths. Refuses, with
 * `DESTINATION_NOT_ALLOWED`, a host the egress policy refuses as written, and, with
 * `SECRET_REQUIRED`, a masked secret sent back while a destination or identity field changed:
 * a stored secret never follows a changed destination.
 */
export function acceptConfig(
  registry: Pick<ChannelRegistry, 'refusedDestinations'>,
  kind: ChannelKind,
  incoming: Config,
  stored?: Config,
): Config {
  const r: Restoring = { issues: [], restored: [] };
  const config = { ...incoming };
  for (const field of channelSecretFields[kind]) {
    if (config[field] !== undefined)
      config[field] = restore(config[field], [stored?.[field]], `config.${field}`, r);
  }
  const parsed = channelConfigSchemas[kind].safeParse(config);
  if (!r.issues.length && !parsed.success) {
    r.issues.push(
      ...parsed.error.issues.map((i) => ({
        path: ['config', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  }
  if (r.issues.length || !parsed.success) {
    fail('VALIDATION_FAILED', { what: `${kind} configuration` }, { details: r.issues });
  }
  const accepted = parsed.data as Config;
  const refused = registry.refusedDestinations(kind, accepted);
  if (refused.length) {
    fail(
      'DESTINATION_NOT_ALLOWED',
      { fields: paths(refused).join(', ') },
      {
        details: paths(refused).map((path) => ({
          path,
          message: 'a loopback, private, link-local or reserved address',
        })),
      },
    );
  }
  const changed = stored ? changedDestinations(kind, stored, accepted) : [];
  if (changed.length && r.restored.length) {
    const secrets = [...new Set(r.restored.map((p) => p.split('.').slice(0, 2).join('.')))];
    const why = `${paths(changed).join(', ')} changed`;
    fail(
      'SECRET_REQUIRED',
      { changed: paths(changed).join(', '), secrets: secrets.join(', ') },
      { details: secrets.map((path) => ({ path, message: `type the secret again: ${why}` })) },
    );
  }
  return accepted;
}
