import { useLayoutEffect, useRef } from 'react';

type Edit = (text: string, start: number, end: number) => { text: string; start: number; end: number };

const wrap =
  (before: string, after: string, placeholder: string): Edit =>
  (text, start, end) => {
    const selected = text.slice(start, end) || placeholder;
    return {
      text: text.slice(0, start) + before + selected + after + text.slice(end),
      start: start + before.length,
      end: start + before.length + selected.length,
    };
  };

const prefixLines =
  (prefix: (index: number) => string): Edit =>
  (text, start, end) => {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nextBreak = text.indexOf('\n', end);
    const lineEnd = nextBreak === -1 ? text.length : nextBreak;
    const lines = text.slice(lineStart, lineEnd).split('\n');
    const changed = lines.map((line, i) => prefix(i) + line).join('\n');
    return { text: text.slice(0, lineStart) + changed + text.slice(lineEnd), start: lineStart, end: lineStart + changed.length };
  };

const link: Edit = (text, start, end) => {
  const words = text.slice(start, end) || 'link words';
  const inserted = `[${words}](https://)`;
  // Leave the cursor after "https://", ready for the address.
  const cursor = start + inserted.length - 1;
  return { text: text.slice(0, start) + inserted + text.slice(end), start: cursor, end: cursor };
};

/** Each button's name is its visible text (label in name), with a small picture of what it does beside it. */
const TOOLS: Array<{ name: string; face: string; edit: Edit }> = [
  { name: 'Bold', face: 'B', edit: wrap('**', '**', 'bold words') },
  { name: 'Italics', face: 'I', edit: wrap('_', '_', 'words in italics') },
  { name: 'Bulleted list', face: '•', edit: prefixLines(() => '- ') },
  { name: 'Numbered list', face: '1.', edit: prefixLines((i) => `${i + 1}. `) },
  { name: 'Link', face: '', edit: link },
];

export interface PostEditorProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  rows?: number;
}

/**
 * A textarea with formatting buttons: the buttons write the same marks a person can type
 * (**bold**, _italics_, "- " lists), so it works the same by keyboard, screen reader or touch,
 * and costs almost nothing to load.
 */
export function PostEditor({ id, label, value, onChange, error, rows = 8 }: PostEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<{ start: number; end: number } | null>(null);

  // Right after React writes the new text, before the next key press: typing goes where the button left the cursor.
  useLayoutEffect(() => {
    const el = area.current;
    const selection = pendingSelection.current;
    if (!el || !selection) return;
    pendingSelection.current = null;
    el.focus();
    el.setSelectionRange(selection.start, selection.end);
  }, [value]);

  const apply = (edit: Edit) => {
    const el = area.current;
    if (!el) return;
    const result = edit(el.value, el.selectionStart, el.selectionEnd);
    pendingSelection.current = { start: result.start, end: result.end };
    onChange(result.text);
  };

  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint" id={`${id}-hint`}>
        You can use the buttons, or type **bold**, _italics_, and lines starting with - or 1. for a list.
      </p>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="editor">
        <div className="editor__tools" role="group" aria-label="Formatting">
          {TOOLS.map((tool) => (
            <button key={tool.name} type="button" className="editor__tool" onClick={() => apply(tool.edit)} aria-controls={id}>
              {tool.face ? (
                <span aria-hidden="true" className={`editor__tool-face editor__tool-face--${tool.name.toLowerCase().replace(/\s+/g, '-')}`}>
                  {tool.face}
                </span>
              ) : null}
              {tool.name}
            </button>
          ))}
        </div>
        <textarea
          ref={area}
          id={id}
          name={id}
          className="textarea"
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          spellCheck
        />
      </div>
    </div>
  );
}
