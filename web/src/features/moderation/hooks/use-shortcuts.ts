import { useEffect, useRef } from 'react';

export type ShortcutMap = Partial<Record<string, () => void>>;

/** Typing in a field, or a key held with a modifier, is never a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type);
}

/**
 * Single-key shortcuts for the page (j/k, c, a, r, h, ?), ignored while typing in a field, with
 * Ctrl/Alt/Meta held, or while a modal dialog is open (it has its own keys).
 */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const latest = useRef(map);
  latest.current = map;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
