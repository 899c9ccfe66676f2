/** The environment holds an invalid or missing setting; `variables` names each one at fault. */
export class ConfigError extends Error {
  readonly variables: ReadonlyArray<string>;

  constructor(problems: ReadonlyArray<{ readonly variable: string; readonly problem: string }>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}
