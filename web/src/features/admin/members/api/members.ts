import { graphql } from '../../../../lib/gql';

/** Members newest first (never their subject), and the join rule in force. */
export const AdminMembersQuery = graphql(`
  query AdminMembers($filter: MemberFilter, $first: Int, $after: String) {
    membershipMode
    members(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          displayName
          role
          status
          joinedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const AdminMemberInvitesQuery = graphql(`
  query AdminMemberInvites($first: Int, $after: String) {
    memberInvites(first: $first, after: $after) {
      edges {
        node {
          sub
          role
          invitedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation AdminInviteMember($sub: String!, $role: Role) {
    inviteMember(sub: $sub, role: $role)
  }
`);

export const RevokeInviteMutation = graphql(`
  mutation AdminRevokeInvite($sub: String!) {
    revokeInvite(sub: $sub)
  }
`);

export const DischargeMemberMutation = graphql(`
  mutation AdminDischargeMember($memberId: ID!) {
    dischargeMember(memberId: $memberId) {
      id
      displayName
    }
  }
`);

export const EraseMemberMutation = graphql(`
  mutation AdminEraseMember($memberId: ID!) {
    eraseMember(memberId: $memberId) {
      id
      displayName
    }
  }
`);
