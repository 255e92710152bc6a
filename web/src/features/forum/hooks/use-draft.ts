import { useCallback, useRef, useState } from 'react';

const PREFIX = 'between-sessions:draft:';

function read<T extends Record<string, string>>(key: string, empty: T): T {
  try {
    const stored = window.sessionStorage.getItem(PREFIX + key);
    return stored ? { ...empty, ...(JSON.parse(stored) as Partial<T>) } : empty;
  } catch {
    return empty;
  }
}

/**
 * A message being written, kept in this tab's sessionStorage as it is typed: a failed send, an
 * expired session, a reload or a wrong turn never loses it. Only drafts live there (never tokens),
 * they go when the tab closes, and signing out on purpose clears them (a shared phone or laptop).
 */
export function useDraft<T extends Record<string, string>>(key: string, empty: T): [T, (next: T) => void, () => void] {
  // Call sites pass a fresh literal each render; the first one is the one that counts.
  const emptyDraft = useRef(empty).current;
  const [draft, setDraft] = useState<T>(() => read(key, emptyDraft));
  const update = useCallback(
    (next: T) => {
      setDraft(next);
      try {
        window.sessionStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or refused (private mode): the draft still lives in the form.
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    setDraft(emptyDraft);
    try {
      window.sessionStorage.removeItem(PREFIX + key);
    } catch {
      // Nothing stored, nothing to clear.
    }
  }, [key, emptyDraft]);
  return [draft, update, clear];
}

/** Signing out on purpose: forget every draft on this device. */
export function clearAllDrafts(): void {
  try {
    for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was stored either.
  }
}
