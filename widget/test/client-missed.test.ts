import { expect } from '@open-wc/testing';
import { AvisoClient, type NotificationReceivedEvent, type NotificationsMissedEvent } from '../src/client.ts';
import { notification } from './support.ts';

// The client's own bookkeeping of what a reconnection brought, driven as its socket would drive it
// (a handshake, the replayed notifications, the hub's count), without a network.
interface Wire {
  handshake(): unknown;
  receive(n: ReturnType<typeof notification>): void;
  onUnread(payload: { count: number; latestId?: string | null }): void;
}

/** A client driven by hand, with what it announced: each notification's id, each missed count. */
function drivenClient() {
  const client = new AvisoClient({ server: 'http://hub.invalid', token: 't' });
  const received: string[] = [];
  const missed: number[] = [];
  client.addEventListener('notification', (e) =>
    received.push((e as NotificationReceivedEvent).notification.id),
  );
  client.addEventListener('missed', (e) => missed.push((e as NotificationsMissedEvent).count));
  return { client, wire: client as unknown as Wire, received, missed };
}

describe('what a reconnection missed', () => {
  it('counts what a connection that closed before its count brought with the next one', () => {
    const { wire, missed } = drivenClient();
    wire.handshake();
    wire.onUnread({ count: 0, latestId: '01000000-0000-7000-8000-000000000001' });

    // The replay of a reconnection arrives, then the socket closes before the hub's count.
    wire.handshake();
    wire.receive(notification({ id: '01000000-0000-7000-8000-000000000002' }));
    wire.receive(notification({ id: '01000000-0000-7000-8000-000000000003' }));
    // The next connection replays from the newest of those: one more, then the count.
    wire.handshake();
    wire.receive(notification({ id: '01000000-0000-7000-8000-000000000004' }));
    wire.onUnread({ count: 3, latestId: '01000000-0000-7000-8000-000000000004' });
    expect(missed).to.deep.equal([3]);

    // Said once: a later reconnection that brings nothing says nothing.
    wire.handshake();
    wire.onUnread({ count: 3, latestId: '01000000-0000-7000-8000-000000000004' });
    expect(missed).to.deep.equal([3]);
  });

  it('does not announce what was in the inbox at its first count, when a replay sends it again', () => {
    const { client, wire, received, missed } = drivenClient();
    // A page opens with two notifications in the inbox: the hub's count names the newest.
    wire.handshake();
    wire.onUnread({ count: 2, latestId: '01000000-0000-7000-8000-000000000002' });
    // A reconnection: the replay sends again the one minted just before the mark (another node
    // might have stored it late), then what is new.
    wire.handshake();
    wire.receive(notification({ id: '01000000-0000-7000-8000-000000000001' }));
    wire.receive(notification({ id: '01000000-0000-7000-8000-000000000003' }));
    wire.onUnread({ count: 3, latestId: '01000000-0000-7000-8000-000000000003' });
    expect(received).to.deep.equal(['01000000-0000-7000-8000-000000000003']);
    expect(missed).to.deep.equal([1]);
    expect(client.unreadCount).to.equal(3);
  });
});
