import { PageHeading } from '../../components/page-heading';
import { ResourceText } from '../../features/crisis-resources/components/resource-text';
import { NotificationList } from '../../features/notifications/components/notification-list';
import { usePageTitle } from '../../lib/use-page-title';

const RESOURCE_KINDS = new Set(['CRISIS_RESOURCES', 'SUPPORTIVE_RESOURCES']);

/** The member's notifications; crisis and supportive resources keep their numbers tappable here too. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  return (
    <>
      <PageHeading>Notifications</PageHeading>
      <NotificationList
        postHref={(postId) => `/posts/${postId}`}
        renderBody={(notification) => (RESOURCE_KINDS.has(notification.kind) ? <ResourceText text={notification.body} /> : notification.body)}
      />
    </>
  );
}
