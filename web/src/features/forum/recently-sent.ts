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
