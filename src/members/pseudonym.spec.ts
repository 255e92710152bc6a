import { AppError } from '../common/errors/app-error';
import { cleanChosenPseudonym } from './pseudonym';

function refusal(name: string): string | null {
  try {
    cleanChosenPseudonym(name);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('cleanChosenPseudonym', () => {
  it.each(['Clinician', 'Peer Specialist', 'Pat peer specialist', 'Dr Lee', 'C1inician', 'ADMIN', "admin'--", 'Moderator Sam', 'Program-staff', 'Thérapist'])(
    'should refuse the staff title in %j',
    (name) => {
      expect(refusal(name)).toBe('BAD_USER_INPUT');
    },
  );

  it('should refuse a Latin name with a Cyrillic or Greek look-alike letter, and invisible characters', () => {
    expect(refusal('Qui\u0435t Heron 12')).toBe('BAD_USER_INPUT');
    expect(refusal('Quiet Her\u03BFn 12')).toBe('BAD_USER_INPUT');
    expect(refusal('Quiet Heron 12\u034F')).toBe('BAD_USER_INPUT');
    expect(refusal('Quiet Heron\uFE0F 12')).toBe('BAD_USER_INPUT');
  });

  it.each(['Quiet Heron 12', 'Drew', 'Staffordshire Sky', 'Adminah', 'Наталья', 'Ελένη', 'Zoë', '李小龙', 'Specially Calm'])('should keep %j', (name) => {
    expect(refusal(name)).toBeNull();
  });
});
