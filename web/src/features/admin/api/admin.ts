import { graphql } from '../../../lib/gql';

/** Every space (admins see them all) and every peer specialist with the spaces they work. */
export const AssignmentsQuery = graphql(`
  query AdminAssignments {
    spaces {
      id
      name
    }
    peerSpecialistAssignments {
      memberId
      displayName
      spaceIds
    }
  }
`);

export const AssignPeerMutation = graphql(`
  mutation AdminAssignPeer($spaceId: ID!, $memberId: ID!) {
    assignPeerSpecialist(spaceId: $spaceId, memberId: $memberId)
  }
`);

export const UnassignPeerMutation = graphql(`
  mutation AdminUnassignPeer($spaceId: ID!, $memberId: ID!) {
    unassignPeerSpecialist(spaceId: $spaceId, memberId: $memberId)
  }
`);

export const WatchedWordsQuery = graphql(`
  query AdminWatchedWords {
    watchedWords {
      id
      term
      action
    }
  }
`);

export const SetWatchedWordMutation = graphql(`
  mutation AdminSetWatchedWord($input: AddWatchedWordInput!) {
    setWatchedWord(input: $input) {
      id
      term
      action
    }
  }
`);

export const RemoveWatchedWordMutation = graphql(`
  mutation AdminRemoveWatchedWord($id: ID!) {
    removeWatchedWord(id: $id)
  }
`);

/** "Would this be caught?": nothing is stored; the toxicity model is not part of it. */
export const PreviewScreeningQuery = graphql(`
  query AdminPreviewScreening($text: String!) {
    previewScreening(text: $text) {
      decision
      heldReason
      reasons
      casePriority
      escalationSeverity
      authorNotice
      crisisLevel
      crisisEvidence {
        phrase
        construct
        level
        discount
      }
      watchedWordHits {
        source
        phrase
        action
        why
      }
      crisisModelUsed
      toxicityIncluded
    }
  }
`);

/** Who an audit event names, as they are now (read with the page; an erased member is ERASED, never their old name). */
export const AuditMemberFields = graphql(`
  fragment AuditMemberFields on MemberListing {
    id
    displayName
    role
    status
  }
`);

export const AuditEventsQuery = graphql(`
  query AdminAuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          actorId
          actorRole
          actor {
            ...AuditMemberFields
          }
          action
          targetType
          targetId
          targetMember {
            ...AuditMemberFields
          }
          details
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ExportAuditCsvMutation = graphql(`
  mutation AdminExportAuditCsv($filter: AuditEventFilter) {
    exportAuditEventsCsv(filter: $filter) {
      csv
      rowCount
      truncated
    }
  }
`);

export const QueueHealthQuery = graphql(`
  query AdminQueueHealth {
    queueHealth {
      queues {
        queue
        waiting
        active
        failed
        delayed
        completed
        paused
      }
      pendingScreenings
      oldestPendingScreeningSeconds
      checkedAt
    }
  }
`);

export const RetryFailedJobsMutation = graphql(`
  mutation AdminRetryFailedJobs($queue: JobQueue!) {
    retryFailedJobs(queue: $queue)
  }
`);
