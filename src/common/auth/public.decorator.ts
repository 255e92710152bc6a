import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'public';

/**
 * Anyone may call the resolver, signed in or not. Only for what a person must reach before or
 * without signing in (the program's crisis resources); never for anything about a member.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
