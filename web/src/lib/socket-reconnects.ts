/**
 * The subscription socket came back after a drop. Events published while it was down are gone for
 * good (pub/sub keeps nothing), so live pages read again when they hear this.
 */
const listeners = new Set<() => void>();

export function onSocketReconnected(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceSocketReconnected(): void {
  for (const listener of listeners) listener();
}
