# lit configuration for wasmkiln's regression tests.
#
# Each test is a .wat (or .c) file with RUN lines: wat2wasm or clang-19
# produces the module, wasmkiln compiles it, and FileCheck checks the output.
import os
import shutil
import subprocess

import lit.formats

config.name = "wasmkiln"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".wat", ".c", ".test"]
config.excludes = ["Inputs", "unit", "spec-validate", "CMakeLists.txt", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.wasmkiln_obj_root, "test")

llvm_bin = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [config.wasmkiln_tools_dir, llvm_bin, config.environment.get("PATH", "")])
# Produced programs see only granted environment variables; keep the test
# environment small and deterministic anyway.
config.environment["LC_ALL"] = "C"
# `wasmkiln run` caches compiled modules by default: never in the user's
# ~/.cache. Tests of the cache itself pass --cache=DIR of their own.
config.environment["XDG_CACHE_HOME"] = os.path.join(config.test_exec_root,
                                                    "cache-home")

config.substitutions.append(("%wasmkiln", os.path.join(config.wasmkiln_tools_dir, "wasmkiln")))
config.substitutions.append(("%clang-wasi", "clang-19 --target=wasm32-wasi -O2"))
# The same C program built natively: wasm builds' outputs are compared with it.
config.substitutions.append(("%clang-native", "clang-19 -O2"))
config.substitutions.append(("%shared", config.shared_dir))
config.substitutions.append(("%build", config.wasmkiln_obj_root))
config.substitutions.append(("%node", shutil.which("node") or "node"))
config.substitutions.append(("%python", config.python_executable))

if shutil.which("node"):
    config.available_features.add("node")
# gdb may debug where the kernel lets it trace (containers often do not).
if shutil.which("gdb") and "exited normally" in subprocess.run(
        ["gdb", "-nx", "-batch", "-ex", "run", "/bin/true"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True).stdout:
    config.available_features.add("gdb")
if shutil.which("valgrind"):
    config.available_features.add("valgrind")
# perf may record where the kernel lets this user open perf events.
if shutil.which("perf") and subprocess.run(
        ["perf", "record", "-q", "-o", "/dev/null", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("perf")
if os.path.isdir(config.shared_dir):
    config.available_features.add("shared")
# test/Cross runs aarch64 executables under QEMU (tools/setup.sh installs
# qemu-user; CI has it).
if shutil.which("qemu-aarch64"):
    config.available_features.add("qemu-aarch64")
if os.path.exists(os.path.join(config.wasmkiln_obj_root, "lib",
                               "aarch64-linux-gnu", "libwasmkiln-rt.a")):
    config.available_features.add("aarch64-runtime")
config.substitutions.append(("%qemu-aarch64", shutil.which("qemu-aarch64") or "qemu-aarch64"))

# The sanitizer configurations (WASMKILN_SANITIZE; build-san/ with ASan +
# UBSan, build-tsan/ with TSan): wasmkiln, its runtime and the executables it
# links carry the sanitizer. Its run-time options come from
# test/CMakeLists.txt (it says why). C hosts that link the instrumented
# runtime archives (test/Embedding) call `cc`: here that is the build's clang
# with the same sanitizer.
if config.sanitizer:
    config.available_features.add("sanitizer")
    config.available_features.add("sanitizer-" + config.sanitizer)
    name, _, value = config.sanitizer_env.partition("=")
    config.environment[name] = value
    if config.sanitizer == "address":
        config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
        flags = "-fsanitize=address,undefined -fno-sanitize-recover=undefined"
    else:
        flags = "-fsanitize=thread"
    wrappers = os.path.join(config.test_exec_root, "sanitizer-bin")
    os.makedirs(wrappers, exist_ok=True)
    for name, compiler in (("cc", config.c_compiler),
                           ("c++", config.cxx_compiler)):
        path = os.path.join(wrappers, name)
        with open(path, "w") as f:
            f.write('#!/bin/sh\nexec %s %s "$@"\n' % (compiler, flags))
        os.chmod(path, 0o755)
    config.environment["PATH"] = os.pathsep.join(
        [wrappers, config.environment["PATH"]])
# How often the thread tests repeat a run (test/WASI/threads.c): fewer
# under TSan, where each run takes many times as long.
tsan = config.sanitizer == "thread"
# gdb runs a program under ptrace, where LeakSanitizer cannot work: it
# aborts at exit, so %gdb turns leak checking off for the debugged program.
gdb = "gdb -nx -batch"
if config.sanitizer == "address":
    gdb = "env %s:detect_leaks=0 %s" % (config.sanitizer_env, gdb)
config.substitutions.append(("%gdb", gdb))
config.substitutions.append(("%many", "3" if tsan else "50"))
config.substitutions.append(("%some", "2" if tsan else "20"))

# Cross configuration (`--param target=aarch64-linux-gnu`, the lit-aarch64
# ctest; docs/cross.md): the same tests, each module compiled for that
# target and every produced executable run under QEMU. %wasmkiln gains
# --target (`%wasmkiln run` stays the host's JIT, a reference to diff
# against), and a RUN line's command that is a test executable (%t or
# %t.<name> where a command starts) gets the emulator in front. Results go to
# a tree of their own so that both configurations can run at once.
cross_target = lit_config.params.get("target")
if cross_target:
    arch = cross_target.split("-")[0]
    qemu = shutil.which("qemu-" + arch)
    if not qemu:
        lit_config.fatal("qemu-%s not found: install qemu-user "
                         "(tools/setup.sh)" % arch)
    config.name = "wasmkiln-" + arch
    config.test_exec_root = os.path.join(config.wasmkiln_obj_root,
                                         "test-" + cross_target)
    config.available_features.add("cross")
    # lit puts "%dbg(RUN: at line N) " before each RUN line's commands.
    command_start = (r"((?:^|%dbg\([^)]*\))\s*|&&\s*|\|\s*|;\s*|%{\s*|"
                     r"\bnot\s+|\btimeout\s+\S+\s+|"
                     r"\benv(?:\s+\w+=(?:'[^']*'|\S*))*\s+)")
    config.substitutions.insert(
        0, (command_start + r"%t((?:\.\w+)?)(?=[\s;]|$)",
            r"\1%s %%t\2" % qemu))
    config.substitutions.insert(
        1, (r"%wasmkiln(?! run)",
            "%s --target=%s" % (os.path.join(config.wasmkiln_tools_dir,
                                             "wasmkiln"), cross_target)))
    config.substitutions.append(("%qemu", qemu))
