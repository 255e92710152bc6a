import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '../errors/app-error';
import { RequestContext, Viewer } from './viewer';

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** The signed-in member. The auth guard has already refused anonymous callers. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = requestContextOf(context).viewer;
  if (!viewer) throw AppError.unauthenticated();
  return viewer;
});

/** The whole request context (request id, loaders). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => requestContextOf(context));
