import { Role } from '../common/domain/role.enum';

export interface DemoMember {
  sub: string;
  role: Role;
  name: string;
  cohort?: string;
  /** One line for the development sign-in page: who this is in the demo. */
  about: string;
}

/**
 * The demo's members, pseudonyms only as in production: `npm run demo` seeds them and the
 * development sign-in page lists them (one place, so the two never disagree).
 */
export const DEMO_MEMBERS: readonly DemoMember[] = [
  { sub: 'demo-client-sky', role: Role.CLIENT, name: 'Sky', cohort: 'spring', about: 'A client in the spring cohort' },
  { sub: 'demo-client-river', role: Role.CLIENT, name: 'River', cohort: 'spring', about: 'Another client in the spring cohort' },
  { sub: 'demo-peer-pat', role: Role.PEER_SPECIALIST, name: 'Pat (peer specialist)', about: 'A peer specialist who moderates every demo space' },
  { sub: 'demo-clinician-lee', role: Role.CLINICIAN, name: 'Dr. Lee', about: 'A clinician on call' },
  { sub: 'demo-admin-sam', role: Role.ADMIN, name: 'Sam (program staff)', about: 'Program staff (admin)' },
];
