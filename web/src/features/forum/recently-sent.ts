/**
 * Posts sent from this tab: their author is told "Posted" when screening publishes them, even if
 * that happened before the page showing them had loaded. Ids only, in memory.
 */
const sent = new Set<string>();

export function markSent(postId: string): void {
  sent.add(postId);
}

export function wasSentHere(postId: string): boolean {
  return sent.has(postId);
}

/** Which state of each sent post (by revision) a screen reader has been told, so a page shown again does not repeat it. */
const told = new Map<string, string>();

/**
 * True the first time a state of this revision of a post sent here is passed in: the caller says
 * it. A post not sent from this tab is never news.
 */
export function firstTimeTold(postId: string, revision: number, status: string): boolean {
  if (!sent.has(postId)) return false;
  const key = `${postId}:${revision}`;
  if (told.get(key) === status) return false;
  told.set(key, status);
  return true;
}
