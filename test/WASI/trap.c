// A trap in a WASI program: message on stderr, status 134, and the output
// written before it is not lost.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: %wasmkiln %t.wasm -o %t
// RUN: %t > %t.out 2> %t.err; test $? -eq 134
// RUN: FileCheck %s < %t.out
// RUN: FileCheck --check-prefix=ERR %s < %t.err
// RUN: %wasmkiln run %t.wasm > /dev/null 2> %t.run.err; test $? -eq 134
// RUN: FileCheck --check-prefix=ERR %s < %t.run.err
//
// CHECK: before the trap
// ERR: wasm trap: unreachable
#include <stdio.h>

int main(void) {
  printf("before the trap\n");
  fflush(stdout);
  __builtin_trap();
}
