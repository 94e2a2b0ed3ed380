#!/usr/bin/env node
// `npm run soak`: registers tsx's loader (Node 20 cannot run TypeScript itself), then starts the soak.
import { register } from 'tsx/esm/api';

register();
await import('../soak/main.ts');
