// Mutual recursion by guaranteed tail calls (__attribute__((musttail))),
// direct and through function pointers, built with -mtail-call: clang emits
// return_call and return_call_indirect, and 10^8 of them must run in
// constant stack (a 64 KiB budget here) with the output of the native build.
//
// RUN: %clang-wasi -mtail-call %s -o %t.wasm
// RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=WASM
// WASM: return_call {{[0-9]+}}
// WASM: return_call_indirect
// The native build is named %t-native so that the cross configuration
// (lit.cfg.py) runs it as it is, not under the target's emulator.
// RUN: %clang-native %s -o %t-native
// RUN: %t-native 100000000 > %t.native.out
// RUN: %wasmkiln --max-stack=64K %t.wasm -o %t.guard
// RUN: %t.guard 100000000 > %t.guard.out
// RUN: diff %t.native.out %t.guard.out
// RUN: %wasmkiln --max-stack=64K --bounds-checks=explicit %t.wasm -o %t.explicit
// RUN: %t.explicit 100000000 > %t.explicit.out
// RUN: diff %t.native.out %t.explicit.out
// RUN: %wasmkiln run --max-stack=64K %t.wasm 100000000 > %t.jit.out
// RUN: diff %t.native.out %t.jit.out
// RUN: FileCheck %s < %t.guard.out
//
// CHECK: direct: even(100000000) = 1, odd = 0
// CHECK: indirect: even(100000000) = 1, odd = 0
// CHECK: sum(100000000) = 5000000050000000
// CHECK: collatz steps: 524

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int isOdd(uint32_t n);

__attribute__((noinline)) static int isEven(uint32_t n) {
  if (n == 0)
    return 1;
  __attribute__((musttail)) return isOdd(n - 1);
}

__attribute__((noinline)) static int isOdd(uint32_t n) {
  if (n == 0)
    return 0;
  __attribute__((musttail)) return isEven(n - 1);
}

// The same through a table of function pointers: return_call_indirect.
typedef int (*Step)(uint32_t n, int parity);
static int stepEven(uint32_t n, int parity);
static int stepOdd(uint32_t n, int parity);
static volatile Step steps[2] = {stepEven, stepOdd};

__attribute__((noinline)) static int stepEven(uint32_t n, int parity) {
  if (n == 0)
    return parity == 0;
  __attribute__((musttail)) return steps[1](n - 1, 1);
}

__attribute__((noinline)) static int stepOdd(uint32_t n, int parity) {
  if (n == 0)
    return parity == 0;
  __attribute__((musttail)) return steps[0](n - 1, 0);
}

// A 64-bit accumulator carried through the calls (C's musttail needs the
// same signature on both sides; the wasm tests vary it).
static uint64_t sumOdd(uint64_t n, uint64_t acc);

__attribute__((noinline)) static uint64_t sumEven(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc;
  __attribute__((musttail)) return sumOdd(n - 1, acc + n);
}

__attribute__((noinline)) static uint64_t sumOdd(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc;
  __attribute__((musttail)) return sumEven(n - 1, acc + n);
}

static int collatz(uint64_t n, int count);

__attribute__((noinline)) static int collatzOdd(uint64_t n, int count) {
  __attribute__((musttail)) return collatz(3 * n + 1, count + 1);
}

__attribute__((noinline)) static int collatz(uint64_t n, int count) {
  if (n == 1)
    return count;
  if (n & 1) {
    __attribute__((musttail)) return collatzOdd(n, count);
  }
  __attribute__((musttail)) return collatz(n / 2, count + 1);
}

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 1000;
  printf("direct: even(%u) = %d, odd = %d\n", n, isEven(n), isOdd(n));
  printf("indirect: even(%u) = %d, odd = %d\n", n, steps[0](n, 0),
         steps[1](n, 0));
  printf("sum(%u) = %llu\n", n, (unsigned long long)sumEven(n, 0));
  printf("collatz steps: %d\n", collatz(837799, 0));
  return 0;
}
