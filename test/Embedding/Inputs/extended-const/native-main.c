/* extended-const.test: the native build's main. */
#include "program.h"

void report(int (*run_fn)(int), int (*name_length_fn)(int));

int main(void) {
  report(run, name_length);
  return 0;
}
