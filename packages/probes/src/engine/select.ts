import { ConfigError } from '@shipgate/core';
import type { ProbeDefinition } from '../model.js';

/**
 * Chooses the probes a suite runs. No suite, or `comprehensive`, runs every probe (a probe tagged
 * `comprehensive` is not needed); any other name (or comma-separated names) runs the probes carrying one of
 * those tags. A suite that selects nothing is an error listing the tags the file has.
 */
export function selectSuite(
  probes: readonly ProbeDefinition[],
  suite: readonly string[],
  file: string,
): ProbeDefinition[] {
  if (suite.length === 0 || suite.includes('comprehensive')) return [...probes];
  const chosen = probes.filter((probe) => probe.tags.some((tag) => suite.includes(tag)));
  if (chosen.length === 0) {
    const tags = [...new Set(probes.flatMap((p) => p.tags))].sort();
    throw new ConfigError(
      file,
      '',
      `has no probe tagged ${suite.map((s) => `'${s}'`).join(' or ')} (the 'suite' input)`,
      {},
      {
        hint: tags.length
          ? `Tags in the file: ${tags.join(', ')}. Or use suite: comprehensive to run every probe.`
          : 'No probe in the file has tags. Add tags, or leave suite empty to run every probe.',
      },
    );
  }
  return chosen;
}
