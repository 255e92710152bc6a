import { graphql } from '../../../lib/gql';

export const CreateThreadMutation = graphql(`
  mutation CreateThread($input: CreateThreadInput!) {
    createThread(input: $input) {
      id
      title
      status
      firstPost {
        ...PostFields
      }
    }
  }
`);

export const CreateReplyMutation = graphql(`
  mutation CreateReply($input: CreateReplyInput!) {
    createReply(input: $input) {
      ...PostFields
    }
  }
`);

export const EditPostMutation = graphql(`
  mutation EditPost($input: EditPostInput!) {
    editPost(input: $input) {
      ...PostFields
    }
  }
`);

export const DeletePostMutation = graphql(`
  mutation DeletePost($id: ID!) {
    deletePost(id: $id) {
      ...PostFields
    }
  }
`);

/** The signed-in author's own posts as screening or a peer specialist moves them. */
export const MyPostChangedSubscription = graphql(`
  subscription MyPostChanged {
    myPostChanged {
      ...PostFields
    }
  }
`);
