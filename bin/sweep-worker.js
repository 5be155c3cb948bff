// A worker thread of `elbsim sweep` and `elbsim check`. It runs the code the main thread chose
// (bin/elbsim.js sets ELBSIM_CLI): the compiled worker in dist-cli/, or the TypeScript worker
// through tsx, registered here because worker threads do not inherit the main thread's module
// hooks. Started from anything else (a test importing cli/ directly), it runs the TypeScript.
if (process.env.ELBSIM_CLI === 'compiled') {
  await import('../dist-cli/sweep-worker.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/sweep-worker.ts');
}
