import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { AppError } from './app-error';

/**
 * Hands AppErrors straight to GraphQL's formatter. Without it Nest logs every expected refusal
 * (a missing token, a NOT_FOUND) as an unhandled exception.
 */
@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(error: AppError): AppError {
    return error;
  }
}
