import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  CLIENT = 'CLIENT',
  PEER_SPECIALIST = 'PEER_SPECIALIST',
  CLINICIAN = 'CLINICIAN',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role' });

/** Roles that work the forum rather than post in it: they see held posts and screening evidence. */
export const STAFF_ROLES: readonly Role[] = [Role.PEER_SPECIALIST, Role.CLINICIAN, Role.ADMIN];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
