import type { LogFields, Logger } from '../checkout/Logger';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Readonly<Record<Level, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

/**
 * A structured logger that writes one JSON object per line.
 *
 * Callers pass only ids of ours, statuses and Amazon's codes: never tokens, user ids or addresses.
 */
export class JsonLogger implements Logger {
  private readonly minimum: number;
  private readonly write: (line: string) => void;
  private readonly base: LogFields;

  constructor(options: {
    readonly level: Level;
    readonly write?: (line: string) => void;
    readonly base?: LogFields;
  }) {
    this.minimum = RANK[options.level];
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.base = options.base ?? {};
  }

  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  private log(level: Exclude<Level, 'silent'>, message: string, fields?: LogFields): void {
    if (RANK[level] < this.minimum) return;
    this.write(
      JSON.stringify({
        level,
        message,
        timestamp: new Date().toISOString(),
        ...this.base,
        ...fields,
      }),
    );
  }
}
