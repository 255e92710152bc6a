/**
 * A one-line text field in the GOV.UK pattern: label, optional hint, the error above the input
 * (prefixed "Error:" for screen readers), and the input described by both.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className="input"
        id={id}
        name={id}
        type="text"
        value={value}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
