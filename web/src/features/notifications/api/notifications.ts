import { graphql } from '../../../lib/gql';

export const NotificationFieldsFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    postId
    readAt
    createdAt
  }
`);

export const NotificationsPageQuery = graphql(`
  query NotificationsPage($first: Int, $after: String) {
    notifications(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...NotificationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const MarkNotificationReadMutation = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

/** The signed-in member's notifications as the server writes them (replies, reactions, decisions, resources). */
export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);
