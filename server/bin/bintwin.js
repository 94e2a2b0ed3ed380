#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: register tsx's ESM loader in this process, then
// import the real entry point. Registering in-process (rather than `node --import tsx`) keeps
// `npx bintwin` and `npm start` working without extra flags.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
