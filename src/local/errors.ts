/** A scenario cannot be played as written: a bug of the scenario or of its runner's options. */
export class ScenarioBackendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScenarioBackendError';
  }
}
