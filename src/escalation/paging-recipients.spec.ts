import { MAX_LEVEL, recipientsForLevel, RotaMember } from './paging-recipients';

describe('paging recipients', () => {
  const clinicians: RotaMember[] = ['c1', 'c2', 'c3'].map((id) => ({ id, role: 'CLINICIAN' }));
  const admins: RotaMember[] = [{ id: 'a1', role: 'ADMIN' }];
  const ids = (level: number) => recipientsForLevel(level, clinicians, admins).map((m) => m.id);

  it('should page only the on-call clinician at level 1', () => expect(ids(1)).toEqual(['c1']));
  it('should add the backup at level 2', () => expect(ids(2)).toEqual(['c1', 'c2']));
  it('should page every clinician at level 3', () => expect(ids(3)).toEqual(['c1', 'c2', 'c3']));
  it('should page every clinician and admin at the last level', () => expect(ids(MAX_LEVEL)).toEqual(['c1', 'c2', 'c3', 'a1']));
  it('should page admins when there is no clinician', () => expect(recipientsForLevel(1, [], admins).map((m) => m.id)).toEqual(['a1']));
});
