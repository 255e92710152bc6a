import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { fullTime, timeAgo } from '../../../lib/format-time';
import type { NotificationFieldsFragment } from '../../../lib/gql/graphql';
import { MarkAllNotificationsReadMutation, MarkNotificationReadMutation, NotificationsPageQuery } from '../api/notifications';
import { useLiveNotifications } from '../hooks/use-live-notifications';

const PAGE_SIZE = 20;
const REFRESH = { additionalTypenames: ['Notification'] };

export interface NotificationListProps {
  /** Where a notification about a post leads. */
  postHref: (postId: string) => string;
  /** How a notification's text is shown (the app makes phone numbers in crisis resources tappable). */
  renderBody?: (notification: NotificationFieldsFragment) => ReactNode;
}

/**
 * The member's own notifications, newest first, a page at a time: unread ones say "New" in words.
 * Opening one marks it read; "Mark all as read" does the rest. Live: a new one appears at once.
 */
export function NotificationList({ postHref, renderBody }: NotificationListProps) {
  const { unread } = useLiveNotifications(true);
  const [{ fetching: markingAll }, markAllRead] = useMutation(MarkAllNotificationsReadMutation);
  const summary = useRef<HTMLParagraphElement>(null);
  const markAll = async () => {
    await markAllRead({}, REFRESH);
    // The button goes away once nothing is unread: keep the keyboard user's place on what changed.
    summary.current?.focus();
  };
  return (
    <>
      <div className="notifications__summary">
        <p className="lead" role="status" tabIndex={-1} ref={summary}>
          {unread === 0 ? 'You are up to date.' : unread === 1 ? 'You have 1 unread notification.' : `You have ${unread} unread notifications.`}
        </p>
        {unread > 0 ? (
          <button type="button" className="button button--secondary" disabled={markingAll} onClick={() => void markAll()}>
            Mark all as read
          </button>
        ) : null}
      </div>
      <NotificationsPage after={null} postHref={postHref} renderBody={renderBody} />
    </>
  );
}

function NotificationsPage({ after, postHref, renderBody }: NotificationListProps & { after: string | null }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: NotificationsPageQuery, variables: { first: PAGE_SIZE, after }, context: REFRESH });
  const [showNext, setShowNext] = useState(false);
  if (fetching && !data) return <Loading what="Loading your notifications" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const { edges, pageInfo } = data.notifications;
  if (edges.length === 0 && after === null) {
    return <p>Nothing here yet. When someone replies to you or reacts to your posts, you will see it here.</p>;
  }
  return (
    <>
      <ol className="notification-list">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <NotificationItem notification={node} postHref={postHref} renderBody={renderBody} />
          </li>
        ))}
      </ol>
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        showNext ? (
          <NotificationsPage after={pageInfo.endCursor} postHref={postHref} renderBody={renderBody} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setShowNext(true)}>
            Show older notifications
          </button>
        )
      ) : null}
    </>
  );
}

function NotificationItem({ notification, postHref, renderBody }: NotificationListProps & { notification: NotificationFieldsFragment }) {
  const [, markRead] = useMutation(MarkNotificationReadMutation);
  const unread = notification.readAt === null;
  const read = () => {
    if (unread) void markRead({ id: notification.id });
  };
  const titleId = `notification-${notification.id}`;
  return (
    <article className={`notification${unread ? ' notification--unread' : ''}`} aria-labelledby={titleId}>
      <h2 className="notification__title" id={titleId}>
        {unread ? <strong className="tag tag--new notification__new">New</strong> : null}
        {notification.postId ? (
          <Link href={postHref(notification.postId)} onClick={read}>
            {notification.title}
          </Link>
        ) : (
          notification.title
        )}
      </h2>
      <p className="notification__body">{renderBody ? renderBody(notification) : notification.body}</p>
      <p className="notification__meta">
        <time dateTime={notification.createdAt} title={fullTime(notification.createdAt)}>
          {timeAgo(notification.createdAt)}
        </time>
        {unread && !notification.postId ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={read}>
              Mark as read<span className="visually-hidden">: {notification.title}</span>
            </button>
          </>
        ) : null}
      </p>
    </article>
  );
}
