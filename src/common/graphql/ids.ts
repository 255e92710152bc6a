import { AppError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is a malformed id (BAD_USER_INPUT), never a database error. */
export function parseId(value: string, field = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw AppError.badInput(field, `${field} is not a valid id.`);
  return value.toLowerCase();
}
