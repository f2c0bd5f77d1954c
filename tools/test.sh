#!/usr/bin/env bash
# Quick start, step two: every test, in two ctest configurations.
#  1. build/ (tools/bootstrap.sh made it): unit tests, lit, the spec suite
#     (JIT and AOT, both bounds-check modes), the WASI test suite.
#  2. build-san/: wasmkiln built with clang and ASan + UBSan
#     (WASMKILN_SANITIZE): the compiler, the runtime and WASI libraries, the
#     tools, and through them the JIT'd instances and the executables
#     wasmkiln links. It runs the unit and lit suites again.
# Both run even when the first fails; the exit status says whether both
# passed. WASMKILN_SKIP_SANITIZERS=1 runs the first only.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
ctest --test-dir build --output-on-failure -j2 || status=1

if [ "${WASMKILN_SKIP_SANITIZERS:-0}" != 1 ]; then
  # -O1: ASan's usual level, a much quicker build than -O3.
  cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_FLAGS_RELEASE=-O1 -DCMAKE_CXX_FLAGS_RELEASE=-O1 \
    -DWASMKILN_SANITIZE=ON > /dev/null &&
    cmake --build build-san &&
    ctest --test-dir build-san --output-on-failure -j2 || status=1
fi
exit $status
