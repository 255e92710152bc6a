import { AppError } from '../errors/app-error';

export const MAX_NOTE_CHARS = 2_000;

/**
 * A note a staff member writes (case decisions, acknowledgements, outcomes): trimmed, bounded,
 * free of control characters other than newline and tab. Returns null for an optional empty note.
 */
export function staffNote(field: string, value: string | null | undefined, required: true): string;
export function staffNote(field: string, value: string | null | undefined, required: boolean): string | null;
export function staffNote(field: string, value: string | null | undefined, required: boolean): string | null {
  const note = (value ?? '').trim();
  if (note.length === 0) {
    if (required) throw AppError.badInput(field, `${field} is required.`);
    return null;
  }
  if (note.length > MAX_NOTE_CHARS) throw AppError.badInput(field, `${field} must be at most ${MAX_NOTE_CHARS} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(note)) throw AppError.badInput(field, `${field} contains control characters.`);
  return note;
}
