// Arguments, the granted environment only, standard output and error, and
// exit statuses (from main and from proc_exit), compiled and through
// `wasmkiln run`; grants given when compiling and through WASMKILN_GRANTS.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: %wasmkiln %t.wasm -o %t --env=GREETING=hi --env=EMPTY=
// RUN: env HOST_ONLY=leak %t one "two words" > %t.out 2> %t.err; test $? -eq 7
// RUN: FileCheck %s < %t.out
// RUN: FileCheck --check-prefix=ERR %s < %t.err
// RUN: env HOST_ONLY=leak %wasmkiln run --env=GREETING=hi --env=EMPTY= %t.wasm one "two words" > %t.run.out; test $? -eq 7
// RUN: diff %t.out %t.run.out
// Node's WASI agrees (argv[0] differs, and is not printed):
// RUN: %if node %{ env HOST_ONLY=leak %node %S/../Inputs/node-wasi.mjs --env=GREETING=hi --env=EMPTY= %t.wasm one "two words" > %t.node.out; test $? -eq 7 %}
// RUN: %if node %{ diff %t.out %t.node.out %}
// RUN: env HOST_ONLY=leak WASMKILN_GRANTS='env=LATE=1;inherit-env' %t exit > %t.late; test $? -eq 42
// RUN: FileCheck --check-prefix=LATE %s < %t.late
// RUN: %t exit 0; test $? -eq 0
//
// CHECK: argc=3
// CHECK-NEXT: argv[1]=one
// CHECK-NEXT: argv[2]=two words
// CHECK-NEXT: env GREETING=hi
// CHECK-NEXT: env EMPTY=
// CHECK-NEXT: envc=2
// CHECK-NEXT: HOST_ONLY=(unset)
// ERR: to stderr
// LATE: LATE=1
// LATE: HOST_ONLY=leak
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "exit") == 0) {
    if (argc == 3)
      return atoi(argv[2]);
    for (char **e = environ; *e; ++e)
      puts(*e);
    fflush(stdout);
    exit(42); // proc_exit
  }
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=%s\n", i, argv[i]);
  int count = 0;
  for (char **e = environ; *e; ++e, ++count)
    printf("env %s\n", *e);
  printf("envc=%d\n", count);
  const char *leak = getenv("HOST_ONLY");
  printf("HOST_ONLY=%s\n", leak ? leak : "(unset)");
  fprintf(stderr, "to stderr\n");
  return 7;
}
