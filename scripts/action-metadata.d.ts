// Types of scripts/action-metadata.js, for the tests that check the generated files.
import type { ActionDefinition, InputSpec } from '@shipgate/kit';

export function actionNames(root: string): string[];
export const ROOT_ACTION: string;
export function actionYmlPath(name: string): string;
export function loadAction(
  root: string,
  name: string,
): Promise<ActionDefinition & { sections?: Record<string, string> }>;
export function isConfigurable(spec: InputSpec): boolean;
export function describeInput(spec: InputSpec, section?: string): string;
export function renderActionYml(action: ActionDefinition): string;
export function usageTables(action: ActionDefinition): { inputs: string; outputs: string };
export function renderReadme(readme: string, action: ActionDefinition): string;
export function buildSchema(root: string, actions: readonly ActionDefinition[]): string;
export function generatedFiles(root: string): Promise<Record<string, string>>;
