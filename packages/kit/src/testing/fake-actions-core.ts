import type { AnnotationLevel } from '../annotations.js';
import type { ActionsCore, AnnotationProperties } from '../runner-protocol.js';

/** An in-memory `ActionsCore` for unit tests: inputs from a map, everything said recorded. */
export class FakeActionsCore implements ActionsCore {
  readonly outputs = new Map<string, string>();
  readonly state = new Map<string, string>();
  readonly secrets: string[] = [];
  readonly annotations: { level: AnnotationLevel; message: string; properties: AnnotationProperties }[] = [];
  readonly logs: { level: 'info' | 'warning' | 'debug'; message: string }[] = [];
  summary = '';
  failed: string | undefined;

  constructor(
    private readonly inputs: Record<string, string> = {},
    initialState: Record<string, string> = {},
    private readonly debugOn = false,
  ) {
    for (const [key, value] of Object.entries(initialState)) this.state.set(key, value);
  }

  getInput(name: string): string {
    return (this.inputs[name] ?? '').trim();
  }
  getState(name: string): string {
    return this.state.get(name) ?? '';
  }
  saveState(name: string, value: string): void {
    this.state.set(name, value);
  }
  setOutput(name: string, value: string): void {
    this.outputs.set(name, value);
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summary += markdown;
  }
  annotate(level: AnnotationLevel, message: string, properties: AnnotationProperties): void {
    this.annotations.push({ level, message, properties });
  }
  info(message: string): void {
    this.logs.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.logs.push({ level: 'warning', message });
  }
  debug(message: string): void {
    this.logs.push({ level: 'debug', message });
  }
  isDebug(): boolean {
    return this.debugOn;
  }
  setFailed(message: string): void {
    this.failed = message;
  }
}
