#!/usr/bin/env bash
# Quick start, step two: every test, in three ctest configurations.
#  1. build/ (tools/bootstrap.sh made it): unit tests, lit, the spec suite
#     (JIT and AOT, both bounds-check modes), the WASI test suite.
#  2. build-san/: wasmkiln built with clang and ASan + UBSan
#     (WASMKILN_SANITIZE=ON): the compiler, the runtime and WASI libraries,
#     the tools, and through them the JIT'd instances and the executables
#     wasmkiln links. It runs the unit and lit suites again.
#  3. build-tsan/: the same with ThreadSanitizer (WASMKILN_SANITIZE=thread):
#     the unit tests and the lit tests that start threads.
# All run even when one fails; the exit status says whether all passed.
# WASMKILN_SKIP_SANITIZERS=1 runs the first only.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
ctest --test-dir build --output-on-failure -j2 || status=1

# $1: build directory, $2: WASMKILN_SANITIZE. -O1: the sanitizers' usual
# level, a much quicker build than -O3.
sanitizer_config() {
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_FLAGS_RELEASE=-O1 -DCMAKE_CXX_FLAGS_RELEASE=-O1 \
    -DWASMKILN_SANITIZE="$2" > /dev/null &&
    cmake --build "$1" &&
    ctest --test-dir "$1" --output-on-failure -j2
}

if [ "${WASMKILN_SKIP_SANITIZERS:-0}" != 1 ]; then
  sanitizer_config build-san ON || status=1
  sanitizer_config build-tsan thread || status=1
fi
exit $status
