#!/usr/bin/env node
// `npm run bench`: runs bench/main.ts through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../bench/main.ts');
