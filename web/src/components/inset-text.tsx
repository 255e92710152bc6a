import type { ReactNode } from 'react';

/** A calm aside (GOV.UK inset text): a bar and a label, never colour alone. */
export function InsetText({ children, tone = 'info', label }: { children: ReactNode; tone?: 'info' | 'success' | 'waiting' | 'held'; label?: string }) {
  return (
    <div className={`inset inset--${tone}`}>
      {label ? <p className="inset__label">{label}</p> : null}
      {children}
    </div>
  );
}
