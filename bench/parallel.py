#!/usr/bin/env python3
"""Parallel benchmark (issue 24, item 5): builds the threaded programs in
bench/programs/parallel natively (pthreads) and for wasm32-wasi with
wasi-threads, compiles the wasm with wasmkiln in both bounds-check modes,
checks that every variant at every thread count prints what native prints
with one thread, and times native vs wasmkiln at T=1 and T=2: the speedup on
two cores and the cost of wasm atomics and wait/notify against native C11
atomics and futexes. A full run writes the `parallel` section of
docs/performance.md.

  bench/parallel.py               full run, rewrites the generated section
  bench/parallel.py --small       build, check outputs on tiny sizes (no timing)

Standard library only; hyperfine is installed with apt-get when missing and
run as root.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from common import (CLANG, PROGRAMS, ROOT, binary_note, default_wasmkiln,
                    ensure_tools, run, write_section)

SOURCES = os.path.join(PROGRAMS, "parallel")
# The tests' entry: sets the thread's stack pointer, calls thread_entry.
START = os.path.join(ROOT, "test", "WASI", "Inputs", "wasi_thread_start.S")

NATIVE_FLAGS = ["-O2", "-pthread"]
# As bench/run.py's first table, SIMD included (the native build gets SSE2).
# Debian's wasi-libc is single-threaded: --no-check-features lets it link
# into a module with atomics and a shared memory (threads.h says why that
# is sound here).
WASM_FLAGS = ["--target=wasm32-wasi", "-O2", "-msimd128", "-matomics",
              "-mbulk-memory"]
WASM_LINK_FLAGS = ["-Wl,--no-check-features", "-Wl,--shared-memory",
                   "-Wl,--import-memory", "-Wl,--export=wasi_thread_start"]
MIB = 1 << 20

# program -> the shared memory's maximum, sized for the full-run arguments.
PROGRAM_MEMORY = {"matmul": 64 * MIB, "hash": 64 * MIB, "atomics": 16 * MIB}

# kernel -> (program, full-run size, small-run size, extra arguments); the
# command is `program SIZE T EXTRA...`. Full runs take roughly 0.3-1 s
# natively with one thread on the reference machine.
KERNELS = {
    "matmul": ("matmul", 1280, 48, []),
    "hash": ("hash", 32, 1, []),
    "atomic add, shared": ("atomics", 50000000, 20000, ["shared"]),
    "atomic add, per thread": ("atomics", 50000000, 20000, ["local"]),
    "compare-exchange loop": ("atomics", 60000000, 20000, ["cas"]),
    "futex mutex": ("atomics", 30000000, 20000, ["mutex"]),
}
SCALING = ["matmul", "hash"]
VARIANTS = ["native", "wk-guard", "wk-explicit"]
THREADS = [1, 2]
# Spawn cost: `atomics 0 T shared` does no work; T=64 spawns and joins 63.
SPAWNED = 63


def build(program, out, wasmkiln):
    """Builds one program; returns {variant: executable}."""
    src = os.path.join(SOURCES, program + ".c")
    exe = os.path.join(out, program)
    run([CLANG] + NATIVE_FLAGS + [src, "-o", exe + ".native"])
    wasm = exe + ".wasm"
    run([CLANG] + WASM_FLAGS + WASM_LINK_FLAGS +
        [f"-Wl,--max-memory={PROGRAM_MEMORY[program]}", src, START,
         "-o", wasm])
    exes = {"native": exe + ".native"}
    for mode in ("guard", "explicit"):
        exes["wk-" + mode] = exe + ".wk-" + mode
        run([wasmkiln, "--bounds-checks=" + mode, wasm, "-o",
             exes["wk-" + mode]])
    return exes


def command(exes, variant, kernel, size, threads):
    program, _, _, extra = KERNELS[kernel]
    return [exes[program][variant], str(size), str(threads)] + extra


def check(kernel, exes, size, timeout):
    """Runs every variant at every T once; raises unless all print what
    native prints with one thread."""
    outs = {}
    for v in VARIANTS:
        for t in THREADS:
            cmd = command(exes, v, kernel, size, t)
            try:
                p = subprocess.run(cmd, capture_output=True, text=True,
                                   timeout=timeout)
            except subprocess.TimeoutExpired:
                raise RuntimeError(f"{kernel}/{v} T={t}: no exit after "
                                   f"{timeout} s: {' '.join(cmd)}")
            if p.returncode != 0:
                raise RuntimeError(f"{kernel}/{v} T={t} exited "
                                   f"{p.returncode}: {p.stderr.strip()}")
            outs[(v, t)] = p.stdout
    base = outs[("native", 1)]
    bad = [k for k in outs if outs[k] != base]
    if bad:
        raise RuntimeError(f"{kernel}: output differs from native T=1 "
                           f"{base!r}: " + "; ".join(
                               f"{v} T={t}: {outs[(v, t)]!r}"
                               for v, t in bad))
    if not base.strip() or "WRONG" in base:
        raise RuntimeError(f"{kernel}: bad output {base!r}")
    return base


def hyperfine(cmds, runs, rounds, warmup=1):
    """Medians of {name: argv}: hyperfine runs one command's runs back to
    back, so it is called `rounds` times with the order rotated and the
    samples are pooled (as bench/run.py does)."""
    names = list(cmds)
    samples = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            argv = ["hyperfine", "-N", "--warmup", str(warmup),
                    "--runs", str(runs), "--export-json", f.name,
                    "--style", "none"]
            for n in order:
                argv += ["-n", n, " ".join(cmds[n])]
            # Its outlier warnings go to stderr: shown only on a failure.
            p = subprocess.run(argv, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError("hyperfine failed: " + p.stderr.strip())
            with open(f.name) as j:
                for n, res in zip(order, json.load(j)["results"]):
                    samples[n] += res["times"]
    return {n: statistics.median(s) for n, s in samples.items()}


def time_kernel(kernel, exes, size, runs, rounds):
    """{(variant, T): median seconds}."""
    cmds = {f"{v} T={t}": command(exes, v, kernel, size, t)
            for v in VARIANTS for t in THREADS}
    med = hyperfine(cmds, runs, rounds)
    return {(v, t): med[f"{v} T={t}"] for v in VARIANTS for t in THREADS}


def spawn_cost(exes, runs):
    """Milliseconds that spawning and joining SPAWNED threads adds to a
    process, per variant (medians of `atomics 0 64` minus `atomics 0 1`)."""
    cmds = {f"{v} T={t}": [exes["atomics"][v], "0", str(t), "shared"]
            for v in VARIANTS for t in (1, SPAWNED + 1)}
    med = hyperfine(cmds, runs, 2, warmup=10)
    return {v: (med[f"{v} T={SPAWNED + 1}"] - med[f"{v} T=1"]) * 1e3
            for v in VARIANTS}


def table(times, kernels):
    lines = ["| kernel | variant | T=1 (s) | T=2 (s) | speedup T=1/T=2 | "
             "×native T=1 | ×native T=2 |", "|---|---|---|---|---|---|---|"]
    for k in kernels:
        t = times[k]
        for v in VARIANTS:
            ratios = ("| | |" if v == "native" else
                      f"| {t[(v, 1)] / t[('native', 1)]:.2f}× | "
                      f"{t[(v, 2)] / t[('native', 2)]:.2f}× |")
            lines.append(f"| {k if v == 'native' else ''} | {v} | "
                         f"{t[(v, 1)]:.3f} | {t[(v, 2)]:.3f} | "
                         f"{t[(v, 1)] / t[(v, 2)]:.2f}× " + ratios)
    return "\n".join(lines)


def machine():
    cpu = platform.processor()
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    clang = subprocess.run([CLANG, "--version"], capture_output=True,
                           text=True).stdout.splitlines()[0]
    hf = subprocess.run(["hyperfine", "--version"], capture_output=True,
                        text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores (nproc), Linux "
            f"{platform.release()}; {clang}; {hf}")


def report(args, times, spawn, load):
    sizes = "; ".join(f"{k} {KERNELS[k][1]}" for k in KERNELS)
    spawned = ", ".join(f"{v} {spawn[v]:.1f} ms" for v in VARIANTS)
    return (
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: median "
        f"of hyperfine -N, {args.rounds} rounds × {args.runs} runs after a "
        f"warm-up, order rotated each round. Load average (1 min) before "
        f"the run {load[0]:.1f}, after it {load[1]:.1f} (its own threads "
        f"included){'; ' + args.note if args.note else ''}.\n\n"
        f"Machine: {machine()}; wasmkiln {binary_note(args.wasmkiln)}.\n\n"
        f"Flags: native `clang-19 -O2 -pthread`; wasm `clang-19 "
        f"{' '.join(WASM_FLAGS)}` with a shared imported memory; wasmkiln "
        f"defaults. Sizes (`program SIZE T`): {sizes}.\n\n"
        "**Kernels that scale:**\n\n" + table(times, SCALING) + "\n\n"
        "**Atomics** (N operations in all, split across the threads):\n\n"
        + table(times, [k for k in KERNELS if k not in SCALING]) + "\n\n"
        f"Spawning and joining {SPAWNED} threads (`atomics 0 {SPAWNED + 1}` "
        f"minus `atomics 0 1`, medians of {2 * args.spawn_runs} runs): "
        f"{spawned}.\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true",
                    help="only build and check outputs on tiny sizes")
    ap.add_argument("--runs", type=int, default=6,
                    help="timed runs per command and round")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds (command order rotated between rounds)")
    ap.add_argument("--spawn-runs", type=int, default=100,
                    help="timed runs per round of the spawn-cost commands")
    ap.add_argument("--note", help="added to the report's first line, e.g. "
                    "what else ran on the machine")
    ap.add_argument("--wasmkiln", default=default_wasmkiln())
    ap.add_argument("--out-dir", help="build directory (default: a temp dir)")
    ap.add_argument("--report", default=os.path.join(ROOT, "docs",
                                                     "performance.md"),
                    help="markdown file whose `parallel` section is rewritten")
    ap.add_argument("--only", nargs="*", choices=list(KERNELS),
                    help="kernels to run (a full run with --only does not "
                    "write the report)")
    args = ap.parse_args()
    if not args.small:
        ensure_tools({"hyperfine": "hyperfine"})
    out = args.out_dir or tempfile.mkdtemp(prefix="wasmkiln-parallel-")
    os.makedirs(out, exist_ok=True)
    load = [os.getloadavg()[0]]

    kernels = args.only or list(KERNELS)
    exes, failed, times = {}, [], {}
    for program in sorted({KERNELS[k][0] for k in kernels} | {"atomics"}):
        exes[program] = build(program, out, args.wasmkiln)
    for k in kernels:
        _, full, small, _ = KERNELS[k]
        size = small if args.small else full
        try:
            check(k, exes, size, timeout=60 if args.small else 300)
        except RuntimeError as e:
            print(f"FAIL {k}: {e}", flush=True)
            failed.append(k)
            continue
        if args.small:
            print(f"ok   {k}: {', '.join(VARIANTS)} agree at T=1 and T=2",
                  flush=True)
            continue
        times[k] = t = time_kernel(k, exes, size, args.runs, args.rounds)
        print(f"{k:24s} " + "  ".join(
            f"{v} {t[(v, 1)]:.3f}/{t[(v, 2)]:.3f}s" for v in VARIANTS),
            flush=True)
    if failed:
        print("failed: " + ", ".join(failed))
        return 1
    if args.small:
        print(f"{len(kernels)} kernels agree")
        return 0
    spawn = spawn_cost(exes, args.spawn_runs)
    print("spawn " + "  ".join(f"{v} {spawn[v]:.1f} ms" for v in VARIANTS))
    load.append(os.getloadavg()[0])
    if not args.only:
        write_section(args.report, "parallel",
                      report(args, times, spawn, load),
                      by="bench/parallel.py")
        print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
