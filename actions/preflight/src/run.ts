import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import { systemAdapters, type DetectionAdapters } from '../../error-detection/src/adapters.js';
import { ACTION as DETECTION } from '../../error-detection/src/inputs.js';
import { detect } from '../../error-detection/src/run.js';
import { parseSettings as parseDetectionSettings } from '../../error-detection/src/settings.js';
import { ACTION as SCAN } from '../../security-scan/src/inputs.js';
import { scanRepository, SYSTEM_ADAPTERS, type ScanAdapters } from '../../security-scan/src/run.js';
import { parseSettings as parseScanSettings, sarifDestination } from '../../security-scan/src/settings.js';
import type { ACTION } from './inputs.js';
import { publish } from './publish.js';

/** The side effects of both parts: error-detection's tools and commands, security-scan's git and OSV. */
export interface PreflightAdapters {
  detection: DetectionAdapters;
  scan: ScanAdapters;
}

/**
 * Composition root: every input of both parts (each from the step and its own config section), every file they
 * name and the SARIF destination, checked before anything runs → security scan → error detection → one
 * summary, one SARIF log, one report, one decision: the step fails when either part fails its policy.
 */
export async function run(
  context: ActionContext<typeof ACTION.inputs>,
  env: NodeJS.ProcessEnv = process.env,
  adapters: PreflightAdapters = { detection: systemAdapters(), scan: SYSTEM_ADAPTERS },
): Promise<ActionOutcome> {
  // The SARIF file is preflight's own: the parts see no sarif-file step input.
  const hide = ['sarif-file'];
  const detection = context.part(DETECTION, { hide });
  const scan = context.part(SCAN, { hide });
  const detectionSettings = parseDetectionSettings(detection);
  const scanSettings = parseScanSettings(scan, env);
  const sarifFile = sarifDestination(context, context.inputs.get('sarif-file'), 'preflight.sarif');

  // The scan first: its tools are checked before anything runs, and the values it finds are masked before the
  // build command prints anything.
  const scanned = await scanRepository(scan, scanSettings, adapters.scan);
  const detected = await detect(detection, detectionSettings, env, adapters.detection);
  return publish(context, { detection: detected, scan: scanned, scanSettings, sarifFile });
}
