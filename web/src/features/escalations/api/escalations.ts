import { graphql } from '../../../lib/gql';

/** What an inbox row shows: enough to know who needs a clinician, how soon, and who has it. */
export const InboxEscalationFieldsFragment = graphql(`
  fragment InboxEscalationFields on Escalation {
    id
    severity
    status
    trigger
    level
    reminders
    ackDueAt
    createdAt
    acknowledgedAt
    acknowledgedBy {
      id
      displayName
    }
    resolvedAt
    outcome
    signalCount
    # Whether the roster had someone to page at this level, so the row does not name an
    # on-call clinician when nobody was on call and every clinician was paged.
    pages {
      level
      rosterCovered
    }
    subject {
      id
      displayName
    }
    post {
      id
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

/** One status of the inbox, newest first (the server's order); the inbox orders them by urgency. */
export const EscalationsQuery = graphql(`
  query Escalations($status: EscalationStatus, $first: Int) {
    escalations(status: $status, first: $first) {
      edges {
        node {
          ...InboxEscalationFields
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** A new escalation, or one that climbed a level: shown from the event at once, then the inbox reads again. */
export const EscalationRaisedSubscription = graphql(`
  subscription EscalationRaised {
    escalationRaised {
      ...InboxEscalationFields
    }
  }
`);

/** A colleague acknowledged or resolved one: the countdown stops here from the event itself, then the inbox reads again. */
export const EscalationChangedSubscription = graphql(`
  subscription EscalationChanged {
    escalationChanged {
      ...InboxEscalationFields
    }
  }
`);

/** The escalation view: the post with its evidence, the case and its notes, what was done. */
export const EscalationQuery = graphql(`
  query Escalation($id: ID!) {
    escalation(id: $id) {
      ...InboxEscalationFields
      note
      ackNote
      evidence
      resolutionNote
      postId
      ...EscalationFollowThroughFields
      post {
        id
        body
        status
        heldReason
        createdAt
        author {
          id
          displayName
        }
        screening {
          id
          crisisLevel
          crisisEvidence {
            construct
            discount
            level
            phrase
          }
        }
      }
      case {
        id
        status
        priority
        decision
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
  }
`);

/** The client's risk history: one page of the newest entries is enough for the weeks the chart shows. */
export const ClientRiskTimelineQuery = graphql(`
  query ClientRiskTimeline($memberId: ID!, $first: Int) {
    clientRiskTimeline(memberId: $memberId, first: $first) {
      edges {
        node {
          id
          kind
          at
          crisisLevel
          grade
          status
          caseId
          escalationId
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** The answers carry the whole row, so this page shows the change before the read that follows. */
export const AcknowledgeEscalationMutation = graphql(`
  mutation AcknowledgeEscalation($id: ID!) {
    acknowledgeEscalation(id: $id) {
      ...InboxEscalationFields
    }
  }
`);

export const ResolveEscalationMutation = graphql(`
  mutation ResolveEscalation($input: ResolveEscalationInput!) {
    resolveEscalation(input: $input) {
      ...InboxEscalationFields
      resolutionNote
    }
  }
`);

/** What followed: every signal attached (with its post and that post's case), each page and how it was delivered, the outreach made. */
export const EscalationFollowThroughFieldsFragment = graphql(`
  fragment EscalationFollowThroughFields on Escalation {
    id
    signals {
      id
      postId
      level
      trigger
      raisedSeverity
      createdAt
      post {
        id
        status
        thread {
          id
        }
      }
      case {
        id
        status
        priority
        decision
      }
    }
    pages {
      level
      reminder
      severity
      pagedAt
      rosterCovered
      deliveries {
        channel
        state
        attempts
        recipient {
          id
          displayName
        }
      }
    }
    outreach {
      id
      channel
      note
      createdAt
      by {
        id
        displayName
      }
    }
  }
`);

/** The answer carries the outreach list, so it shows at once without reading the page again. */
export const RecordOutreachMutation = graphql(`
  mutation RecordOutreach($escalationId: ID!, $input: RecordOutreachInput!) {
    recordOutreach(escalationId: $escalationId, input: $input) {
      ...EscalationFollowThroughFields
    }
  }
`);
