import { SetMetadata } from '@nestjs/common';
import { Role } from '../domain/role.enum';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Only these roles may call the resolver or read the field. Without it, any signed-in member may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No sign-in needed (health-like fields only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
