import { ShipgateError } from '@shipgate/core';

/**
 * Traffic could not be moved. The provider has left traffic as it was before the call (the previous nginx
 * file restored, or the user's command having failed), and says so in the message.
 */
export class TrafficError extends ShipgateError {
  /** The canary weight the failed change was for (0 to 100). */
  readonly weight: number;
  /** What the tool said: nginx's own message, or the command's stderr. */
  readonly output: string;

  constructor(message: string, weight: number, output: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.weight = weight;
    this.output = output;
  }
}
