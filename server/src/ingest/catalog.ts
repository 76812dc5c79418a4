import { type EventTypeDefinition, POS_ERP_CATALOG } from '@aviso/protocol';

/**
 * The event types one tenant has: the `pos-erp` preset with the tenant's overrides merged over
 * each entry, plus the types the tenant added. An added type must at least give a message.
 */
export function resolveEventType(
  type: string,
  overrides: ReadonlyMap<string, Record<string, unknown>>,
): EventTypeDefinition | undefined {
  const base = (POS_ERP_CATALOG as Record<string, EventTypeDefinition>)[type];
  const override = overrides.get(type) as Partial<EventTypeDefinition> | undefined;
  if (!override) return base;
  const merged = {
    category: 'system',
    severity: 'info',
    icon: 'bell',
    target: { kind: 'everyone' },
    ...base,
    ...override,
    title: { ...base?.title, ...override.title },
    message: { ...base?.message, ...override.message },
    formats: { ...base?.formats, ...override.formats },
  } as EventTypeDefinition;
  if (override.link === null) delete (merged as { link?: string }).link;
  return merged.message.es || merged.message.en || Object.values(merged.message).some(Boolean)
    ? merged
    : undefined;
}

/** Every type of a tenant, for `GET /v1/event-types`. */
export function listEventTypes(overrides: ReadonlyMap<string, Record<string, unknown>>) {
  const names = new Set([...Object.keys(POS_ERP_CATALOG), ...overrides.keys()]);
  return [...names].sort().flatMap((type) => {
    const definition = resolveEventType(type, overrides);
    return definition ? [{ type, custom: !(type in POS_ERP_CATALOG), definition }] : [];
  });
}
