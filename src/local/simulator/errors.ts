/**
 * Base class of errors raised by the offline Amazon Pay simulator.
 *
 * Raised only when a test or scenario misuses the simulator (an unknown agreement, a contradictory
 * behaviour switch); answers to the skill are always `Connections.Response` values, never throws.
 */
export class SimulatorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulatorError';
  }
}
