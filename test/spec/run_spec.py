#!/usr/bin/env python3
"""Runs the official WebAssembly spec test suite through wasmkiln-spec.

Converts each core .wast file that wabt 1.0.32's wast2json handles (see the
suite's MANIFEST.tsv) into a work directory, runs wasmkiln-spec on it (several
files in parallel), and prints a per-file table and the closing line
"N passed, N failed, N skipped". Nothing is cached between runs.

With --suite pointing at ../shared/wasm-testsuite-3 (the WebAssembly 3.0
suite, already converted to JSON by a newer wast2json; recognised by its
json/ folder) the files are run as converted, without wast2json: every
non-GC file of the root, legacy/ and the wide-arithmetic and custom-page-sizes
proposals, and proposals/threads (GC belongs to another issue; see
GC_FILES). The threads files predate 3.0 and 2.0's reference types: they
run with THREADS_DISABLE, under which their 11 assertions that contradict
3.0 (several memories or tables invalid, a 2^32 memory bound malformed)
hold.

  run_spec.py --suite ../shared/wasm-testsuite --runner build/bin/wasmkiln-spec \
      --work build/spec [--bounds-checks explicit] [--only memory,address] \
      [--markdown docs/conformance-table.md] [--known-failures FILE] \
      [--aot --aot-files] [--opt-level 1]

--aot passes --aot to the runner: every module goes through the
ahead-of-time path (object, lld-linked shared object, dlopen) instead of the
JIT. --aot-files selects the AOT_FILES subset (memory, traps, conversions,
float and SIMD files) that CI runs that way.

--target T (with --aot and --target-runner build/bin/T/wasmkiln-spec-run)
runs that path for another target: the runner compiles each file's modules
into shared objects for T and writes a plan of the commands (--cross-dir),
then the target's runner executes the plan under qemu-ARCH -L /usr/T (one
QEMU process per file); the two closing lines are added (docs/cross.md).

The 2.0 suite runs under 2.0's rules: the runner gets --disable=3.0 (every
3.0 feature off, so for example a second memory is invalid and a memory
index is a zero byte again); the 3.0 suite checks what 3.0 changed. --disable
overrides it ("" for every feature on).

--known-failures names a file listing, one per line ("name  # reason"), the
spec files that are known not to pass yet. They still run and are reported;
only failures outside the list make the exit status non-zero, and a listed
file that now passes is reported so that the list only ever shrinks.
docs/conformance.md shows the current list with its reasons.
"""
import argparse
import concurrent.futures
import csv
import os
import re
import shutil
import subprocess
import sys
import time

# Files whose behaviour depends on the bounds-check mode; run in both modes.
MEMORY_FILES = [
    "address", "align", "bulk", "endianness", "float_memory", "left-to-right",
    "load", "memory", "memory_copy", "memory_fill", "memory_grow",
    "memory_init", "memory_redundancy", "memory_size", "memory_trap", "store",
    "data", "simd_address", "simd_align", "simd_load", "simd_store",
    "simd_load_lane", "simd_store_lane", "simd_load_splat", "simd_load_zero",
    "simd_load_extend",
]

# Files that CI also runs through the AOT path (both bounds-check modes).
AOT_FILES = [
    "address", "align", "bulk", "conversions", "endianness", "f32",
    "f32_bitwise", "f32_cmp", "f64", "f64_bitwise", "f64_cmp", "float_exprs",
    "float_literals", "float_memory", "float_misc", "left-to-right", "load",
    "memory", "memory_copy", "memory_fill", "memory_grow", "memory_init",
    "memory_redundancy", "memory_size", "memory_trap", "store", "traps",
    # names: exported symbol names with every ASCII character ('@' once broke
    # linking a shared object).
    "names",
    # the threads proposal's atomic operations
    "atomic",
]  # plus every simd_* file


def is_aot_file(name):
    return name in AOT_FILES or name.startswith("simd_")


# 3.0 suite files (by name, without .json) that test GC, which wabt cannot
# convert and no issue of this round covers; the suite's README lists them.
GC_FILES = {
    "array", "array_copy", "array_fill", "array_init_data", "array_init_elem",
    "array_new_data", "array_new_elem", "binary-gc", "br_on_cast",
    "br_on_cast_fail", "extern", "i31", "ref_cast", "ref_eq", "ref_test",
    "struct", "type-canon", "type-rec", "type-subtyping",
}

# 3.0 files that CI also runs through the AOT path: memories (32- and 64-bit,
# several), exceptions, tail calls, SIMD and relaxed SIMD.
AOT_FILES_3 = re.compile(
    r"^(address|align|bulk|data|endianness|float_memory|load|memory|store|"
    r"traps|start|simd_|relaxed_|i8x16_relaxed|i16x8_relaxed|i32x4_relaxed|"
    r"return_call|tag|throw|try_table|rethrow|try_catch|try_delegate|"
    r"wide-arithmetic|atomic)")

# The features the threads proposal's files were written without.
THREADS_DISABLE = "multi-memory,memory64,reference-types"


def is_suite3(suite):
    return os.path.isdir(os.path.join(suite, "json"))


def suite3_files(suite):
    """Converted 3.0 files in scope, as paths relative to json/."""
    root = os.path.join(suite, "json")
    files = []
    for dirpath, _, names in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for n in names:
            if n.endswith(".json") and n[:-5] not in GC_FILES:
                files.append(os.path.join(rel, n))
    return sorted(files)


SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", re.M)


THREADS_DIR = "proposals/threads/"


def core_files(suite):
    """Core files wast2json converts, from MANIFEST.tsv, and the threads
    proposal's (converted with --enable-threads)."""
    with open(os.path.join(suite, "MANIFEST.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["path"] for r in rows
            if (r["path"].startswith("core/") or
                r["path"].startswith(THREADS_DIR))
            and r["wast2json_ok"] == "yes"]


def file_name(suite, rel):
    """How a file is named in the results: core/x.wast is x, others keep
    their folder (proposals/threads/memory beside memory)."""
    if is_suite3(suite):
        return os.path.dirname(rel)  # legacy/throw beside throw
    stem = os.path.splitext(rel)[0]
    return stem[len("core/"):] if stem.startswith("core/") else stem


def run_one(args, rel):
    name = file_name(args.suite, rel)
    mode = (("aot-" if args.aot else "") +
            (args.target + "-" if args.target else "") + args.bounds_checks)
    if is_suite3(args.suite):
        json_path = os.path.join(args.suite, "json", rel)
    else:
        out_dir = os.path.join(args.work, mode, name)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        json_path = os.path.join(out_dir, os.path.basename(name) + ".json")
        flags = ["--enable-threads"] if rel.startswith(THREADS_DIR) else []
        conv = subprocess.run(
            ["wast2json"] + flags + [os.path.join(args.suite, rel), "-o",
                                     json_path],
            capture_output=True, text=True)
        if conv.returncode != 0 or "error:" in conv.stderr:
            return name, None, "wast2json failed: " + conv.stderr.strip()[:500]
    command = [args.runner, json_path, "--bounds-checks=" + args.bounds_checks]
    if args.aot:
        command.append("--aot")
    if args.opt_level is not None:
        command.append("-O%d" % args.opt_level)
    disable = args.disable
    if disable is None and rel.startswith(THREADS_DIR):
        disable = THREADS_DISABLE
    elif disable is None and not is_suite3(args.suite):
        disable = "3.0"
    if disable:
        command.append("--disable=" + disable)
    commands = [command]
    if args.target:
        cross_dir = os.path.join(args.work, "cross", mode, name)
        shutil.rmtree(cross_dir, ignore_errors=True)
        command += ["--target=" + args.target, "--cross-dir=" + cross_dir]
        arch = args.target.split("-")[0]
        commands.append(["qemu-" + arch, "-L", "/usr/" + args.target,
                         args.target_runner,
                         os.path.join(cross_dir, "plan.txt")])
    start = time.time()
    counts = (0, 0, 0)
    failures = []
    for step in commands:
        try:
            proc = subprocess.run(
                step, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return name, None, "timed out after %ds" % args.timeout
        match = SUMMARY.search(proc.stdout)
        if not match:
            detail = (proc.stdout[-1500:] + proc.stderr[-1500:]).strip()
            return name, None, "%s died (exit %d): %s" % (
                os.path.basename(step[0]), proc.returncode, detail)
        counts = tuple(a + int(b) for a, b in zip(counts, match.groups()))
        failures += [l for l in proc.stdout.splitlines() if not SUMMARY.match(l)]
    elapsed = time.time() - start
    return name, counts + (elapsed,), "\n".join(failures)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--bounds-checks", default="guard",
                        choices=["guard", "explicit"])
    parser.add_argument("--only", help="comma-separated file names (no .wast)")
    parser.add_argument("--memory-files", action="store_true",
                        help="only the files that depend on the bounds-check mode")
    parser.add_argument("--aot", action="store_true",
                        help="compile through the AOT path (runner --aot)")
    parser.add_argument("--aot-files", action="store_true",
                        help="only the files CI runs through the AOT path")
    parser.add_argument("--target",
                        help="with --aot: compile for this target and run "
                             "under QEMU through --target-runner")
    parser.add_argument("--target-runner",
                        help="wasmkiln-spec-run built for --target")
    parser.add_argument("--opt-level", type=int, choices=range(4),
                        help="runner optimisation level (-O); runner default if absent")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--markdown", help="write the per-file table here")
    parser.add_argument("--max-failures-shown", type=int, default=20)
    parser.add_argument("--disable",
                        help="features the runner disables (default: 3.0 for "
                             "the 2.0 suite, none for the 3.0 suite)")
    parser.add_argument("--known-failures",
                        help="file listing spec files known not to pass yet")
    args = parser.parse_args()
    if args.target and not (args.aot and args.target_runner):
        parser.error("--target needs --aot and --target-runner")
    known = {}
    if args.known_failures and os.path.exists(args.known_failures):
        with open(args.known_failures) as f:
            for line in f:
                name, _, reason = line.partition("#")
                if name.strip():
                    known[name.strip()] = reason.strip()

    suite3 = is_suite3(args.suite)
    files = suite3_files(args.suite) if suite3 else core_files(args.suite)
    wanted = None
    if args.only:
        wanted = set(args.only.split(","))
    elif args.memory_files:
        wanted = set(MEMORY_FILES)
    basename = lambda f: os.path.splitext(os.path.basename(f))[0]
    if wanted is not None:
        files = [f for f in files
                 if basename(f) in wanted or os.path.dirname(f) in wanted]
    if args.aot_files:
        aot = (lambda n: AOT_FILES_3.match(n)) if suite3 else is_aot_file
        files = [f for f in files if aot(basename(f))]
    if not files:
        print("no test files selected", file=sys.stderr)
        return 2

    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, counts, detail in pool.map(lambda f: run_one(args, f), files):
            results[name] = (counts, detail)

    total = [0, 0, 0]
    broken = 0
    unexpected = []
    now_passing = []
    rows = []
    for name in sorted(results):
        counts, detail = results[name]
        note = known.get(name, "")
        if counts is None:
            broken += 1
            if name not in known:
                unexpected.append(name)
            print("%s: ERROR %s%s" % (name, detail, " (known)" if name in known else ""))
            rows.append("| %s | - | - | - | %s |" % (name, (note or detail.splitlines()[0])[:100]))
            continue
        passed, failed, skipped, elapsed = counts
        total[0] += passed
        total[1] += failed
        total[2] += skipped
        rows.append("| %s | %d | %d | %d | %s |" % (name, passed, failed, skipped,
                                                    note if failed else ""))
        if not failed and name in known:
            now_passing.append(name)
        if failed and name not in known:
            unexpected.append(name)
        if failed:
            lines = detail.splitlines()
            print("%s: %d failed%s" % (name, failed, " (known)" if name in known else ""))
            for line in lines[:args.max_failures_shown]:
                print("    " + line)
            if len(lines) > args.max_failures_shown:
                print("    ... %d more" % (len(lines) - args.max_failures_shown))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| file | passed | failed | skipped | note |\n")
            f.write("|---|---:|---:|---:|---|\n")
            f.write("\n".join(rows) + "\n")
            f.write("| **total** | **%d** | **%d** | **%d** | %d files |\n"
                    % (total[0], total[1], total[2], len(results)))
    print("files: %d, runner errors: %d (bounds checks: %s%s%s)"
          % (len(results), broken, args.bounds_checks,
             ", AOT" if args.aot else "",
             ", " + args.target if args.target else ""))
    if now_passing:
        print("now passing, remove from %s: %s"
              % (args.known_failures, " ".join(now_passing)))
    if known:
        print("known failing files: %d; unexpected failures: %s"
              % (len(known), " ".join(unexpected) or "none"))
    # A runner error counts as one failure so the closing line never hides it.
    print("%d passed, %d failed, %d skipped" % (total[0], total[1] + broken, total[2]))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
