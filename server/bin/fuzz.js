#!/usr/bin/env node
// `npm run fuzz`: registers tsx's loader (Node 20 cannot run TypeScript itself), then runs the fuzz targets.
import { register } from 'tsx/esm/api';

register();
const { fuzzMain } = await import('../fuzz/main.ts');
process.exit(await fuzzMain(process.argv.slice(2)));
