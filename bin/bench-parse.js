#!/usr/bin/env node
// `npm run bench:parse`: runs bench/parse-memory.ts through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../bench/parse-memory.ts');
