import type { ComponentProps } from 'react';

type Variant = 'primary' | 'secondary' | 'warning' | 'link';

/** A real <button>: keyboard and screen reader behaviour for free, at least 44 px tall. */
export function Button({ variant = 'primary', className, type = 'button', ...props }: ComponentProps<'button'> & { variant?: Variant }) {
  return <button type={type} className={['button', `button--${variant}`, className].filter(Boolean).join(' ')} {...props} />;
}
