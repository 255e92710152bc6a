import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A second step before something that cannot be undone from the console. Its heading takes focus
 * when it opens, so keyboard and screen reader users land on the question rather than losing their place.
 */
export function ConfirmPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  return (
    <section className="admin-confirm" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
