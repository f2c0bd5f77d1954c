#!/usr/bin/env python3
"""Runs the official WASI preview1 test suite against wasmkiln, two ways.

For every *.wasm under the suite's tests/{c,rust,assemblyscript}/testsuite/
wasm32-wasip1/ directories, with its JSON specification (args, env, root,
exit_code, stdout; defaults when absent):

  aot  compile with `wasmkiln` into an executable, the grants baked in
       (--dir=ROOT::/ and --env=K=V), then run it;
  run  `wasmkiln run` with the same grants.

The wasi-threads proposal's tests (tests/proposals/wasi-threads/*.wat and
*.c, the suite "wasi-threads") run the same way; some of them block reading
standard input until another thread ends the process, so theirs is a pipe
left open until the program ends. --suites picks suites (default: all).

The C tests (thread_spawn-simple.c) are built first with --clang, with the
directory's assembly (wasi_thread_spawn.S, the `wasi_thread_start` entry),
atomics and a shared imported memory. Debian's wasi-libc has no threads
build and declares no `__wasi_thread_spawn`, so the declaration of that
import is passed in (-include) and the single-threaded libc is linked with
--no-check-features: sound for these tests, whose spawned threads call into
libc only on an assert's failure path.

A test passes when the exit status equals exit_code and stdout starts with
the expected stdout. The suite is copied to a work directory first (tests
create and delete files under their root); *.cleanup files are removed
before and after each test. Standard input is a pipe closed right after
start. Prints one line per failure and "N passed, N failed".

  run_wasi_tests.py --suite ../shared/wasi-testsuite --wasmkiln build/bin/wasmkiln \
      --work build/wasi-testsuite [--mode aot,run] [--only NAME,...] \
      [--known-failures FILE] [--target TRIPLE --runner EMULATOR]

--target compiles the aot executables for another target (passed on to
wasmkiln) and --runner runs them (e.g. qemu-aarch64); use --mode aot then,
since `wasmkiln run` is the host's JIT.

--known-failures names a file listing tests ("suite/name  # reason") known
not to pass yet: they still run and are reported, but only failures outside
the list make the exit status non-zero; a listed test that passes is named
so the list only shrinks. docs/wasi.md shows the list with its reasons.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys

SUITES = ["c", "rust", "assemblyscript", "wasi-threads"]
# Suite name -> (directory under tests/, test file extensions).
SUITE_DIRS = {"wasi-threads": ("proposals/wasi-threads", (".wat", ".c"))}
# What wasi-libc's threads build declares in <wasi/api.h>.
THREAD_SPAWN_DECLARATION = """#include <stdint.h>
int32_t __wasi_thread_spawn(void *start_arg)
    __attribute__((import_module("wasi"), import_name("thread-spawn")));
"""
C_THREAD_FLAGS = ["--target=wasm32-wasi", "-O2", "-matomics", "-mbulk-memory"]
C_THREAD_LINK_FLAGS = ["-Wl,--no-check-features", "-Wl,--shared-memory",
                       "-Wl,--import-memory", "-Wl,--max-memory=16777216",
                       "-Wl,--export=wasi_thread_start"]
DEFAULTS = {"args": [], "env": {}, "root": None, "exit_code": 0, "stdout": ""}


def test_name(path):
    return os.path.splitext(os.path.basename(path))[0]


def find_tests(work, suites):
    tests = []
    for suite in suites:
        subdir, exts = SUITE_DIRS.get(suite, (suite + "/testsuite/wasm32-wasip1", (".wasm",)))
        directory = os.path.join(work, "tests", subdir)
        paths = [p for ext in exts for p in glob.glob(os.path.join(directory, "*" + ext))]
        for wasm in sorted(paths):
            spec = dict(DEFAULTS)
            spec["open_stdin"] = suite == "wasi-threads"
            spec_path = os.path.splitext(wasm)[0] + ".json"
            if os.path.exists(spec_path):
                with open(spec_path) as f:
                    spec.update(json.load(f))
            tests.append((suite, wasm, spec))
    return tests


def build_c_test(args, source):
    """Builds a wasi-threads C test into a module beside it: (path, error)."""
    directory = os.path.dirname(source)
    base = os.path.splitext(source)[0]
    header = base + ".spawn.h"
    with open(header, "w") as f:
        f.write(THREAD_SPAWN_DECLARATION)
    objects = [base + ".o"]
    commands = [[args.clang] + C_THREAD_FLAGS + ["-include", header, "-c", source,
                                                 "-o", objects[0]]]
    for asm in sorted(glob.glob(os.path.join(directory, "*.S"))):
        objects.append(os.path.splitext(asm)[0] + ".o")
        commands.append([args.clang] + C_THREAD_FLAGS + ["-c", asm, "-o", objects[-1]])
    wasm = base + ".wasm"
    commands.append([args.clang] + C_THREAD_FLAGS + C_THREAD_LINK_FLAGS + objects
                    + ["-o", wasm])
    for command in commands:
        try:
            proc = subprocess.run(command, capture_output=True, text=True,
                                  timeout=args.timeout)
        except OSError as e:
            return None, "cannot build: %s" % e
        if proc.returncode != 0:
            return None, "build failed: " + proc.stderr.strip()[:800]
    return wasm, None


def grants(wasm, spec):
    flags = []
    if spec.get("root"):
        root = os.path.join(os.path.dirname(wasm), spec["root"])
        flags.append("--dir=%s::/" % root)
    for key, value in spec.get("env", {}).items():
        flags.append("--env=%s=%s" % (key, value))
    return flags


def remove_cleanup_files(wasm, spec):
    if not spec.get("root"):
        return
    root = os.path.join(os.path.dirname(wasm), spec["root"])
    for path in glob.glob(os.path.join(root, "**", "*.cleanup"), recursive=True):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.remove(path)
            except FileNotFoundError:
                pass


def compile_test(args, wasm, spec):
    exe = os.path.splitext(wasm)[0] + ".exe"
    target = ["--target=" + args.target] if args.target else []
    proc = subprocess.run([args.wasmkiln, wasm, "-o", exe] + target + grants(wasm, spec),
                          capture_output=True, text=True, timeout=args.timeout)
    if proc.returncode != 0:
        return None, "compile failed: " + proc.stderr.strip()[:800]
    return exe, None


def run_test(args, wasm, spec, command):
    remove_cleanup_files(wasm, spec)
    stdin_read, stdin_write = os.pipe()
    try:
        proc = subprocess.Popen(command + [str(a) for a in spec["args"]],
                                stdin=stdin_read, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                cwd=os.path.dirname(wasm), env={})
        os.close(stdin_read)
        if not spec.get("open_stdin"):
            os.close(stdin_write)
            stdin_write = None
        stdout, stderr = proc.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return "timed out"
    finally:
        if stdin_write is not None:
            os.close(stdin_write)
        remove_cleanup_files(wasm, spec)
    stdout = stdout.decode("utf-8", "replace")
    problems = []
    if proc.returncode != spec["exit_code"]:
        problems.append("exit status %d, expected %d" % (proc.returncode, spec["exit_code"]))
    if not stdout.startswith(spec["stdout"]):
        problems.append("stdout %r does not start with %r" % (stdout[:200], spec["stdout"][:200]))
    if problems:
        return "; ".join(problems) + (" (stderr: %s)" % stderr.decode("utf-8", "replace").strip()[:300])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", required=True)
    parser.add_argument("--wasmkiln", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--mode", default="aot,run")
    parser.add_argument("--only", help="comma-separated test names (no .wasm)")
    parser.add_argument("--suites", default=",".join(SUITES),
                        help="comma-separated suites (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--known-failures",
                        help="file listing tests known not to pass yet")
    parser.add_argument("--target", help="compile for this target (aot)")
    parser.add_argument("--runner", help="run aot executables under this emulator")
    parser.add_argument("--clang", default="clang-19",
                        help="builds the C tests of the wasi-threads suite")
    args = parser.parse_args()
    known = set()
    if args.known_failures and os.path.exists(args.known_failures):
        with open(args.known_failures) as f:
            for line in f:
                name = line.partition("#")[0].strip()
                if name:
                    known.add(name)

    shutil.rmtree(args.work, ignore_errors=True)
    shutil.copytree(args.suite, args.work, symlinks=True)
    tests = find_tests(args.work, args.suites.split(","))
    if args.only:
        wanted = set(args.only.split(","))
        tests = [t for t in tests if test_name(t[1]) in wanted]
    modes = args.mode.split(",")
    passed = failed = 0
    unexpected, known_passing = [], set()

    def report(mode, suite, wasm, problem):
        nonlocal passed, failed
        name = "%s/%s" % (suite, test_name(wasm))
        if problem:
            failed += 1
            note = " (known)" if name in known else ""
            if name not in known:
                unexpected.append(mode + " " + name)
            print("FAIL %s %s: %s%s" % (mode, name, problem, note))
        else:
            passed += 1
            if name in known:
                known_passing.add(name)

    # C tests become modules first; one that does not build fails once.
    modules = []
    for suite, path, spec in tests:
        if path.endswith(".c"):
            wasm, error = build_c_test(args, path)
            if error:
                report("build", suite, path, error)
                continue
            path = wasm
        modules.append((suite, path, spec))
    tests = modules

    if "aot" in modes:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            built = list(pool.map(lambda t: compile_test(args, t[1], t[2]), tests))
        # Tests share their root directories: run them one at a time.
        for (suite, wasm, spec), (exe, error) in zip(tests, built):
            command = ([args.runner] if args.runner else []) + [exe]
            report("aot", suite, wasm, error or run_test(args, wasm, spec, command))
    if "run" in modes:
        for suite, wasm, spec in tests:
            command = [args.wasmkiln, "run"] + grants(wasm, spec) + [wasm]
            report("run", suite, wasm, run_test(args, wasm, spec, command))

    if known_passing:
        print("now passing, remove from %s: %s"
              % (args.known_failures, " ".join(sorted(known_passing))))
    if known:
        print("known failing tests: %d; unexpected failures: %s"
              % (len(known), ", ".join(unexpected) or "none"))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if not unexpected and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
