/** Values a structured log line may carry: never personal data, tokens or user ids. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** The structured logger the domain and handlers write to. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
