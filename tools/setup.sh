#!/usr/bin/env bash
# Installs everything wasmkiln needs to build and test, from Debian 12's
# packages only. Idempotent: packages already present are skipped quickly.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build python3 git pkg-config
  llvm-19-dev clang-19 lld-19 liblld-19-dev llvm-19-tools libclang-rt-19-dev
  libclang-rt-19-dev-wasm32 wasi-libc wabt binaryen
  libgtest-dev libgmock-dev nodejs zlib1g-dev libzstd-dev libedit-dev
  libxml2-dev libcurl4-openssl-dev libffi-dev libncurses-dev
  # The compiler's allocator: LLVM's many small allocations and frees.
  libjemalloc-dev
  # test/Run/backtrace: gdb and perf walk compiled programs' stacks.
  gdb linux-perf
  # test/Run/debug/valgrind.test: valgrind reads the -g DWARF.
  valgrind
  # Cross compilation to aarch64 Linux (docs/cross.md): its C library and
  # gcc's start files for the static link, QEMU to run the tests.
  libc6-dev-arm64-cross libgcc-12-dev-arm64-cross qemu-user
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
