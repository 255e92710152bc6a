import { graphql } from '../../../lib/gql';

/** What a post shows: its real state and, for its author, the kind note beside a post that is not public. */
export const PostFieldsFragment = graphql(`
  fragment PostFields on Post {
    id
    body
    status
    statusNote
    revision
    createdAt
    editedAt
    author {
      id
      displayName
    }
    ...PostSupportFields
  }
`);

export const ThreadQuery = graphql(`
  query Thread($id: ID!) {
    thread(id: $id) {
      id
      title
      status
      replyCount
      createdAt
      lastActivityAt
      space {
        id
        name
      }
      author {
        id
        displayName
      }
      firstPost {
        id
      }
    }
  }
`);

export const ThreadPostsQuery = graphql(`
  query ThreadPosts($threadId: ID!, $first: Int, $after: String) {
    thread(id: $threadId) {
      id
      posts(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...PostFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const PostQuery = graphql(`
  query Post($id: ID!) {
    post(id: $id) {
      ...PostFields
      thread {
        id
        title
        space {
          id
        }
        firstPost {
          id
        }
      }
    }
  }
`);
