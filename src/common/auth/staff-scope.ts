import { Role } from '../domain/role.enum';
import { SqlParameters } from '../sql/sql-parameters';
import { Viewer } from './viewer';

/**
 * Whose non-public content a viewer may see: held and pending posts, screenings and their evidence,
 * moderation cases and their notes, risk signals. Clinicians and admins see every space's; a peer
 * specialist only the spaces they are assigned to (`Viewer.moderatedSpaceIds`, read fresh on every
 * request); a client none. Every load of such data filters by this one rule, in TypeScript or in
 * SQL, so no field or path can reach past it.
 */
export type StaffScope = { all: true } | { all: false; spaceIds: readonly string[] };

const NOTHING: StaffScope = { all: false, spaceIds: [] };

export function staffScopeOf(viewer: Viewer | null): StaffScope {
  if (!viewer) return NOTHING;
  switch (viewer.role) {
    case Role.CLINICIAN:
    case Role.ADMIN:
      return { all: true };
    case Role.PEER_SPECIALIST:
      return { all: false, spaceIds: viewer.moderatedSpaceIds };
    case Role.CLIENT:
      return NOTHING;
  }
}

export function scopeCovers(scope: StaffScope, spaceId: string): boolean {
  return scope.all || scope.spaceIds.includes(spaceId);
}

/** The rule over a space-id column, with `scopeSqlValue(scope)` (null for every space) at `placeholder`. */
function inScopeRule(column: string, placeholder: string): string {
  return `(${placeholder}::uuid[] IS NULL OR ${column} = ANY(${placeholder}::uuid[]))`;
}

/**
 * The rule over a space-id column of a raw statement: `param` is the positional parameter that holds
 * `scopeSqlValue(scope)` (null for every space, else the space ids).
 */
export function inScopeSql(column: string, param: number): string {
  return inScopeRule(column, `$${param}`);
}

/** The same rule with its value bound through `params` (a raw statement or a query builder). */
export function inScopeSqlBound(scope: StaffScope, column: string, params: SqlParameters): string {
  return inScopeRule(column, params.bind(scopeSqlValue(scope)));
}

export function scopeSqlValue(scope: StaffScope): string[] | null {
  return scope.all ? null : [...scope.spaceIds];
}
