// A worker thread of `elbsim sweep` and `elbsim check`. Worker threads do not inherit the main
// thread's module hooks, so register tsx's loader here too before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('../cli/sweep-worker.ts');
