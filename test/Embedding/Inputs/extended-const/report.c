/* extended-const.test: the output both builds print, from the program's
 * two functions (called directly natively, through the wasm host's
 * generated wrappers otherwise). */
#include <stdio.h>

void report(int (*run_fn)(int), int (*name_length_fn)(int)) {
  for (int k = 0; k < 5; ++k)
    printf("run(%d) = %d\n", k, run_fn(k));
  for (int i = 0; i < 4; ++i)
    printf("name_length(%d) = %d\n", i, name_length_fn(i));
}
