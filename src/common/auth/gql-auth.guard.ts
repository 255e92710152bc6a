import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../domain/role.enum';
import { AppError } from '../errors/app-error';
import { requestContextOf } from './current-viewer.decorator';
import { PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { RequestContext, Viewer } from './viewer';

/**
 * Global guard for GraphQL: resolvers and, through `fieldResolverEnhancers: ['guards']`, field
 * resolvers too. Authentication already happened once while building the request context, so
 * this is a cheap check per field.
 */
/**
 * The check every resolver without @Public gets: a signed-in viewer (authenticated once, while the
 * request context was built). Plain field resolvers (plain-field-resolver.ts) call it directly.
 */
export function requireViewer(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw ctx.authError ?? AppError.unauthenticated();
  return ctx.viewer;
}

/** What a resolver's decorators say about access, read once per resolver method. */
interface AccessRule {
  isPublic: boolean;
  roles: Role[] | undefined;
}

@Injectable()
export class GqlAuthGuard implements CanActivate {
  // The guard runs on every field of every result (hundreds per page of posts); the decorators of
  // a method never change, so their metadata is read once rather than on each field.
  // Keyed by class, then method: an inherited method may sit under another class's @Roles.
  private readonly rules = new WeakMap<object, Map<object, AccessRule>>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const rule = this.ruleFor(context);
    if (rule.isPublic) return true;
    const viewer = requireViewer(requestContextOf(context));
    if (rule.roles && !rule.roles.includes(viewer.role)) throw AppError.forbidden();
    return true;
  }

  private ruleFor(context: ExecutionContext): AccessRule {
    const handler = context.getHandler();
    const owner = context.getClass();
    let byHandler = this.rules.get(owner);
    if (!byHandler) this.rules.set(owner, (byHandler = new Map<object, AccessRule>()));
    let rule = byHandler.get(handler);
    if (!rule) {
      const targets = [handler, owner];
      rule = {
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      byHandler.set(handler, rule);
    }
    return rule;
  }
}
