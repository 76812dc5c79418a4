import { describe, expect, it } from 'vitest';
import { PersonSockets } from './person-sockets.ts';

describe('the sockets of each person on a node', () => {
  it('say when a person gets their first socket and loses their last, through one and many', () => {
    const s = new PersonSockets();
    expect(s.add('t1', 'ana', 'a')).toBe(true);
    expect(s.add('t1', 'ana', 'a')).toBe(false); // the same socket twice counts once
    expect(s.count('t1', 'ana')).toBe(1);
    expect(s.add('t1', 'ana', 'b')).toBe(false);
    expect(s.add('t1', 'ana', 'c')).toBe(false);
    expect(s.count('t1', 'ana')).toBe(3);
    expect(s.delete('t1', 'ana', 'x')).toBe(false); // never added
    expect(s.delete('t1', 'ana', 'b')).toBe(false);
    expect(s.delete('t1', 'ana', 'a')).toBe(false);
    expect(s.count('t1', 'ana')).toBe(1);
    expect(s.delete('t1', 'ana', 'a')).toBe(false); // gone already
    expect(s.delete('t1', 'ana', 'c')).toBe(true);
    expect(s.has('t1', 'ana')).toBe(false);
    expect(s.count('t1', 'ana')).toBe(0);
    expect(s.delete('t1', 'ana', 'c')).toBe(false);
  });

  it('keep tenants apart, whatever the ids contain', () => {
    const s = new PersonSockets();
    s.add('t1', 'ana', 'a');
    s.add('t1:ana', '', 'b');
    expect(s.has('t2', 'ana')).toBe(false);
    expect(s.count('t1', 'ana')).toBe(1);
    expect(s.count('t1:ana', '')).toBe(1);
    expect(s.delete('t2', 'ana', 'a')).toBe(false);
    expect(s.has('t1', 'ana')).toBe(true);
  });
});
