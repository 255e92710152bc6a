import { useCallback, useRef, type RefObject } from 'react';

export interface ShortcutsHelpController {
  dialog: RefObject<HTMLDialogElement | null>;
  open(): void;
}

export function useShortcutsHelp(): ShortcutsHelpController {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = useCallback(() => dialog.current?.showModal(), []);
  return { dialog, open };
}

const SHORTCUTS: Array<[string, string]> = [
  ['j', 'Next case'],
  ['k', 'Previous case'],
  ['c', 'Claim the case'],
  ['a', 'Approve (asks you to confirm when the case is about someone’s safety)'],
  ['h', 'Keep held and reach out: opens the note'],
  ['r', 'Remove from the group: opens the note'],
  ['?', 'Show these shortcuts'],
];

/**
 * The shortcuts, in a native modal dialog: it traps focus, closes with Escape, and returns focus
 * to where it was. Shortcuts never fire while you type in a field.
 */
export function ShortcutsHelp({ controller }: { controller: ShortcutsHelpController }) {
  return (
    <dialog ref={controller.dialog} className="shortcuts-help" aria-labelledby="shortcuts-help-title">
      <h2 id="shortcuts-help-title">Keyboard shortcuts</h2>
      <p>These work anywhere in the workspace except while you are typing in a field.</p>
      <dl className="shortcuts-help__list">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button button--secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}
