#!/usr/bin/env node
// `npm run bench`: registers tsx's loader (Node 20 cannot run TypeScript itself), then starts the benchmarks.
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
