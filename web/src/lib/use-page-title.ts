import { useEffect } from 'react';

const SERVICE_NAME = 'Between Sessions';

/** Each page names itself in the tab and for screen readers ("Anxiety – Between Sessions"). */
export function usePageTitle(title: string, options: { error?: boolean } = {}): void {
  useEffect(() => {
    document.title = `${options.error ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
  }, [title, options.error]);
}
