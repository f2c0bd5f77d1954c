#!/usr/bin/env bash
# Quick start, step one: installs the Debian packages, builds wasmkiln into
# build/, and compiles and runs the example program. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build

mkdir -p build/examples
clang-19 --target=wasm32-wasi -O2 examples/hello/hello.c -o build/examples/hello.wasm
build/bin/wasmkiln build/examples/hello.wasm -o build/examples/hello
echo "--- build/examples/hello:"
build/examples/hello
