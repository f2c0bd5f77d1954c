/* The quick-start example: a WASI program that wasmkiln turns into a native
 * executable. Built with: clang-19 --target=wasm32-wasi -O2 hello.c */
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv) {
  int numbers[] = {42, 7, 19, 3, 88, 1};
  size_t count = sizeof numbers / sizeof numbers[0];
  qsort(numbers, count, sizeof numbers[0], compare);
  printf("Hello from WebAssembly, compiled to native code by wasmkiln!\n");
  printf("sorted:");
  for (size_t i = 0; i < count; i++)
    printf(" %d", numbers[i]);
  printf("\nargs: %d\n", argc);
  return 0;
}
