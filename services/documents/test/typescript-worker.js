// Loaded with `--require` by the documents worker pool's threads when the service runs from its
// TypeScript source (Jest): @swc/jest compiles the main thread only, so each worker registers ts-node
// (transpile-only, on SWC) with the service's tsconfig for itself. From dist, workers load plain .js
// and never see this file (rendering-pool.ts, workerEntry).
const { join } = require('node:path');
require('ts-node').register({ transpileOnly: true, swc: true, project: join(__dirname, '..', 'tsconfig.json') });
