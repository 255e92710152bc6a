import { graphql } from '../../../lib/gql';

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      displayName
      role
    }
  }
`);
