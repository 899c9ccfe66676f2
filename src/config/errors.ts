/** The environment holds an invalid or missing setting; `variables` names each one at fault. */
export class ConfigError extends Error {
  readonly variables: ReadonlyArray<string>;

  constructor(
    problems: ReadonlyArray<{ readonly variable: string; readonly problem: string }>,
    options?: ErrorOptions,
  ) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`,
      options,
    );
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

/** A Secrets Manager secret holds no `SecretString` (a binary secret, say); names no secret part. */
export class SecretStringMissingError extends Error {
  constructor(options?: ErrorOptions) {
    super('the secret has no SecretString', options);
    this.name = 'SecretStringMissingError';
  }
}
