import { InputError } from './errors.js';

/**
 * Parses `stages` ("5,10,25,50,100"): whole percentages from 1 to 100, strictly increasing, ending at 100.
 * The error names the input, the value and the rule broken.
 */
export function parseStages(items: readonly string[], input = 'stages'): number[] {
  const raw = items.join(',');
  const allowed = 'whole percentages from 1 to 100, strictly increasing, ending at 100 (for example 5,10,25,50,100)';
  if (items.length === 0) throw new InputError(input, raw, allowed);
  const weights = items.map((item) => (/^\d+$/.test(item) ? Number(item) : Number.NaN));
  const bad = items.find((_, i) => !Number.isInteger(weights[i]) || (weights[i] ?? 0) < 1 || (weights[i] ?? 0) > 100);
  if (bad !== undefined)
    throw new InputError(input, raw, allowed, { hint: `'${bad}' is not a whole percentage from 1 to 100.` });
  for (let i = 1; i < weights.length; i++) {
    if ((weights[i] ?? 0) <= (weights[i - 1] ?? 0)) {
      throw new InputError(input, raw, allowed, {
        hint: `Stage ${i + 1} (${weights[i]}%) does not increase on stage ${i} (${weights[i - 1]}%).`,
      });
    }
  }
  if (weights.at(-1) !== 100)
    throw new InputError(input, raw, allowed, { hint: 'The last stage must be 100: it is the promotion.' });
  return weights;
}
