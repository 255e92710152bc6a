import { useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { NotificationAddedSubscription, UnreadNotificationCountQuery } from '../api/notifications';

/** Everything a notification can be about: the pages showing them read again when one arrives (a new reply shows up too). */
const REFRESHES = ['Notification', 'Post', 'Thread'];

export interface LiveNotifications {
  unread: number;
  /** The title of the last notification that arrived while the page was open, for a polite announcement. */
  latestTitle: string | null;
}

/**
 * The member's unread count, kept live by the notificationAdded subscription: each notification the
 * server writes for them makes the count and any list on screen read again, never a local guess.
 */
export function useLiveNotifications(enabled: boolean): LiveNotifications {
  const context = useMemo(() => ({ additionalTypenames: REFRESHES }), []);
  const [{ data }] = useQuery({ query: UnreadNotificationCountQuery, pause: !enabled, context, requestPolicy: 'cache-and-network' });
  const [latestTitle, setLatestTitle] = useState<string | null>(null);
  useSubscription({ query: NotificationAddedSubscription, pause: !enabled, context }, (_previous, event) => {
    if (!event.notificationAdded.readAt) setLatestTitle(event.notificationAdded.title);
    return event;
  });
  return { unread: data?.unreadNotificationCount ?? 0, latestTitle };
}
