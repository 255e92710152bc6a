import { graphql } from '../../../lib/gql';

export const CrisisResourcesQuery = graphql(`
  query CrisisResources {
    crisisResources
  }
`);

/** The notices screening sends an author with crisis or supportive resources, newest first. */
export const SupportNoticesQuery = graphql(`
  query SupportNotices {
    notifications(first: 20) {
      edges {
        node {
          id
          kind
          title
          body
          postId
          readAt
          createdAt
        }
      }
    }
  }
`);

export const MarkNoticeReadMutation = graphql(`
  mutation MarkSupportNoticeRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);
