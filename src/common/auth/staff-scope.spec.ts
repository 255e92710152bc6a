import { Role } from '../domain/role.enum';
import { scopeCovers, scopeSqlValue, staffScopeOf } from './staff-scope';
import { Viewer } from './viewer';

function viewer(role: Role, moderatedSpaceIds: string[] = []): Viewer {
  return { memberId: 'm', sub: 's', role, displayName: 'Quiet Heron', cohort: null, moderatedSpaceIds, tokenExpiresAt: new Date(Date.now() + 60_000) };
}

describe('staff scope', () => {
  it('should give clinicians and admins every space', () => {
    for (const role of [Role.CLINICIAN, Role.ADMIN]) {
      const scope = staffScopeOf(viewer(role));
      expect(scopeCovers(scope, 'any')).toBe(true);
      expect(scopeSqlValue(scope)).toBeNull();
    }
  });

  it('should give a peer specialist their assigned spaces only', () => {
    const scope = staffScopeOf(viewer(Role.PEER_SPECIALIST, ['mine']));
    expect(scopeCovers(scope, 'mine')).toBe(true);
    expect(scopeCovers(scope, 'other')).toBe(false);
    expect(scopeSqlValue(scope)).toEqual(['mine']);
  });

  it('should give clients and anonymous requests no space, even with stray assignments', () => {
    expect(scopeCovers(staffScopeOf(viewer(Role.CLIENT, ['mine'])), 'mine')).toBe(false);
    expect(scopeSqlValue(staffScopeOf(null))).toEqual([]);
  });
});
