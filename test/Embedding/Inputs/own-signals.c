/* Host for own-signals.test: it owns SIGSEGV, so it instantiates a module
 * compiled with explicit bounds checks without our signal handler. Traps
 * still come back as values, and its own handler stays installed. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "counter.h"

static void hostHandler(int sig) { (void)sig; }

int main(void) {
  struct sigaction mine, now;
  memset(&mine, 0, sizeof mine);
  mine.sa_handler = hostHandler;
  sigaction(SIGSEGV, &mine, NULL);

  wk_instantiate_options options = {0};
  options.no_signal_handlers = 1;
  wk_instance *instance = NULL;
  char error[256];
  if (counter_instantiate_with(&instance, &options, error, sizeof error) !=
      WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  int32_t value;
  wk_trap trap = counter_peek(instance, 70000, &value);
  printf("peek: %s\n", wk_trap_message(trap));
  trap = counter_divide(instance, 1, 0, &value);
  printf("divide: %s\n", wk_trap_message(trap));
  counter_bump(instance, 5, &value);
  printf("bump: %d\n", value);
  sigaction(SIGSEGV, NULL, &now);
  printf("SIGSEGV handler: %s\n", now.sa_handler == hostHandler ? "host's" : "replaced");
  counter_free(instance);
  return 0;
}
