import { useRef } from 'react';

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

const TOOLS: Array<{ label: string; shows: string; edit: Edit }> = [
  { label: 'Bold', shows: 'B', edit: wrap('**', '**', 'bold words') },
  { label: 'Italics', shows: 'I', edit: wrap('_', '_', 'words in italics') },
  { label: 'Bulleted list', shows: '• List', edit: prefixLines(() => '- ') },
  { label: 'Numbered list', shows: '1. List', edit: prefixLines((i) => `${i + 1}. `) },
  { label: 'Link', shows: 'Link', edit: link },
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

  const apply = (edit: Edit) => {
    const el = area.current;
    if (!el) return;
    const result = edit(el.value, el.selectionStart, el.selectionEnd);
    onChange(result.text);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(result.start, result.end);
    });
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
            <button
              key={tool.label}
              type="button"
              className="editor__tool"
              aria-label={tool.label}
              title={tool.label}
              onClick={() => apply(tool.edit)}
              aria-controls={id}
            >
              <span aria-hidden="true" className={`editor__tool-face editor__tool-face--${tool.label.toLowerCase().replace(/\s+/g, '-')}`}>
                {tool.shows}
              </span>
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
