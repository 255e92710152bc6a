import { graphql } from '../../../../lib/gql';

/**
 * Everything the roster page shows in one read: who is on call now (and the program's time zone),
 * the shifts of the shown fortnight, gaps and overlaps of the next 72 hours, and the clinicians
 * who may be put on call.
 */
export const RosterQuery = graphql(`
  query AdminRoster($from: DateTime!, $to: DateTime!, $soonFrom: DateTime!, $soonTo: DateTime!) {
    onCallNow {
      covered
      timeZone
      primaries {
        id
        displayName
      }
      backups {
        id
        displayName
      }
    }
    onCallShifts(from: $from, to: $to) {
      id
      tier
      startsAt
      endsAt
      clinician {
        id
        displayName
      }
    }
    onCallGaps(from: $soonFrom, to: $soonTo) {
      kind
      tier
      startsAt
      endsAt
      shiftIds
    }
    onCallClinicians {
      id
      displayName
    }
  }
`);

export const CreateShiftMutation = graphql(`
  mutation AdminCreateOnCallShift($input: CreateOnCallShiftInput!) {
    createOnCallShift(input: $input) {
      id
      tier
      startsAt
      endsAt
      clinician {
        id
        displayName
      }
    }
  }
`);

export const DeleteShiftMutation = graphql(`
  mutation AdminDeleteOnCallShift($id: ID!) {
    deleteOnCallShift(id: $id) {
      id
    }
  }
`);
