# lit configuration for wasmkiln's regression tests.
#
# Each test is a .wat (or .c) file with RUN lines: wat2wasm or clang-19
# produces the module, wasmkiln compiles it, and FileCheck checks the output.
import os
import shutil

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

config.substitutions.append(("%wasmkiln", os.path.join(config.wasmkiln_tools_dir, "wasmkiln")))
config.substitutions.append(("%clang-wasi", "clang-19 --target=wasm32-wasi -O2"))
config.substitutions.append(("%shared", config.shared_dir))
config.substitutions.append(("%build", config.wasmkiln_obj_root))
config.substitutions.append(("%node", shutil.which("node") or "node"))
config.substitutions.append(("%python", config.python_executable))

if shutil.which("node"):
    config.available_features.add("node")
if os.path.isdir(config.shared_dir):
    config.available_features.add("shared")

# The sanitizer configuration (WASMKILN_SANITIZE, build-san/): wasmkiln, its
# runtime and the executables it links carry ASan + UBSan. Their run-time
# options come from test/CMakeLists.txt (it says why). C hosts that link the
# instrumented runtime archives (test/Embedding) call `cc`: here that is
# the build's clang with the same sanitizers.
if config.asan_options:
    config.available_features.add("sanitizer")
    config.environment["ASAN_OPTIONS"] = config.asan_options
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
    wrappers = os.path.join(config.test_exec_root, "sanitizer-bin")
    os.makedirs(wrappers, exist_ok=True)
    for name, compiler in (("cc", config.c_compiler),
                           ("c++", config.cxx_compiler)):
        path = os.path.join(wrappers, name)
        with open(path, "w") as f:
            f.write('#!/bin/sh\nexec %s -fsanitize=address,undefined '
                    '-fno-sanitize-recover=undefined "$@"\n' % compiler)
        os.chmod(path, 0o755)
    config.environment["PATH"] = os.pathsep.join(
        [wrappers, config.environment["PATH"]])
