#include <stdio.h>

__attribute__((noinline)) int mix(int a, int b) {
  int acc = 0;
  for (int i = 0; i < a; i++)
    acc = acc * 31 + b + i;
  printf("%d\n", acc);
  return acc;
}

int main(int argc, char **argv) {
  (void)argv;
  return mix(argc + 3, argc * 7) & 1;
}
