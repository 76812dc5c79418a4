import type { TenantSettings } from '@aviso/protocol';
import type { ApiKeyRow, BranchRow, RecipientRow, TenantRow } from '../db/rows.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const tenantOut = (t: TenantRow) => ({
  id: t.id,
  name: t.name,
  currency: t.currency,
  locale: t.locale,
  timezone: t.timezone,
  appUrl: t.appUrl,
  // The groups `PATCH /v1/tenant` writes (each validated there); anything else stored is internal.
  settings: Object.fromEntries(
    (['sla', 'telegram', 'retention', 'promotions', 'contactText'] as const)
      .filter((k) => k in t.settings)
      .map((k) => [k, t.settings[k]]),
  ) as TenantSettings,
  addresses: t.addresses,
  createdAt: t.createdAt.toISOString(),
});

export const apiKeyOut = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
});

export const branchOut = (b: BranchRow) => ({
  id: b.id,
  name: b.name,
  addresses: b.addresses,
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});

export const recipientOut = (r: RecipientRow) => ({
  id: r.id,
  name: r.name,
  role: r.role,
  branchIds: r.branchIds,
  email: r.email,
  phone: r.phone,
  whatsapp: r.whatsapp,
  telegramChatId: r.telegramChatId,
  documentId: r.documentId,
  locale: r.locale,
  preferences: r.preferences,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
