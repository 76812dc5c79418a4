import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channelConfigAt, SecretBox, widgetSecretAt } from './secrets.ts';

const k = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });
const here = channelConfigAt('tenant-a', 'channel-1');

/** A value as the hub sealed it before sealed values were bound to their row. */
function sealV1(key: Buffer, id: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const b = (x: Buffer) => x.toString('base64url');
  return `v1:${id}:${b(iv)}:${b(cipher.getAuthTag())}:${b(data)}`;
}

describe('SecretBox', () => {
  it('round-trips and never stores the plain text', () => {
    const box = new SecretBox([k('a', 1)]);
    const sealed = box.encrypt('wsec_supersecret', here);
    expect(sealed).not.toContain('supersecret');
    expect(sealed.startsWith('v2:a:')).toBe(true);
    expect(box.decrypt(sealed, here)).toBe('wsec_supersecret');
    expect(box.encrypt('same', here)).not.toBe(box.encrypt('same', here));
  });

  it('decrypts with an older key after a rotation and refuses unknown or tampered ones', () => {
    const old = new SecretBox([k('a', 1)]);
    const sealed = old.encrypt('token', here);
    const rotated = new SecretBox([k('b', 2), k('a', 1)]);
    expect(rotated.decrypt(sealed, here)).toBe('token');
    expect(rotated.keyIdOf(rotated.encrypt('x', here))).toBe('b');
    expect(() => new SecretBox([k('b', 2)]).decrypt(sealed, here)).toThrow(/key "a"/);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => old.decrypt(parts.join(':'), here)).toThrow();
  });

  it('does not open a value moved to another row, table or tenant', () => {
    const box = new SecretBox([k('a', 1)]);
    const sealed = box.encrypt('{"pass":"x"}', here);
    for (const elsewhere of [
      channelConfigAt('tenant-a', 'channel-2'),
      channelConfigAt('tenant-b', 'channel-1'),
      widgetSecretAt('tenant-a'),
      { tenantId: 'tenant-a:channels', table: 'channel-1', rowId: '' },
    ]) {
      expect(() => box.decrypt(sealed, elsewhere), JSON.stringify(elsewhere)).toThrow();
    }
  });

  it('refuses a shortened authentication tag instead of checking fewer bytes', () => {
    const box = new SecretBox([k('a', 1)]);
    const parts = box.encrypt('token', here).split(':');
    for (const bytes of [4, 8, 12]) {
      const short = [...parts];
      short[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, bytes).toString('base64url');
      expect(() => box.decrypt(short.join(':'), here)).toThrow(/malformed/);
    }
  });

  it('still opens values sealed before the row binding, and marks them for resealing', () => {
    const box = new SecretBox([k('a', 1)]);
    const legacy = sealV1(Buffer.alloc(32, 1), 'a', 'wsec_old');
    expect(box.decrypt(legacy, here)).toBe('wsec_old');
    expect(box.needsReseal(legacy)).toBe(true);
    expect(box.needsReseal(box.encrypt('x', here))).toBe(false);
    expect(new SecretBox([k('b', 2), k('a', 1)]).needsReseal(box.encrypt('x', here))).toBe(true);
  });
});
