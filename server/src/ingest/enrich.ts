import type { TenantStore } from '../db/store.ts';
import { kept } from '../lib/kept.ts';

/**
 * What the hub adds to an event's data before its templates see it (the host's own values win):
 * - `branchName`: the names of the branches in `branchId` / `branchIds` ("Centro y Norte"), so that
 *   a message that reaches owners of every branch says which one;
 * - `originName`, `destinationName`: the names of `originBranchId` and `destinationBranchId`;
 * - `productCount`, `unitCount`: from an `items` list (`[{qty}]`), so that a transfer of 3 units of
 *   one product says so instead of "3 products".
 * Names come from `PUT /v1/branches/:id`; an unknown branch adds nothing.
 */
export async function enrichData(
  store: TenantStore,
  data: Record<string, unknown>,
  locale: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...data };
  const ids = branchIdsOf(data);
  if (out.branchName === undefined && ids.length) {
    const names: (string | undefined)[] = [];
    // Names are nearly always known already: asked one by one, a known one costs no promise.
    for (const id of ids) {
      const hit = known(store, id);
      names.push(hit ? hit.name : await branchName(store, id));
    }
    if (names.every((n) => n !== undefined)) out.branchName = list(names as string[], locale);
  }
  for (const [idField, nameField] of [
    ['originBranchId', 'originName'],
    ['destinationBranchId', 'destinationName'],
  ] as const) {
    const id = data[idField];
    if (out[nameField] === undefined && typeof id === 'string') {
      const hit = known(store, id);
      const name = hit ? hit.name : await branchName(store, id);
      if (name !== undefined) out[nameField] = name;
    }
  }
  if (Array.isArray(data.items) && out.productCount === undefined) {
    const items = data.items.slice(0, 1000) as { qty?: unknown; productId?: unknown }[];
    out.productCount = new Set(items.map((i, n) => i?.productId ?? n)).size;
    const units = items.map((i) => i?.qty);
    if (out.unitCount === undefined && units.every((q) => typeof q === 'number' && Number.isFinite(q))) {
      out.unitCount = (units as number[]).reduce((a, b) => a + b, 0);
    }
  }
  return out;
}

/** The branches an event's data names: `branchId`, or up to 10 of `branchIds`. */
function branchIdsOf(data: Record<string, unknown>): string[] {
  if (typeof data.branchId === 'string') return [data.branchId];
  if (Array.isArray(data.branchIds) && data.branchIds.length <= 10) {
    return data.branchIds.every((b) => typeof b === 'string') ? [...new Set(data.branchIds as string[])] : [];
  }
  return [];
}

// Making an Intl.ListFormat costs far more than using one (20 µs, on every event of a branch).
const lists = new Map<string, Intl.ListFormat>();

function list(names: string[], locale: string): string {
  if (names.length === 1) return names[0]!;
  try {
    return kept(lists, locale, (l) => new Intl.ListFormat(l, { type: 'conjunction' })).format(names);
  } catch {
    return names.join(', ');
  }
}

// Every event of a branch asks for its name: a renamed branch shows within this long on every node.
const NAME_TTL_MS = 30_000;
/** Names as last read, per tenant and branch id (`name` undefined: no such branch). */
const names = new Map<string, Map<string, { name: string | undefined; at: number }>>();
/** Names held in `names`, all tenants together: past 20,000 it starts over. */
let namesKept = 0;

/** The branch's name as last read, while fresh; else undefined. */
function known(store: TenantStore, id: string): { name: string | undefined } | undefined {
  const hit = names.get(store.tenantId)?.get(id);
  return hit && Date.now() - hit.at < NAME_TTL_MS ? hit : undefined;
}

/** Reads a branch's name (when `known` has it not) and keeps it, also when there is no such branch. */
async function branchName(store: TenantStore, id: string): Promise<string | undefined> {
  if (id.length > 64) return undefined;
  const row = await store.branches.get(id);
  if (namesKept >= 20_000) {
    names.clear();
    namesKept = 0;
  }
  let ofTenant = names.get(store.tenantId);
  if (!ofTenant) {
    ofTenant = new Map();
    names.set(store.tenantId, ofTenant);
  }
  if (!ofTenant.has(id)) namesKept++;
  ofTenant.set(id, { name: row?.name, at: Date.now() });
  return row?.name;
}
