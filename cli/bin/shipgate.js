#!/usr/bin/env node
// The `shipgate` command: the committed CLI bundle, which runs the committed action bundles.
await import('../../dist/cli/index.js');
