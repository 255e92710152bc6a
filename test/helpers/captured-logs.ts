import { Logger } from 'pino';
import { createRootLogger } from '../../src/logging/logger';

/** pino's numeric levels: 50 is `error`, 60 `fatal`. */
const ERROR_LEVEL = 50;

export interface LogRecord {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface CapturedLogs {
  /** The application's root logger (the production one, redaction included), writing here instead of stdout. */
  logger: Logger;
  records: LogRecord[];
  /** Records at error level or above. */
  errors(): LogRecord[];
  /** Everything logged, as the JSON lines a log collector would store. */
  text(): string;
  clear(): void;
}

/** A root logger whose JSON lines a test reads back: what was logged, at which level, with what text. */
export function captureLogs(level = 'info'): CapturedLogs {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  const logger = createRootLogger(level, {
    write(line: string) {
      lines.push(line);
      records.push(JSON.parse(line) as LogRecord);
    },
  });
  return {
    logger,
    records,
    errors: () => records.filter((r) => r.level >= ERROR_LEVEL),
    text: () => lines.join(''),
    clear: () => {
      lines.length = 0;
      records.length = 0;
    },
  };
}
