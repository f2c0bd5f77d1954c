/* embedding.test: a WASI program built for aarch64 by the CMake package. */
#include <stdio.h>

int main(void) {
  int sum = 0;
  for (int i = 1; i <= 3; i++)
    sum += i;
  printf("hello from aarch64: %d\n", sum);
  return 0;
}
