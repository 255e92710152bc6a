import { graphql } from '../../../lib/gql';

export const SpacesQuery = graphql(`
  query Spaces {
    spaces {
      id
      slug
      name
      description
    }
  }
`);

export const SpaceThreadsQuery = graphql(`
  query SpaceThreads($spaceId: ID!, $first: Int, $after: String) {
    threads(spaceId: $spaceId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          status
          replyCount
          lastActivityAt
          createdAt
          author {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
