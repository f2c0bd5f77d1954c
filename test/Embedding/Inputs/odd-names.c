/* Host for odd-names.test: exports whose names contain NULs, collide once
 * sanitised, shadow the header's own functions, or would end a C comment. */
#include <stdio.h>

#include "odd.h"

int main(void) {
  char error[256];
  wk_instance *instance = NULL;
  if (odd_instantiate(&instance, NULL, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  int32_t a, nul_a, a_nul, a_dash;
  odd____results pair;
  if (odd_a(instance, &a) || odd__a(instance, &nul_a) ||
      odd_a_(instance, &a_nul) || odd_a__2(instance, &a_dash) ||
      odd___(instance, &pair))
    return 1;
  printf("%d %d %d %d %d %d\n", a, nul_a, a_nul, a_dash, pair.r0, pair.r1);
  printf("memory: %s\n", odd_free_2(instance) ? "found" : "missing");
  odd_free(instance);
  return 0;
}
