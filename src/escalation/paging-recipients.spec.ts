import { MAX_LEVEL, PagingBasis, PagingRota, recipientsForLevel, RotaMember } from './paging-recipients';

describe('paging recipients', () => {
  const clinicians: RotaMember[] = ['c1', 'c2', 'c3'].map((id) => ({ id, role: 'CLINICIAN' }));
  const admins: RotaMember[] = [{ id: 'a1', role: 'ADMIN' }];
  const rota = (primary: string[], backup: string[]): PagingRota => ({ clinicians, admins, onCall: { primary, backup } });
  const sut = (level: number, r: PagingRota) => {
    const paged = recipientsForLevel(level, r);
    return { ids: paged.recipients.map((m) => m.id), basis: paged.basis };
  };

  it('should page only the PRIMARY on call at level 1', () => expect(sut(1, rota(['c2'], ['c3']))).toEqual({ ids: ['c2'], basis: PagingBasis.ROSTER }));
  it('should page every PRIMARY when primary shifts overlap', () => expect(sut(1, rota(['c2', 'c1'], [])).ids).toEqual(['c2', 'c1']));
  it('should add the BACKUP at level 2', () => expect(sut(2, rota(['c2'], ['c3']))).toEqual({ ids: ['c2', 'c3'], basis: PagingBasis.ROSTER }));
  it('should page every clinician at level 3', () => expect(sut(3, rota(['c2'], ['c3']))).toEqual({ ids: ['c1', 'c2', 'c3'], basis: PagingBasis.EVERYONE }));
  it('should page every clinician and admin at the last level', () => expect(sut(MAX_LEVEL, rota(['c2'], ['c3'])).ids).toEqual(['c1', 'c2', 'c3', 'a1']));

  it('should page every clinician at level 1 and say so when nobody is on call', () =>
    expect(sut(1, rota([], ['c3']))).toEqual({ ids: ['c1', 'c2', 'c3'], basis: PagingBasis.NO_PRIMARY_ON_CALL }));

  it('should page every clinician at level 2 when no BACKUP is on call', () =>
    expect(sut(2, rota(['c2'], []))).toEqual({ ids: ['c1', 'c2', 'c3'], basis: PagingBasis.NO_BACKUP_ON_CALL }));

  it('should not count a backup who is also the primary as a backup', () => expect(sut(2, rota(['c2'], ['c2'])).basis).toBe(PagingBasis.NO_BACKUP_ON_CALL));

  it('should treat a shift of someone no longer a clinician as no cover', () =>
    expect(sut(1, rota(['gone'], []))).toEqual({ ids: ['c1', 'c2', 'c3'], basis: PagingBasis.NO_PRIMARY_ON_CALL }));

  it('should page admins at every level when there is no clinician', () => {
    const none: PagingRota = { clinicians: [], admins, onCall: { primary: [], backup: [] } };
    expect(sut(1, none)).toEqual({ ids: ['a1'], basis: PagingBasis.NO_CLINICIANS });
    expect(sut(MAX_LEVEL, none).ids).toEqual(['a1']);
  });
});
