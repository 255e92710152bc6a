import { SetMetadata } from '@nestjs/common';
import { Role } from '../domain/role.enum';

export const ROLES_KEY = 'roles';

/** Only these roles may call the resolver or read the field. Without it, any signed-in member may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
