/* Host for two-instances.test: two instances of counter.wasm. */
#include <stdio.h>

#include "counter.h"

static int32_t bump(wk_instance *instance, int32_t by) {
  int32_t result = -1;
  if (counter_bump(instance, by, &result) != WK_TRAP_NONE)
    return -1;
  return result;
}

int main(void) {
  char error[256];
  wk_instance *a = NULL, *b = NULL;
  if (counter_instantiate(&a, NULL, error, sizeof error) != WK_OK ||
      counter_instantiate(&b, NULL, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  printf("a: %d", bump(a, 1));
  printf(" %d", bump(a, 1));
  printf(" %d\n", bump(a, 1));
  printf("b: %d", bump(b, 10));
  printf(" %d\n", bump(b, 10));

  int32_t ignored;
  wk_trap trap = counter_divide(a, 1, 0, &ignored);
  printf("a trapped: %s\n", wk_trap_message(trap));
  trap = counter_peek(b, 70000, &ignored);
  printf("b trapped: %s\n", wk_trap_message(trap));

  printf("a after trap: %d\n", bump(a, 1));
  printf("b after trap: %d\n", bump(b, 10));
  wk_memory *memoryA = counter_memory(a), *memoryB = counter_memory(b);
  int32_t inA, inB;
  __builtin_memcpy(&inA, memoryA->base, 4);
  __builtin_memcpy(&inB, memoryB->base, 4);
  printf("memories differ: %s\n",
         memoryA->base != memoryB->base && inA == 4 && inB == 30 ? "yes" : "no");
  counter_free(a);
  counter_free(b);
  printf("freed\n");
  return 0;
}
