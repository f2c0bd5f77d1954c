/* The article's host, in C instead of JavaScript or Python: it provides
 * external_number_printer to the module and calls its add(40, 2). */
#include <stdio.h>

#include "program.h"

/* env.external_number_printer, as the generated header declares it. */
void wkimport_env__external_number_printer(wk_instance *instance,
                                           int32_t number) {
  (void)instance;
  printf("Host Number Printer: %d\n", number);
}

int main(void) {
  char error[256];
  wk_instance *instance = NULL;
  if (program_instantiate(&instance, NULL, error, sizeof error) != WK_OK) {
    fprintf(stderr, "instantiation failed: %s\n", error);
    return 1;
  }
  int32_t result = 0;
  wk_trap trap = program_add(instance, 40, 2, &result);
  if (trap != WK_TRAP_NONE) {
    fprintf(stderr, "add trapped: %s\n", wk_trap_message(trap));
    return 1;
  }
  printf("Result: %d\n", result);
  program_free(instance);
  return 0;
}
