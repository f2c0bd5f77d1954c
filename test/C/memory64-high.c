// A freestanding memory64 C program (clang-19 --target=wasm64, no libc):
// grows its memory past 4 GiB and reads and writes bytes above 2^32 through
// ordinary C pointers, run through `wasmkiln run --invoke` in both
// bounds-check modes; past its 16 GiB default reservation, or past
// --max-memory, memory.grow fails.
//
// Compiled and linked in two steps: the clang driver would run the
// machine's wasm-opt (binaryen 108) after linking, which rejects the 64-bit
// function table a wasm64 link writes; no compiler-rt is needed.
// RUN: clang-19 --target=wasm64 -nostdlib -O2 -c %s -o %t.o
// RUN: wasm-ld-19 -m wasm64 --no-entry --export=touch_high --export=pages %t.o -o %t.wasm
// RUN: %wasmkiln run --invoke=pages %t.wasm | FileCheck %s --check-prefix=PAGES
// RUN: %wasmkiln run --invoke=touch_high %t.wasm 4294971392 1000 | FileCheck %s
// RUN: %wasmkiln run --bounds-checks=explicit --invoke=touch_high %t.wasm 4294971392 1000 | FileCheck %s
// RUN: %wasmkiln run --invoke=touch_high %t.wasm 17179869184 1 | FileCheck %s --check-prefix=PAST
// RUN: %wasmkiln run --max-memory=5G --invoke=touch_high %t.wasm 5368709120 1 | FileCheck %s --check-prefix=PAST
// PAGES: {{^}}2{{$}}
// CHECK: {{^}}1499500{{$}}
// PAST: {{^}}-1{{$}}

#include <stdint.h>

#define PAGE 65536ull

/* Sums `count` 64-bit words written at byte `at` (above 4 GiB if asked):
 * returns the sum, or -1 if memory cannot grow there. */
__attribute__((export_name("touch_high"))) int64_t touch_high(uint64_t at,
                                                              uint64_t count) {
  uint64_t end = at + count * 8;
  uint64_t have = __builtin_wasm_memory_size(0) * PAGE;
  if (end > have &&
      __builtin_wasm_memory_grow(0, (end - have + PAGE - 1) / PAGE) == (__SIZE_TYPE__)-1)
    return -1;
  volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)at;
  for (uint64_t i = 0; i < count; ++i)
    p[i] = i * 3 + 1;
  int64_t sum = 0;
  for (uint64_t i = 0; i < count; ++i)
    sum += (int64_t)p[i];
  return sum;
}

__attribute__((export_name("pages"))) uint64_t pages(void) {
  return __builtin_wasm_memory_size(0);
}
