import type { ReactNode } from 'react';

/**
 * The page's one h1. It takes focus after every navigation (see the app shell), so a screen
 * reader starts reading the new page from its name.
 */
export function PageHeading({ children, caption }: { children: ReactNode; caption?: ReactNode }) {
  return (
    <div className="page-heading">
      {caption ? <span className="page-heading__caption">{caption}</span> : null}
      <h1 tabIndex={-1} data-page-heading="">
        {children}
      </h1>
    </div>
  );
}
