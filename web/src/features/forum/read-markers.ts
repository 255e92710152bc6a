/**
 * Which threads this member has opened, and the activity they had then, for the "New" markers.
 * The server keeps no read state yet, so it lives on this device (thread ids and times, no text).
 */
const PREFIX = 'between-sessions:seen:';
const MAX_THREADS = 500;

function load(memberId: string): Record<string, string> {
  try {
    return JSON.parse(window.localStorage.getItem(PREFIX + memberId) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export type ReadState = 'new' | 'new-replies' | 'read';

export function readStateOf(memberId: string, threadId: string, lastActivityAt: string): ReadState {
  const seen = load(memberId)[threadId];
  if (!seen) return 'new';
  return new Date(lastActivityAt).getTime() > new Date(seen).getTime() ? 'new-replies' : 'read';
}

export function markThreadSeen(memberId: string, threadId: string, lastActivityAt: string): void {
  const seen = load(memberId);
  seen[threadId] = lastActivityAt;
  const entries = Object.entries(seen);
  const kept = entries.length > MAX_THREADS ? Object.fromEntries(entries.sort((a, b) => b[1].localeCompare(a[1])).slice(0, MAX_THREADS)) : seen;
  try {
    window.localStorage.setItem(PREFIX + memberId, JSON.stringify(kept));
  } catch {
    // Storage refused: the markers just stay "New".
  }
}
