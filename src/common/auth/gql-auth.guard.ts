import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../domain/role.enum';
import { AppError } from '../errors/app-error';
import { requestContextOf } from './current-viewer.decorator';
import { PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

/**
 * Global guard for GraphQL: resolvers and, through `fieldResolverEnhancers: ['guards']`, field
 * resolvers too. Authentication already happened once while building the request context, so
 * this is a cheap check per field.
 */
@Injectable()
export class GqlAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const ctx = requestContextOf(context);
    if (!ctx.viewer) throw ctx.authError ?? AppError.unauthenticated();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(ctx.viewer.role)) throw AppError.forbidden();
    return true;
  }
}
