// V8's inlining budget for elbsim's processes (the CLI, its sweep worker threads, the benchmark's
// case process). A request's path is one deep tree of small calls (arrive, route, pick, allocAt,
// the deadline list, serve, the heap's push; complete, the histograms, release, free), and with
// V8's default budget (a function of at most 460 bytes of bytecode is inlined, at most 920 in all
// per optimized function) much of it stays out-of-line calls that also box every double they
// pass. A budget about three times larger inlines most of the tree: case (a) of the benchmark
// 0.85-0.88x the wall time and 0.91x the CPU (farm-bench medians of 12-14 pairs). Inlining does
// not change what the code computes (JavaScript numbers are IEEE doubles either way), so results
// are byte-identical with or without it. Imported first, before any simulation code is compiled.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-inlined-bytecode-size=1000');
setFlagsFromString('--max-inlined-bytecode-size-cumulative=3000');
