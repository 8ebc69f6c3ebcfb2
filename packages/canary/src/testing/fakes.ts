import type { Judge, MetricVerdict } from '../judge-model.js';
import type {
  MetricsFailure,
  MetricsProvider,
  MetricsWindow,
  SideSample,
  TrafficContext,
  TrafficProvider,
} from '../ports.js';

/** A traffic provider that records every change; `failOn` makes one weight throw. */
export class FakeTraffic implements TrafficProvider {
  readonly calls: string[] = [];
  weight = 0;

  constructor(private readonly failOn?: number) {}

  describe(): string {
    return 'fake traffic';
  }
  async setWeight(weight: number, context: TrafficContext): Promise<void> {
    if (weight === this.failOn) throw new Error(`nginx: [emerg] invalid weight ${weight}`);
    this.calls.push(`set ${weight} stage ${context.stage}`);
    this.weight = weight;
  }
  async promote(): Promise<void> {
    this.calls.push('promote');
    this.weight = 100;
  }
  async abort(): Promise<void> {
    this.calls.push('abort');
    this.weight = 0;
  }
}

/** Metrics from a function of the current canary weight and the look number. */
export class FakeMetrics implements MetricsProvider {
  readonly name = 'fake';
  looks = 0;

  /** `splitsByWeight`: whether the fake's counts follow the traffic weights, as nginx-log's do. */
  constructor(
    private readonly produce: (look: number, context: TrafficContext) => MetricsWindow | MetricsFailure,
    readonly splitsByWeight = false,
  ) {}

  async collect(
    _window: { fromMs: number; toMs: number },
    context: TrafficContext,
  ): Promise<MetricsWindow | MetricsFailure> {
    this.looks++;
    return this.produce(this.looks, context);
  }
}

/** A window with the given requests and errors per side. */
export function window(canary: [number, number], stable: [number, number]): MetricsWindow {
  const side = ([requests, errors]: [number, number]): SideSample => ({ requests, errors, latencies: [] });
  return { ok: true, source: 'fake', canary: side(canary), stable: side(stable) };
}

/** A simple absolute judge for engine tests: fail above `maxRate`, inconclusive below `minSamples` over the stage. */
export function fakeJudge(maxRate: number): Judge {
  return {
    name: 'threshold',
    evaluate({ windows, stageStart, minSamples }): MetricVerdict[] {
      const stage = windows.slice(stageStart);
      const requests = stage.reduce((n, w) => n + w.canary.requests, 0);
      const errors = stage.reduce((n, w) => n + w.canary.errors, 0);
      const rate = requests ? errors / requests : 0;
      if (requests < minSamples)
        return [
          {
            metric: 'error-rate',
            status: 'inconclusive',
            reason: `not enough data: ${requests} canary requests, ${minSamples} needed`,
            canary: rate,
            stable: 0,
            details: {},
          },
        ];
      const status = rate > maxRate ? 'fail' : 'pass';
      return [
        {
          metric: 'error-rate',
          status,
          reason: `canary error rate ${(rate * 100).toFixed(1)}%${status === 'fail' ? ` is above the limit of ${(maxRate * 100).toFixed(1)}%` : ''}`,
          canary: rate,
          stable: 0,
          details: {},
        },
      ];
    },
  };
}
