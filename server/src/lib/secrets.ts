import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Where a sealed value lives: its tenant, table and row. It is the AES-GCM additional data, so a
 * value copied to another row or another tenant does not open.
 */
export interface SealedAt {
  tenantId: string;
  table: string;
  rowId: string;
}

/** Where a tenant's widget secret is sealed. */
export const widgetSecretAt = (tenantId: string): SealedAt => ({
  tenantId,
  table: 'tenants',
  rowId: tenantId,
});

/** Where a channel's configuration is sealed. */
export const channelConfigAt = (tenantId: string, channelId: string): SealedAt => ({
  tenantId,
  table: 'channels',
  rowId: channelId,
});

const IV_BYTES = 12;
const TAG_BYTES = 16;
const CURRENT = 'v2';
const b64 = (b: Buffer) => b.toString('base64url');
const aad = (at: SealedAt) => Buffer.from(`${at.tenantId}:${at.table}:${at.rowId}`, 'utf8');

/**
 * Encrypts secrets at rest with AES-256-GCM: `v2:<keyId>:<iv>:<tag>:<data>`, a 12-byte IV, a
 * 16-byte tag (checked on opening: a shorter tag is refused, not trusted), and the tenant, table
 * and row as additional data. The first key seals; any key opens, found by the id in front, so
 * keys can be rotated. `v1` values (sealed before the binding) still open; `pnpm reseal` upgrades them.
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly SecretKey[]) {
    if (!keys.length) throw new Error('SecretBox needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** Id of the key new secrets are encrypted with. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  /** Seals `plain` for the row `at`. */
  encrypt(plain: string, at: SealedAt): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(at));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${CURRENT}:${id}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(data)}`;
  }

  /** Opens a value sealed for the row `at`; throws when it was sealed for another row, or tampered with. */
  decrypt(sealed: string, at: SealedAt): string {
    const [version, id, ivText, tagText, data, ...extra] = sealed.split(':');
    const key = id ? this.byId.get(id) : undefined;
    if (!key) throw new Error(`cannot decrypt a secret sealed with key "${id}": is it in AVISO_SECRET_KEYS?`);
    const iv = Buffer.from(ivText ?? '', 'base64url');
    const tag = Buffer.from(tagText ?? '', 'base64url');
    if (
      (version !== 'v1' && version !== CURRENT) ||
      extra.length ||
      data === undefined ||
      iv.length !== IV_BYTES ||
      tag.length !== TAG_BYTES
    ) {
      throw new Error('a sealed secret is malformed');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    // v1 values were sealed before they were bound to their row.
    if (version === CURRENT) decipher.setAAD(aad(at));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The key id a sealed secret was encrypted with. */
  keyIdOf(sealed: string): string | undefined {
    return sealed.split(':')[1];
  }

  /** Whether `pnpm reseal` should seal this value again: an older key, or an older format. */
  needsReseal(sealed: string): boolean {
    return !sealed.startsWith(`${CURRENT}:`) || this.keyIdOf(sealed) !== this.currentKeyId;
  }
}
