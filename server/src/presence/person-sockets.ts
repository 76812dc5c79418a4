/**
 * The sockets each person has on this node, kept lean: memory per idle socket counts (the bench's
 * heap target). Per tenant, then per person, with the caller's own id strings as keys (nothing is
 * concatenated per socket), and a person's only socket held as its id rather than in a set.
 */
export class PersonSockets {
  private readonly tenants = new Map<string, Map<string, string | Set<string>>>();

  /** Adds a socket; true when it is the person's first here. */
  add(tenantId: string, recipientId: string, socketId: string): boolean {
    let people = this.tenants.get(tenantId);
    if (!people) {
      people = new Map();
      this.tenants.set(tenantId, people);
    }
    const entry = people.get(recipientId);
    if (entry === undefined) {
      people.set(recipientId, socketId);
      return true;
    }
    if (typeof entry === 'string') {
      if (entry !== socketId) people.set(recipientId, new Set([entry, socketId]));
    } else entry.add(socketId);
    return false;
  }

  /** Removes a socket; true when it was the person's last here (one never added changes nothing). */
  delete(tenantId: string, recipientId: string, socketId: string): boolean {
    const people = this.tenants.get(tenantId);
    const entry = people?.get(recipientId);
    if (entry === undefined) return false;
    if (typeof entry === 'string') {
      if (entry !== socketId) return false;
    } else {
      if (!entry.delete(socketId)) return false;
      if (entry.size === 1) people!.set(recipientId, entry.values().next().value!);
      return false;
    }
    people!.delete(recipientId);
    if (!people!.size) this.tenants.delete(tenantId);
    return true;
  }

  count(tenantId: string, recipientId: string): number {
    const entry = this.tenants.get(tenantId)?.get(recipientId);
    return entry === undefined ? 0 : typeof entry === 'string' ? 1 : entry.size;
  }

  has(tenantId: string, recipientId: string): boolean {
    return this.tenants.get(tenantId)?.has(recipientId) ?? false;
  }
}
