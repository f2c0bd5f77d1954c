// A C program exercising what C programs need from wasmkiln: printf,
// malloc/free, qsort with a function pointer, indirect calls, 64-bit and
// floating-point arithmetic, argv and the exit status. Its output must be
// byte-identical to Node's WASI.
//
// RUN: %clang-wasi %s -o %t.wasm -lm
// RUN: %wasmkiln %t.wasm -o %t.guard
// RUN: %t.guard one two > %t.guard.out; test $? -eq 3
// RUN: FileCheck %s < %t.guard.out
// RUN: %wasmkiln --bounds-checks=explicit -O0 %t.wasm -o %t.explicit
// RUN: %t.explicit one two > %t.explicit.out; test $? -eq 3
// RUN: diff %t.guard.out %t.explicit.out
// RUN: %if node %{ %node %S/../Inputs/node-wasi.mjs %t.wasm one two > %t.node.out; test $? -eq 3 %}
// RUN: %if node %{ diff %t.guard.out %t.node.out %}
//
// CHECK: argc=3 argv[1]=one argv[2]=two
// CHECK: sorted: -17 0 3 42 99 1000
// CHECK: strings: apple banana cherry
// CHECK: ops: 12 20 32 5
// CHECK: u64: 18446744073709551615 12297829382473034410
// CHECK: i64: -9223372036854775808 123456789012345678
// CHECK: mulhi: 7 3689348814741910325
// CHECK: double: 3.14159265358979 2.718281828459045 1.414213562373095
// CHECK: float: 0.333333343 inf nan
// CHECK: trig: 0.841470985 0.540302306 1.557407725
// CHECK: malloc: 499500 1000
// CHECK: struct: 24 8 aligned
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compareInts(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int compareStrings(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef int (*BinaryOp)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int quo(int a, int b) { return a / b; }

struct Record {
  char tag;
  double value;
  int count;
};

int main(int argc, char **argv) {
  printf("argc=%d argv[1]=%s argv[2]=%s\n", argc, argc > 1 ? argv[1] : "",
         argc > 2 ? argv[2] : "");

  int numbers[] = {42, -17, 1000, 0, 99, 3};
  qsort(numbers, 6, sizeof(int), compareInts);
  printf("sorted:");
  for (int i = 0; i < 6; i++)
    printf(" %d", numbers[i]);
  printf("\n");

  const char *fruit[] = {"cherry", "apple", "banana"};
  qsort(fruit, 3, sizeof(char *), compareStrings);
  printf("strings: %s %s %s\n", fruit[0], fruit[1], fruit[2]);

  BinaryOp ops[] = {add, sub, mul, quo};
  volatile int a = 16, b = 4;
  printf("ops:");
  int args[][2] = {{8, 4}, {24, 4}, {8, 4}, {20, 4}};
  for (int i = 0; i < 4; i++)
    printf(" %d", ops[i](args[i][0] + (a - 16), args[i][1] + (b - 4)));
  printf("\n");

  volatile uint64_t big = UINT64_MAX;
  printf("u64: %llu %llu\n", (unsigned long long)big,
         (unsigned long long)(big / 3 * 2));
  volatile int64_t min = INT64_MIN;
  printf("i64: %lld %lld\n", (long long)min, 123456789012345678LL);
  volatile uint64_t x = 0xCCCCCCCCCCCCCCCDull;
  unsigned __int128 wide = (unsigned __int128)x * 9;
printf("mulhi: %llu %llu\n", (unsigned long long)(wide >> 64),
         (unsigned long long)wide);

  volatile double pi = 3.14159265358979;
  printf("double: %.15g %.16g %.16g\n", pi, exp(1.0), sqrt(2.0));
  volatile float third = 1.0f / 3.0f, zero = 0.0f;
  printf("float: %.9g %g %s\n", third, 1.0f / zero,
         isnan(zero / zero) ? "nan" : "number");
  volatile double one = 1.0;
  printf("trig: %.9f %.9f %.9f\n", sin(one), cos(one), tan(one));

  int *heap = malloc(1000 * sizeof(int));
  long sum = 0;
  for (int i = 0; i < 1000; i++)
    heap[i] = i;
  for (int i = 0; i < 1000; i++)
    sum += heap[i];
  heap = realloc(heap, 2000 * sizeof(int));
  printf("malloc: %ld %d\n", sum, heap[999] + 1);
  free(heap);

  struct Record *records = calloc(4, sizeof(struct Record));
  printf("struct: %zu %zu %s\n", sizeof(struct Record),
         (size_t)((char *)&records[0].value - (char *)&records[0]),
         ((uintptr_t)records % 8) == 0 ? "aligned" : "unaligned");
  free(records);
  return 3;
}
