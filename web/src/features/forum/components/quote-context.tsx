import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** The post the member chose to quote in their reply: a post of the thread on screen. */
export interface QuoteChoice {
  postId: string;
  authorName: string;
  /** The quoted words as text, to show beside the reply being written. */
  excerpt: string;
}

interface QuoteState {
  /** False where there is no reply form to quote into (a thread not yet shared with the group). */
  enabled: boolean;
  quote: QuoteChoice | null;
  choose(quote: QuoteChoice): void;
  clear(): void;
}

const QuoteContext = createContext<QuoteState>({ enabled: false, quote: null, choose: () => undefined, clear: () => undefined });

/** One thread's quote choice, shared by its posts' "Quote in your reply" buttons and its reply form. */
export function QuoteProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [quote, setQuote] = useState<QuoteChoice | null>(null);
  const choose = useCallback((next: QuoteChoice) => {
    setQuote(next);
    // The reply form is where the member goes next: take them there, ready to type.
    requestAnimationFrame(() => {
      const field = document.getElementById('reply-body');
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    });
  }, []);
  const clear = useCallback(() => setQuote(null), []);
  const value = useMemo(() => ({ enabled, quote: enabled ? quote : null, choose, clear }), [enabled, quote, choose, clear]);
  return <QuoteContext.Provider value={value}>{children}</QuoteContext.Provider>;
}

export function useQuote(): QuoteState {
  return useContext(QuoteContext);
}
