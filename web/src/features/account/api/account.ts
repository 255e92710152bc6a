import { graphql } from '../../../lib/gql';

export const SetMyPseudonymMutation = graphql(`
  mutation SetMyPseudonym($displayName: String!) {
    setMyPseudonym(displayName: $displayName) {
      id
      displayName
      role
    }
  }
`);

/** Everything the forum holds that the member wrote or received, as one JSON text. */
export const ExportMyDataQuery = graphql(`
  query ExportMyData {
    exportMyData
  }
`);
