import { graphql } from '../../../lib/gql';

/** What a post shows of others' support: reaction counts, the viewer's own, and the post a reply quotes. */
export const PostSupportFieldsFragment = graphql(`
  fragment PostSupportFields on Post {
    reactions {
      kind
      count
    }
    viewerReactions
    quotedPost {
      id
      status
      body
      author {
        id
        displayName
      }
    }
  }
`);

/** Just what a reaction changes: the answer refreshes that post's counts everywhere it is shown. */
export const ReactMutation = graphql(`
  mutation React($input: ReactInput!) {
    react(input: $input) {
      id
      reactions {
        kind
        count
      }
      viewerReactions
    }
  }
`);

export const UnreactMutation = graphql(`
  mutation Unreact($input: ReactInput!) {
    unreact(input: $input) {
      id
      reactions {
        kind
        count
      }
      viewerReactions
    }
  }
`);

export const ReportPostMutation = graphql(`
  mutation ReportPost($input: ReportPostInput!) {
    reportPost(input: $input)
  }
`);

/** Where a post lives, to open it from a link (a notification). */
export const PostLocationQuery = graphql(`
  query PostLocation($id: ID!) {
    post(id: $id) {
      id
      thread {
        id
      }
    }
  }
`);
