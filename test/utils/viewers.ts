import { Viewer } from '../../src/common/auth/viewer';
import { Role } from '../../src/common/domain/role.enum';

/** Far past any test run: the tests that build a viewer by hand are not about token expiry. */
const NEVER_EXPIRES = new Date('2100-01-01T00:00:00Z');

/**
 * A viewer as the auth guard would build it, for tests that call a repository or a SQL fragment
 * without a request: no cohort, no assigned spaces, unless `extra` says otherwise.
 */
export function testViewer(memberId: string, role: Role, extra: Partial<Viewer> = {}): Viewer {
  return { memberId, sub: `sub-${memberId}`, role, displayName: 'Quiet Heron', cohort: null, moderatedSpaceIds: [], tokenExpiresAt: NEVER_EXPIRES, ...extra };
}
