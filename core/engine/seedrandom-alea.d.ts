// Types for seedrandom's Alea module on its own (@types/seedrandom types only the package's
// index, which also loads the other generators and node:crypto for its autoseeding).
declare module 'seedrandom/lib/alea.js' {
  interface AleaState {
    c: number;
    s0: number;
    s1: number;
    s2: number;
  }
  interface Alea {
    (): number;
    state(): AleaState;
  }
  function alea(seed: string, options: { state: true }): Alea;
  export default alea;
}
