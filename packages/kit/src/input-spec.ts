/**
 * The shape of an action's one table of inputs (`actions/<name>/src/inputs.ts`). The table is plain data, so
 * that the build can read it without compiling (Node runs it with its type stripping): `action.yml`, the README
 * tables, the config file's JSON Schema and the CLI help are generated from it, and the settings reader
 * (`ActionInputs`) parses every value by the kind declared here.
 */

/** What every input declares. */
interface SpecBase {
  /** One or two sentences for action.yml, the README and the CLI help. The default is appended when stated. */
  readonly description: string;
  /** The default as a user would write it; `undefined` when there is none (or it depends on other inputs). */
  readonly default?: string;
  /** The step (or the config file) must give a value. */
  readonly required?: boolean;
  /**
   * `config` (the default for everything but secrets): `.github/shipgate.yml` may set it, so action.yml
   * declares no `default:` (the runner would pass it as if given, and it would beat the file).
   * `step`: only the step's `with:` sets it; action.yml declares its default.
   */
  readonly scope?: 'config' | 'step';
  /** For step inputs: an expression the runner evaluates as the default, such as `${{ github.token }}`. */
  readonly runnerDefault?: string;
}

/** Free text, optionally matching a pattern (`allowed` says what in words). */
export interface TextSpec extends SpecBase {
  readonly kind: 'text';
  readonly pattern?: string;
  readonly allowed?: string;
}
/** A credential: masked as soon as it is read, never in the config file, never trimmed. */
export interface SecretSpec extends SpecBase {
  readonly kind: 'secret';
}
/** A YAML 1.2 Core Schema boolean. */
export interface BooleanSpec extends SpecBase {
  readonly kind: 'boolean';
}
/** A whole number or a decimal number within a range. */
export interface NumberSpec extends SpecBase {
  readonly kind: 'integer' | 'number';
  readonly min?: number;
  readonly max?: number;
}
/** A duration (`500ms`, `30s`, `5m`, `1h`, `1m30s`); the bounds are written the same way. */
export interface DurationSpec extends SpecBase {
  readonly kind: 'duration';
  readonly min?: string;
  readonly max?: string;
}
/** One word of a fixed set. */
export interface ChoiceSpec extends SpecBase {
  readonly kind: 'choice';
  readonly choices: readonly string[];
}
/** Items separated by commas or new lines, optionally each one of a fixed set. */
export interface ListSpec extends SpecBase {
  readonly kind: 'list';
  readonly choices?: readonly string[];
}
/** An absolute URL (http and https unless `protocols` says otherwise). */
export interface UrlSpec extends SpecBase {
  readonly kind: 'url';
  readonly protocols?: readonly string[];
}
/** A file of the workspace, relative to the working directory; must stay inside the workspace. */
export interface FileSpec extends SpecBase {
  readonly kind: 'file';
}
/** A grammar shared by several actions, parsed by the one function of `@shipgate/core` for it. */
export interface GrammarSpec extends SpecBase {
  /** `targets`: servers; `stages`: canary weights; `command`: a command line split into argv without a shell. */
  readonly kind: 'targets' | 'stages' | 'command';
}

/** One input of an action. */
export type InputSpec =
  | TextSpec
  | SecretSpec
  | BooleanSpec
  | NumberSpec
  | DurationSpec
  | ChoiceSpec
  | ListSpec
  | UrlSpec
  | FileSpec
  | GrammarSpec;

/** An action's inputs by kebab-case name. */
export type InputTable = Readonly<Record<string, InputSpec>>;

/** Everything action.yml holds, in one typed place. */
export interface ActionDefinition {
  /** The folder under actions/ and dist/, and the config file's section name. */
  readonly name: string;
  /** The display name in action.yml. */
  readonly title: string;
  readonly description: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly inputs: InputTable;
  /** Output names and their descriptions. */
  readonly outputs: Readonly<Record<string, string>>;
  /** True when the action has a post step (`dist/<name>-post/index.js`, `post-if: always()`). */
  readonly post?: boolean;
  /**
   * A composite action (preflight): the actions it runs in one step, by name. Their inputs are its inputs too
   * (action.yml, README, CLI help), each read from the step and from its own action's section of the config file;
   * `inputs` holds the composite's own, which replace a part's input of the same name.
   */
  readonly parts?: readonly string[];
}

/** The typed value an input spec yields, before defaults are considered. */
type ValueKind<S> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'integer' | 'number' | 'duration' }
    ? number
    : S extends { kind: 'list' | 'targets' | 'command' }
      ? string[]
      : S extends { kind: 'stages' }
        ? number[]
        : S extends { kind: 'choice'; choices: readonly (infer C)[] }
          ? C
          : S extends { kind: 'url' }
            ? URL
            : string;

/** The value `ActionInputs.get` returns: never `undefined` when the spec has a default or is required. */
export type InputValue<S> = S extends { default: string } | { required: true }
  ? ValueKind<S>
  : ValueKind<S> | undefined;

/** Whether an input may be set in the config file. */
export function isConfigurable(spec: InputSpec): boolean {
  return spec.kind !== 'secret' && (spec.scope ?? 'config') === 'config';
}
