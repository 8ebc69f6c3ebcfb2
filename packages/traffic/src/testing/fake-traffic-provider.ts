/**
 * A `TrafficProvider` for tests of the domain and the actions: it records every call and can be told to fail.
 */
import type { TrafficContext, TrafficProvider } from '@shipgate/canary';
import { TrafficError } from '../traffic-error.js';

/** One recorded call. */
export interface FakeTrafficCall {
  method: 'setWeight' | 'promote' | 'abort';
  weight: number;
  context: TrafficContext;
}

/** Records calls; the current weight follows them. `failAt` makes a given weight fail with a `TrafficError`. */
export class FakeTrafficProvider implements TrafficProvider {
  readonly calls: FakeTrafficCall[] = [];
  weight = 0;

  constructor(private readonly failAt: (call: FakeTrafficCall) => boolean = () => false) {}

  describe(): string {
    return 'fake traffic provider';
  }

  async setWeight(weight: number, context: TrafficContext): Promise<void> {
    this.record({ method: 'setWeight', weight, context });
  }

  async promote(context: TrafficContext): Promise<void> {
    this.record({ method: 'promote', weight: 100, context });
  }

  async abort(context: TrafficContext): Promise<void> {
    this.record({ method: 'abort', weight: 0, context });
  }

  private record(call: FakeTrafficCall): void {
    this.calls.push(call);
    if (this.failAt(call)) throw new TrafficError(`fake failure at ${call.method} ${call.weight}%`, call.weight, '');
    this.weight = call.weight;
  }
}
