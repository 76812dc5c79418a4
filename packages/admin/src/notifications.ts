import { type Api, ApiError } from './api.ts';

/** The notification behind a delivery as it was sent, or why it cannot be shown. */
export type SentMessage =
  | { state: 'found'; title: string | null; message: string }
  | { state: 'missing' }
  | { state: 'unavailable' };

/** The stored title and message of a notification (what every channel sent), through its receipts. */
export async function fetchSentMessage(api: Api, notificationId: string): Promise<SentMessage> {
  try {
    const r = await api.get<{ notification: { title: string | null; message: string } }>(
      `/v1/notifications/${encodeURIComponent(notificationId)}/receipts`,
    );
    return { state: 'found', title: r.notification.title, message: r.notification.message };
  } catch (err) {
    if (err instanceof ApiError && err.routeMissing) return { state: 'unavailable' };
    if (err instanceof ApiError && err.status === 404) return { state: 'missing' };
    return { state: 'unavailable' };
  }
}
