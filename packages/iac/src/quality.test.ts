/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { Finding } from '@shipgate/findings';
import { parsePositionedYaml } from '@shipgate/manifests';
import labels from '../../../test/fixtures/iac/quality/labels.json' with { type: 'json' };
import { checkComposeSecurity, checkDockerfile, checkKubernetesReliability, checkKubernetesSecurity } from './index.js';

/**
 * The labelled quality set (test/fixtures/iac/quality): real-looking manifests, Compose files and Dockerfiles with
 * planted defects and tricky valid files. labels.json lists, per file, every finding expected as `rule@line`; a
 * finding counts as a true positive when the same rule is expected on the same line of the same file.
 */
const FIXTURES = import.meta.glob('../../../test/fixtures/iac/quality/*/*', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function findingsOf(name: string, text: string): Finding[] {
  if (name.startsWith('kubernetes/')) {
    const file = parsePositionedYaml(text, name, 'kubernetes');
    return [...checkKubernetesSecurity([file]), ...checkKubernetesReliability([file])];
  }
  if (name.startsWith('compose/')) return checkComposeSecurity(parsePositionedYaml(text, name, 'core'));
  return checkDockerfile(text, name);
}

interface Score {
  truePositives: number;
  expected: number;
  reported: number;
}

function score(): { byArea: Map<string, Score>; misses: string[]; extras: string[] } {
  const byArea = new Map<string, Score>();
  const misses: string[] = [];
  const extras: string[] = [];
  const expectedByFile = labels as Record<string, string[]>;
  for (const [path, text] of Object.entries(FIXTURES)) {
    const name = path.replace(/^.*\/quality\//, '');
    const expected = [...(expectedByFile[name] ?? [])];
    const area = name.split('/')[0]!;
    const s = byArea.get(area) ?? { truePositives: 0, expected: 0, reported: 0 };
    s.expected += expected.length;
    for (const finding of findingsOf(name, text)) {
      s.reported++;
      const key = `${finding.ruleId}@${finding.location?.line}`;
      const at = expected.indexOf(key);
      if (at === -1) extras.push(`${name}: ${key} ${finding.message}`);
      else {
        expected.splice(at, 1);
        s.truePositives++;
      }
    }
    misses.push(...expected.map((key) => `${name}: ${key}`));
    byArea.set(area, s);
  }
  return { byArea, misses, extras };
}

describe('the labelled quality set', () => {
  it('covers every fixture file with labels', () => {
    const names = Object.keys(FIXTURES).map((path) => path.replace(/^.*\/quality\//, ''));
    expect(names.sort()).toEqual(Object.keys(labels).sort());
  });

  it('finds every planted defect and nothing else (recall and precision per area)', () => {
    const { byArea, misses, extras } = score();
    for (const [area, s] of byArea) {
      const recall = s.expected === 0 ? 1 : s.truePositives / s.expected;
      const precision = s.reported === 0 ? 1 : s.truePositives / s.reported;
      console.log(
        `iac quality ${area}: recall ${(recall * 100).toFixed(1)}% (${s.truePositives}/${s.expected}), precision ${(precision * 100).toFixed(1)}% (${s.truePositives}/${s.reported})`,
      );
    }
    expect({ misses, extras }).toEqual({ misses: [], extras: [] });
  });
});
