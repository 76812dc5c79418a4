import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Encrypts secrets at rest with AES-256-GCM. The first key encrypts; any key decrypts, found by the
 * id stored in front of the ciphertext (`v1:<keyId>:<iv>:<tag>:<data>`), so keys can be rotated.
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

  encrypt(plain: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const b64 = (b: Buffer) => b.toString('base64url');
    return `v1:${id}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(data)}`;
  }

  decrypt(sealed: string): string {
    const [version, id, iv, tag, data] = sealed.split(':');
    const key = id ? this.byId.get(id) : undefined;
    if (version !== 'v1' || !key || !iv || !tag || data === undefined) {
      throw new Error(`cannot decrypt a secret sealed with key "${id}": is it in AVISO_SECRET_KEYS?`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The key id a sealed secret was encrypted with. */
  keyIdOf(sealed: string): string | undefined {
    return sealed.split(':')[1];
  }
}
