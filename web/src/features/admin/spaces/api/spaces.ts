import { graphql } from '../../../../lib/gql';

/** Admins get every space, archived ones too (the server marks them). */
export const AdminSpacesQuery = graphql(`
  query AdminSpaces {
    spaces {
      id
      name
      description
      cohort
      archived
      archivedAt
    }
  }
`);

export const CreateSpaceMutation = graphql(`
  mutation AdminCreateSpace($input: CreateSpaceInput!) {
    createSpace(input: $input) {
      id
      name
    }
  }
`);

export const ArchiveSpaceMutation = graphql(`
  mutation AdminArchiveSpace($id: ID!) {
    archiveSpace(id: $id) {
      id
      name
      archived
    }
  }
`);

export const UpdateSpaceMutation = graphql(`
  mutation AdminUpdateSpace($input: UpdateSpaceInput!) {
    updateSpace(input: $input) {
      id
      name
      description
      cohort
    }
  }
`);
