// Line-buffered stdio through fd_write: the newline puts() appends is stored
// just before the imported call that writes the buffer. A regression test for
// the instance pointer once being marked noalias, which let LLVM drop that
// store at -O2 in guard mode.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: %wasmkiln %t.wasm -o %t.guard && %t.guard > %t.guard.out
// RUN: od -An -c %t.guard.out | FileCheck %s --check-prefix=BYTES
// RUN: FileCheck %s < %t.guard.out
// RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit && %t.explicit | FileCheck %s
// RUN: %wasmkiln run %t.wasm | FileCheck %s
//
// BYTES-NOT: \0
// CHECK: first line
// CHECK-NEXT: second line 2
// CHECK-NEXT: third
#include <stdio.h>

int main(void) {
  puts("first line");
  printf("second line %d\n", 2);
  fputs("third\n", stdout);
  return 0;
}
