import { describe, expect, it } from 'vitest';
import { SecretBox } from './secrets.ts';

const k = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });

describe('SecretBox', () => {
  it('round-trips and never stores the plain text', () => {
    const box = new SecretBox([k('a', 1)]);
    const sealed = box.encrypt('wsec_supersecret');
    expect(sealed).not.toContain('supersecret');
    expect(sealed.startsWith('v1:a:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('wsec_supersecret');
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('decrypts with an older key after a rotation and refuses unknown or tampered ones', () => {
    const old = new SecretBox([k('a', 1)]);
    const sealed = old.encrypt('token');
    const rotated = new SecretBox([k('b', 2), k('a', 1)]);
    expect(rotated.decrypt(sealed)).toBe('token');
    expect(rotated.keyIdOf(rotated.encrypt('x'))).toBe('b');
    expect(() => new SecretBox([k('b', 2)]).decrypt(sealed)).toThrow(/key "a"/);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => old.decrypt(parts.join(':'))).toThrow();
  });
});
