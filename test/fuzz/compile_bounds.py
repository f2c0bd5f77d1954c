#!/usr/bin/env python3
"""Compile-time bounds: every hostile shape of gen_shapes.SHAPES, at its
default size, compiles at -O2 in both bounds-check modes within a wall-clock
and peak-RSS bound (issue 26: a module under 1 MB in under 60 s and 2 GB).

A regression guard, not a benchmark: the bounds are generous for a loaded
2-core CI machine. Prints one line per shape and mode with its figures and
exits non-zero if a compile fails or exceeds a bound.

    compile_bounds.py --wasmkiln build/bin/wasmkiln --work DIR [-j 2]
"""

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_shapes  # noqa: E402

MODES = ("guard", "explicit")


def compile_one(wasmkiln, wasm, mode, out, timeout):
    """Compiles in a child whose wall time and peak RSS are measured here
    (wait4's rusage is the child's own)."""
    cmd = [wasmkiln, "-O2", "-j1", f"--bounds-checks={mode}", "-c", wasm,
           "-o", out]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return proc.returncode, seconds, rss_mb, stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wasmkiln", required=True)
    parser.add_argument("--work", required=True, help="scratch directory")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--max-rss-mb", type=float, default=2048.0)
    parser.add_argument("--only", nargs="*", help="these shapes only")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    jobs = []
    for name, (gen, size) in gen_shapes.SHAPES.items():
        if args.only and name not in args.only:
            continue
        wasm = os.path.join(args.work, f"{name}.wasm")
        data = gen(size)
        with open(wasm, "wb") as out:
            out.write(data)
        for mode in MODES:
            jobs.append((name, size, len(data), mode, wasm))

    # Twice the bound: a compile that takes longer has failed anyway.
    def run(job):
        name, _, _, mode, wasm = job
        out = os.path.join(args.work, f"{name}.{mode}.o")
        result = compile_one(args.wasmkiln, wasm, mode, out,
                             2 * args.max_seconds)
        if os.path.exists(out):
            os.remove(out)
        return result

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run, jobs))

    failures = 0
    for (name, size, nbytes, mode, _), (rc, secs, rss, err) in zip(jobs,
                                                                   results):
        verdict = "ok"
        if rc != 0:
            verdict = f"FAILED (exit {rc}): {err.strip()[:200]}"
        elif secs > args.max_seconds:
            verdict = f"FAILED: over {args.max_seconds:.0f} s"
        elif rss > args.max_rss_mb:
            verdict = f"FAILED: over {args.max_rss_mb:.0f} MB"
        failures += verdict != "ok"
        print(f"{name:18} size {size:7} {nbytes:8} bytes {mode:8} "
              f"{secs:6.2f} s {rss:7.0f} MB  {verdict}")
    print(f"{len(jobs) - failures} of {len(jobs)} compiles within "
          f"{args.max_seconds:.0f} s and {args.max_rss_mb:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
