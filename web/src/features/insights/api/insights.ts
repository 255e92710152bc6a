import { graphql } from '../../../lib/gql';

/** The figures every tile and series point shows (no post text anywhere: counts and times only). */
export const EngagementFiguresFragment = graphql(`
  fragment EngagementFiguresFields on EngagementSummary {
    activeClients {
      count
      fewerThanFive
    }
    newThreads
    replies
    reactions
    peerSpecialistReplies
    timeToFirstReply {
      p50Minutes
      p90Minutes
      count
    }
    peerSpecialistFirstReplyShare
    threadsPastFirstDay
    unansweredThreads
    moderation {
      casesOpened
      casesByReason {
        reason
        count
      }
      timeToFirstLook {
        p50Minutes
        p90Minutes
        count
      }
      decidedWithinDueShare
      byPriority {
        priority
        opened
        timeToFirstLook {
          p50Minutes
          p90Minutes
        }
        decidedWithinDueShare
      }
    }
    escalations {
      fewerThanFive
      raised
      timeToAcknowledge {
        p50Minutes
        p90Minutes
        count
      }
      acknowledgedWithinDeadlineShare
      climbedPastLevelOne
    }
  }
`);

export const InsightSpacesQuery = graphql(`
  query InsightSpaces {
    insightSpaces {
      id
      name
    }
  }
`);

export const EngagementSummaryQuery = graphql(`
  query EngagementSummary($spaceId: ID, $from: DateTime!, $to: DateTime!) {
    engagementSummary(spaceId: $spaceId, from: $from, to: $to) {
      ...EngagementFiguresFields
    }
  }
`);

export const EngagementSeriesQuery = graphql(`
  query EngagementSeries($spaceId: ID, $from: DateTime!, $to: DateTime!, $bucket: EngagementBucket!) {
    engagementSeries(spaceId: $spaceId, from: $from, to: $to, bucket: $bucket) {
      bucket
      points {
        from
        to
        activeClients {
          count
          fewerThanFive
        }
        newThreads
        replies
        reactions
        peerSpecialistReplies
        timeToFirstReply {
          p50Minutes
          p90Minutes
          count
        }
        threadsPastFirstDay
        unansweredThreads
        moderation {
          casesOpened
          decidedWithinDueShare
        }
        escalations {
          fewerThanFive
          raised
        }
      }
    }
  }
`);

export const UnansweredThreadsQuery = graphql(`
  query UnansweredThreads($spaceId: ID, $after: String) {
    unansweredThreadList(spaceId: $spaceId, first: 20, after: $after) {
      edges {
        node {
          threadId
          spaceId
          startedAt
          waitingHours
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
