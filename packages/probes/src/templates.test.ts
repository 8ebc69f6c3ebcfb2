import { describe, expect, it } from 'vitest';
import { ShipgateError } from '@shipgate/core';
import { findMalformedPlaceholder, findStepReferences, renderStepTemplate, substituteEnv } from './templates.js';

describe('findStepReferences', () => {
  it('lists each reference in order, repeats included', () => {
    expect(findStepReferences('/items/${steps.create.id}?v=${steps.read.etag}&again=${steps.create.id}')).toEqual([
      { step: 'create', capture: 'id' },
      { step: 'read', capture: 'etag' },
      { step: 'create', capture: 'id' },
    ]);
  });

  it('ignores env placeholders and plain text', () => {
    expect(findStepReferences('Bearer ${env:TOKEN} and $steps.x.y')).toEqual([]);
  });
});

describe('findMalformedPlaceholder', () => {
  it.each(['${env.TOKEN}', '${env:}', '${steps.create}', '${ steps.a.b }', 'x ${env:A', '${env:1A}'])(
    'finds %s',
    (text) => {
      expect(findMalformedPlaceholder(text)).toBeDefined();
    },
  );

  it('returns the offending text', () => {
    expect(findMalformedPlaceholder('ok ${env:A} then ${steps.create} end')).toBe('${steps.create}');
  });

  it.each(['${env:API_TOKEN}', '${steps.create.id}', '${environment}', '${HOME}', 'price: $5', '\\$\\{env'])(
    'accepts %s',
    (text) => {
      expect(findMalformedPlaceholder(text)).toBeUndefined();
    },
  );
});

describe('substituteEnv', () => {
  it('replaces every variable and records what it put in', () => {
    expect(substituteEnv('Bearer ${env:TOKEN} on ${env:HOST}/${env:TOKEN}', { TOKEN: 't0k', HOST: 'h' })).toEqual({
      text: 'Bearer t0k on h/t0k',
      variables: [
        { name: 'TOKEN', value: 't0k' },
        { name: 'HOST', value: 'h' },
        { name: 'TOKEN', value: 't0k' },
      ],
      missing: [],
    });
  });

  it('lists unset and empty variables once and leaves them in the text', () => {
    const result = substituteEnv('${env:A}-${env:B}-${env:A}-${env:toString}', { B: '' });
    expect(result.missing).toEqual(['A', 'B', 'toString']);
    expect(result.text).toBe('${env:A}-${env:B}-${env:A}-${env:toString}');
  });

  it('does not touch step references', () => {
    expect(substituteEnv('${steps.a.b}', {}).text).toBe('${steps.a.b}');
  });
});

describe('renderStepTemplate', () => {
  const captured = { create: { id: '42', etag: 'W/"1"' } };

  it('puts captured values in place', () => {
    expect(renderStepTemplate('/items/${steps.create.id}?e=${steps.create.etag}', captured)).toBe('/items/42?e=W/"1"');
  });

  it('inserts values literally, even when they look like replacement patterns', () => {
    expect(renderStepTemplate('${steps.create.id}', { create: { id: "$&$'" } })).toBe("$&$'");
  });

  it('throws a clear error for a step that captured nothing', () => {
    expect(() => renderStepTemplate('${steps.read.id}', captured)).toThrow(
      new ShipgateError("${steps.read.id} has no value: step 'read' has not run or captured nothing"),
    );
  });

  it('throws a clear error for a missing capture and lists the ones there are', () => {
    expect(() => renderStepTemplate('${steps.create.token}', captured)).toThrow(
      "${steps.create.token} has no value: step 'create' did not capture 'token' (it captured id, etag)",
    );
  });
});
