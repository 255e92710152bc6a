import { Link } from 'wouter';
import { useLiveNotifications } from '../hooks/use-live-notifications';

/**
 * The header's way to the notifications page, with the unread count as a number and in words
 * ("Notifications 2 unread"), never colour alone. New ones are announced politely as they come.
 */
export function NotificationsLink({ href, current }: { href: string; current: boolean }) {
  const { unread, latestTitle } = useLiveNotifications(true);
  return (
    <>
      <Link href={href} className="header__notifications" aria-current={current ? 'page' : undefined}>
        Notifications
        {unread > 0 ? (
          <>
            <span className="count-badge">{unread}</span>
            <span className="visually-hidden"> unread</span>
          </>
        ) : null}
      </Link>
      <span className="visually-hidden" role="status">
        {latestTitle ? `New notification: ${latestTitle}` : ''}
      </span>
    </>
  );
}
