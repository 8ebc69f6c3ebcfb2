/** The probe-file parser: text in, the validated model out (see `parse-probe-file.ts`). */
export { parseProbeFile, type ParseProbeFileOptions } from './parse-probe-file.js';
export { PROBE_FILE_SCHEMA } from './probe-schema.js';
export { KIND_KEYS, STEP_KEYS } from './probe-keys.js';
