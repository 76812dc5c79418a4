import type { Branch, Channel, Recipient } from '@aviso/protocol';
import type { Api } from './api.ts';

/** One entry of `GET /v1/event-types`: the catalog's definition as this tenant has it. */
export interface EventTypeItem {
  type: string;
  custom: boolean;
  definition: {
    category: string;
    severity: string;
    icon: string;
    title: Record<string, string | undefined>;
    message: Record<string, string | undefined>;
    link?: string;
    rules?: unknown;
    whatsappTemplate?: unknown;
  };
}

/** The names behind the ids a log row carries: people, channels, branches, event types. */
export interface Names {
  recipients: Map<string, Recipient>;
  channels: Map<string, Channel>;
  branches: Map<string, Branch>;
  types: Map<string, EventTypeItem>;
}

/** Loads every name at once; a part the hub refuses is left empty rather than failing the page. */
export async function loadNames(api: Api): Promise<Names> {
  const items = <T>(path: string) =>
    api.get<{ items: T[] }>(path).then(
      (r) => r.items,
      () => [] as T[],
    );
  const [recipients, channels, branches, types] = await Promise.all([
    items<Recipient>('/v1/recipients?limit=500'),
    items<Channel>('/v1/channels'),
    items<Branch>('/v1/branches'),
    items<EventTypeItem>('/v1/event-types'),
  ]);
  return {
    recipients: new Map(recipients.map((r) => [r.id, r])),
    channels: new Map(channels.map((c) => [c.id, c])),
    branches: new Map(branches.map((b) => [b.id, b])),
    types: new Map(types.map((t) => [t.type, t])),
  };
}

/** A type's title in a language (the catalog's Spanish when it has none), else its name. */
export function typeTitle(names: Names | null, type: string, lang: string): string {
  const title = names?.types.get(type)?.definition.title;
  return title?.[lang] ?? title?.es ?? type;
}
