#!/usr/bin/env node
// `npm run bench:extremes`: runs bench/extremes.ts through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../bench/extremes.ts');
