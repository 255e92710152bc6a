import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';

/**
 * JSON logs. Post text must never reach a log: the redaction below is a safety net for the field
 * names that carry it, not a licence to log objects that hold it. The destination is stdout unless
 * given (tests read what would have been logged).
 */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'between-sessions', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'body',
          'bodyText',
          'bodyHtml',
          'text',
          'title',
          'note',
          '*.body',
          '*.bodyText',
          '*.bodyHtml',
          '*.text',
          '*.title',
          '*.note',
          'req.headers.authorization',
          'variables',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** Nest's logger interface on top of pino, so framework messages come out as the same JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, traceOrContext?: string, context?: string): void {
    this.logger.error({ context: context ?? traceOrContext, trace: context ? traceOrContext : undefined }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

/**
 * What of an error may be logged: name, message, code and stack. Driver errors carry the SQL
 * and its parameters (which can be post text); those fields are left out on purpose.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as Error & { code?: unknown };
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack };
}
