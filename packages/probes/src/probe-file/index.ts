/** The probe-file parser: text in, the validated model out (see `parse-probe-file.ts`). */
export { parseProbeFile, type ParseProbeFileOptions } from './parse-probe-file.js';
