/**
 * The advisories the emulator serves: real GitHub Advisory Database records in OSV format, vendored under
 * test/fixtures/osv/advisories (see the README there), each checked against the published OSV schema on load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '@shipgate/dependencies';
import { repoRoot } from '../paths.js';
import { osvSchemaErrors } from './osv-schema-check.js';

/** The folder of vendored records. */
export const ADVISORIES_DIR = join(repoRoot, 'test', 'fixtures', 'osv', 'advisories');

/** Every vendored record, by file name order. Throws when one does not match the OSV schema. */
export function loadAdvisories(dir = ADVISORIES_DIR): OsvRecord[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as OsvRecord;
      const errors = osvSchemaErrors(record);
      if (errors) throw new Error(`${name} is not a valid OSV record: ${errors}`);
      return record;
    });
}
