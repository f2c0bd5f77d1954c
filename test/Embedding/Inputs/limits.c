/* A C host that stops runaway guest code through the embedding API: fuel,
 * an interrupt from another thread, a per-call timeout, a memory cap. */
#include "spinner.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void *interrupter(void *arg) {
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  wk_instance_interrupt(arg);
  return NULL;
}

int main(void) {
  wk_instantiate_options options = {0};
  options.fuel = 1000;
  options.max_memory_pages = 4;
  wk_instance *inst;
  char err[256];
  if (spinner_instantiate_with(&inst, &options, err, sizeof err) != WK_OK) {
    printf("error: %s\n", err);
    return 1;
  }
  int32_t n = 0;
  wk_trap trap = spinner_count(inst, 500, &n);
  printf("count 500: %s %d, fuel left %lld\n", wk_trap_message(trap), n,
         (long long)wk_instance_fuel(inst));
  trap = spinner_count(inst, 600, &n);
  printf("count 600: %s\n", wk_trap_message(trap));
  wk_instance_set_fuel(inst, INT64_MAX);
  trap = spinner_count(inst, 600, &n);
  printf("refuelled: %s %d\n", wk_trap_message(trap), n);

  pthread_t thread;
  pthread_create(&thread, NULL, interrupter, inst);
  trap = spinner_spin(inst);
  pthread_join(thread, NULL);
  printf("spin: %s\n", wk_trap_message(trap));
  wk_instance_clear_interrupt(inst);

  wk_instance_set_timeout(inst, 30);
  trap = spinner_spin(inst);
  printf("spin: %s\n", wk_trap_message(trap));

  /* The expired timeout's flag stays until cleared (or re-armed). */
  int32_t old = 0;
  trap = spinner_grow(inst, 3, &old);
  printf("grow after timeout: %s\n", wk_trap_message(trap));
  wk_instance_set_timeout(inst, 0);
  trap = spinner_grow(inst, 3, &old);
  printf("grow 3: %s %d\n", wk_trap_message(trap), old);
  spinner_grow(inst, 1, &old);
  printf("grow 1 more: %d\n", old);
  spinner_free(inst);
  printf("freed\n");
  return 0;
}
