// An out-of-bounds load three calls deep (source-lines.test): middle is
// inlined by clang -O2, load is not.
#include <stdint.h>

__attribute__((noinline)) int load(volatile int *p) {
  return *p + 1;
}

static inline int middle(volatile int *p) {
  return load(p) * 3;
}

int main(int argc, char **argv) {
  (void)argv;
  return middle((volatile int *)(uintptr_t)(argc * 0x40000000u));
}
