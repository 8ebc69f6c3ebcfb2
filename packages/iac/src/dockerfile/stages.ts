/** The build stages of a Dockerfile and the findings of its rules before they are filtered and placed. */
import type { From, Instruction } from 'dockerfile-ast';
import type { IacRule } from '../rule.js';

/** A 0-based range, as dockerfile-ast gives them (its Range type is vscode-languageserver-types'). */
export type Range = ReturnType<Instruction['getRange']>;

/** One build stage: its FROM, what it is built on, and its instructions. */
export interface Stage {
  from: From;
  /** The stage name after AS, lower-cased (stage names are case-insensitive). */
  name: string | undefined;
  /** The earlier stage this one is built on, when FROM names one. */
  base: number | undefined;
  /** The base image reference with global ARGs substituted; undefined when a build argument decides it. */
  image: string | undefined;
  instructions: Instruction[];
}

/** A Dockerfile finding before it becomes a Finding: the instruction it belongs to decides its ignores. */
export interface Issue {
  rule: IacRule;
  message: string;
  range: Range;
  /** The instruction whose preceding `# hadolint ignore=` comment applies. */
  instruction: Instruction;
  identity: string;
}

/** The stages the final image is made of, final first, following `FROM <stage>`. */
export function finalChain(stages: readonly Stage[]): Stage[] {
  const chain: Stage[] = [];
  let index: number | undefined = stages.length - 1;
  while (index !== undefined && chain.length <= stages.length) {
    const stage: Stage = stages[index]!;
    chain.push(stage);
    index = stage.base;
  }
  return chain;
}
