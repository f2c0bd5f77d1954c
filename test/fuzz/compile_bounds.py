#!/usr/bin/env python3
"""The compile-bounds ctest: compiles every shape of gen_shapes.SHAPES at its
default size with wasmkiln at -O2, in guard and explicit mode, and fails if a
compile fails or exceeds its time or peak-RSS bound.

A regression guard, not a benchmark. Each compile runs single-threaded
(-j1), --jobs of them at a time, measured by this script's own clock (wall
time) and by the kernel's rusage of the child (CPU time, peak RSS). The
bounds are the limits of issue 26 item 2, 60 s and 2 GiB, on the CPU time
of the compile, which is its wall time on an idle machine. The wall clock
gets five times that: on a shared 2-core machine at a load average of 13,
the slowest shape (call_chain, 26 s of CPU) took 136 s of wall time, and a
wall bound of 60 s would fail without any regression.
"""

import argparse
import concurrent.futures
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_shapes  # noqa: E402

MODES = ("guard", "explicit")


def compile_one(wasmkiln, wasm, mode, kill_after):
    """Returns (exit status, wall s, CPU s, peak RSS in MiB, stderr)."""
    cmd = [wasmkiln, "-c", "-O2", "-j1", f"--bounds-checks={mode}",
           str(wasm), "-o", str(wasm.with_suffix(f".{mode}.o"))]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # A blow-up must fail the test, not hang it: kill well past the bound.
    timer = threading.Timer(kill_after, proc.kill)
    timer.start()
    stderr = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, wall, cpu, usage.ru_maxrss / 1024.0, stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wasmkiln", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="bound on each compile's CPU time")
    parser.add_argument("--max-wall-seconds", type=float,
                        help="bound on its wall time (default: 5x the CPU's)")
    parser.add_argument("--max-rss-mb", type=float, default=2048.0)
    parser.add_argument("--only", nargs="*", help="shapes to run (default all)")
    parser.add_argument("--work", help="directory for the modules")
    args = parser.parse_args()

    names = args.only or list(gen_shapes.SHAPES)
    unknown = [n for n in names if n not in gen_shapes.SHAPES]
    if unknown:
        parser.error("unknown shapes: " + " ".join(unknown))
    work_dir = tempfile.TemporaryDirectory(dir=args.work)
    work = pathlib.Path(work_dir.name)
    max_wall = args.max_wall_seconds or 5 * args.max_seconds

    jobs = []
    for shape in names:
        func, size = gen_shapes.SHAPES[shape]
        wasm = work / f"{shape}.wasm"
        wasm.write_bytes(func(size))
        jobs += [(shape, size, wasm, mode) for mode in MODES]

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(compile_one, args.wasmkiln, wasm, mode,
                               2 * max_wall)
                   for _, _, wasm, mode in jobs]
        for (shape, size, wasm, mode), future in zip(jobs, futures):
            code, wall, cpu, rss, stderr = future.result()
            problems = []
            if code != 0:
                problems.append(f"exit {code}: {stderr.strip()[:300]}")
            if cpu > args.max_seconds:
                problems.append(f"over {args.max_seconds:g} s of CPU")
            if wall > max_wall:
                problems.append(f"over {max_wall:g} s of wall time")
            if rss > args.max_rss_mb:
                problems.append(f"over {args.max_rss_mb:g} MiB")
            failed += bool(problems)
            print(f"{shape:16} size {size:7} {wasm.stat().st_size:8} bytes "
                  f"{mode:8} {wall:7.2f} s wall {cpu:7.2f} s CPU "
                  f"{rss:6.0f} MiB  "
                  + ("FAIL " + "; ".join(problems) if problems else "ok"),
                  flush=True)
    print(f"{len(jobs) - failed} of {len(jobs)} compiles within bounds")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
