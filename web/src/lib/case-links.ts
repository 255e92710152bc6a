/**
 * A moderation case opened from an escalation remembers where it came from, so the case view can
 * lead the clinician back to the escalation rather than to a peer queue they do not work.
 * Shared because the two features never import each other.
 */
const FROM_ESCALATION = 'escalation';
const ID = /^[0-9a-f-]{36}$/i;

export function caseFromEscalation(caseId: string, escalationId: string): string {
  return `/moderation/cases/${caseId}?${FROM_ESCALATION}=${encodeURIComponent(escalationId)}`;
}

/** The escalation a case view was opened from (its query string), or null. */
export function escalationCaseCameFrom(search: string): string | null {
  const id = new URLSearchParams(search).get(FROM_ESCALATION);
  return id && ID.test(id) ? id : null;
}
