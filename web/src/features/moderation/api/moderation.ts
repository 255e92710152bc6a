import { graphql } from '../../../lib/gql';

/** What a queue row shows: enough to choose the next case without opening it. */
export const QueueCaseFieldsFragment = graphql(`
  fragment QueueCaseFields on ModerationCase {
    id
    status
    priority
    reasons
    dueAt
    openedAt
    leaseExpiresAt
    reportCount
    assignee {
      id
      displayName
    }
    author {
      id
      displayName
    }
    evidence {
      crisisLevel
    }
    post {
      id
      status
      thread {
        id
        title
        space {
          id
          name
        }
      }
    }
  }
`);

/** The live queue: every unresolved case in the peer's spaces, most urgent first, with counts per state. */
export const ModerationQueueQuery = graphql(`
  query ModerationQueue($first: Int) {
    moderationQueue(first: $first) {
      edges {
        node {
          ...QueueCaseFields
        }
      }
      pageInfo {
        hasNextPage
      }
      counts {
        status
        priority
        count
      }
    }
  }
`);

/** Ids only are needed: the event invalidates every query that shows cases, which then read again. */
export const ModerationQueueChangedSubscription = graphql(`
  subscription ModerationQueueChanged {
    moderationQueueChanged {
      id
      status
    }
  }
`);

export const CasePostFieldsFragment = graphql(`
  fragment CasePostFields on Post {
    id
    body
    status
    createdAt
    editedAt
    revision
    author {
      id
      displayName
    }
  }
`);

/** Everything the case view shows: the post and its screening, the thread around it, the author's history in scope, notes. */
export const ModerationCaseQuery = graphql(`
  query ModerationCase($id: ID!) {
    moderationCase(id: $id) {
      ...QueueCaseFields
      decision
      resolvedAt
      notes {
        id
        body
        createdAt
        author {
          id
          displayName
        }
      }
      evidence {
        crisisLevel
        watchedWordHits
        reasons
        screenedAt
      }
      post {
        ...CasePostFields
        heldReason
        screening {
          id
          crisisLevel
          decision
          reasons
          screenedAt
          toxicityStatus
          crisisEvidence {
            construct
            discount
            level
            phrase
          }
          toxicity {
            label
            score
          }
        }
      }
      threadContext {
        ...CasePostFields
      }
      authorRecentCases {
        id
        priority
        reasons
        status
        decision
        openedAt
      }
      authorRiskSignals {
        id
        level
        createdAt
      }
    }
  }
`);

export const ClaimCaseMutation = graphql(`
  mutation ClaimCase($id: ID!) {
    claimCase(id: $id) {
      id
      status
      leaseExpiresAt
      assignee {
        id
        displayName
      }
    }
  }
`);

export const ResolveCaseMutation = graphql(`
  mutation ResolveCase($input: ResolveCaseInput!) {
    resolveCase(input: $input) {
      id
      status
      decision
      resolvedAt
      assignee {
        id
        displayName
      }
      post {
        id
        status
        heldReason
      }
    }
  }
`);

export const AddCaseNoteMutation = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
      notes {
        id
        body
        createdAt
        author {
          id
          displayName
        }
      }
    }
  }
`);

export const EscalateCaseMutation = graphql(`
  mutation EscalateCase($input: EscalateCaseInput!) {
    escalateCase(input: $input) {
      id
      status
    }
  }
`);
