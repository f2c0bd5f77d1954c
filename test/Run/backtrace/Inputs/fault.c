// A trap three calls deep (source-lines.test): middle is inlined by clang
// -O2, fail is not. The first argument picks the trap: out of bounds
// (none), division by zero (div), unreachable (trap), stack exhaustion
// (deep).
#include <stdint.h>
#include <string.h>

static const char *kind = "";

__attribute__((noinline)) int deep(volatile int n) {
  return deep(n + 1) + 1;
}

__attribute__((noinline)) int fail(volatile int *p) {
  if (!strcmp(kind, "div"))
    return 7 / (int)(uintptr_t)p;
  if (!strcmp(kind, "trap"))
    __builtin_trap();
  if (!strcmp(kind, "deep"))
    return deep(0);
  return *p + 1;
}

static inline int middle(volatile int *p) {
  return fail(p) * 3;
}

int main(int argc, char **argv) {
  if (argc > 1)
    kind = argv[1];
  uintptr_t address = strcmp(kind, "div") ? 0x40000000u * (unsigned)argc : 0;
  return middle((volatile int *)address);
}
