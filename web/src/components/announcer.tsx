import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

type Announce = (words: string) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

/** Long enough to be read out; then the words go, so nobody reading the page later meets stale news. */
const CLEAR_AFTER_MS = 10_000;

/**
 * One polite live region for the whole app, on the page from the start: a region inserted together
 * with its text is often not read out, so news that arrives with a new page (a thread just started,
 * whose post's own state region is new when the thread appears) is said here instead. Each message
 * replaces the last as a new text node, so the same words twice are read twice.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState({ n: 0, words: '' });
  const announce = useCallback<Announce>((words) => setMessage((m) => ({ n: m.n + 1, words })), []);
  useEffect(() => {
    if (!message.words) return undefined;
    const timer = window.setTimeout(() => setMessage((m) => (m.n === message.n ? { n: m.n, words: '' } : m)), CLEAR_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [message]);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <p className="visually-hidden" role="status" data-testid="announcer">
        <span key={message.n}>{message.words}</span>
      </p>
    </AnnouncerContext.Provider>
  );
}

/** Says `words` politely through the app's one live region (AnnouncerProvider). */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
