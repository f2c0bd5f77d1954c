/* Host for shared-memory.test: two host threads, each with its own instance
 * of shared-counter.wasm, on one shared memory the host made from the
 * module's import limits. Both add to the counter with atomics; one waits
 * for the other's notify. Repeated for `rounds` (argv[1]) fresh pairs of
 * instances on the same memory, so a lost update or a lost wake-up shows
 * as a wrong total or a hang (the test runs under a timeout). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"

enum { ADDS = 20000 };

typedef struct worker {
  wk_memory *memory;
  int waits; /* 1: call await, else signal */
  int32_t result;
  wk_trap trap;
  wk_status status;
} worker;

static void *run(void *arg) {
  worker *w = arg;
  char err[256];
  wk_instance *instance = NULL;
  w->status =
      counter_instantiate_on(&instance, &w->memory, NULL, err, sizeof err);
  if (w->status != WK_OK) {
    fprintf(stderr, "instantiate: %s\n", err);
    return NULL;
  }
  w->trap = counter_add(instance, ADDS);
  if (w->trap == WK_TRAP_NONE)
    w->trap = w->waits ? counter_await(instance, &w->result)
                       : counter_signal(instance, &w->result);
  counter_free(instance);
  return NULL;
}

/* One round: returns 0 when both threads finished without a trap. */
static int round_trip(wk_memory *memory, long *woken) {
  worker workers[2] = {{memory, 1, 0, WK_TRAP_NONE, WK_OK},
                       {memory, 0, 0, WK_TRAP_NONE, WK_OK}};
  pthread_t threads[2];
  memset(memory->base + 4, 0, 8); /* the flags; no instance runs now */
  for (int i = 0; i < 2; ++i)
    if (pthread_create(&threads[i], NULL, run, &workers[i]) != 0)
      return -1;
  for (int i = 0; i < 2; ++i)
    pthread_join(threads[i], NULL);
  for (int i = 0; i < 2; ++i)
    if (workers[i].status != WK_OK || workers[i].trap != WK_TRAP_NONE) {
      fprintf(stderr, "worker %d: %s\n", i, wk_trap_message(workers[i].trap));
      return -1;
    }
  *woken += workers[0].result;
  return 0;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 100;
  char err[256];
  printf("imported memories: %u\n", counter_num_imported_memories());
  wk_memory *memory = counter_memory_create(0, 0, err, sizeof err);
  if (!memory) {
    printf("memory_create: %s\n", err);
    return 1;
  }
  printf("memory: %llu bytes, max %llu pages\n",
         (unsigned long long)memory->size,
         (unsigned long long)memory->max_pages);
  if (!counter_memory_create(1, 0, err, sizeof err))
    printf("memory 1: %s\n", err);

  /* An unshared memory does not match the shared import. */
  wk_limits unshared = {1, 2, 1, 0};
  wk_memory *plain = wk_memory_create(&unshared, 1, 0, err, sizeof err);
  wk_instance *instance = NULL;
  wk_status status =
      counter_instantiate_on(&instance, &plain, NULL, err, sizeof err);
  printf("unshared memory: %s\n", status == WK_ERR_UNLINKABLE ? err : "linked");
  wk_memory_free(plain);

  long woken = 0;
  for (int i = 0; i < rounds; ++i)
    if (round_trip(memory, &woken) != 0)
      return 1;
  int32_t total;
  memcpy(&total, memory->base, 4);
  printf("total: %s\n",
         total == (int32_t)rounds * 2 * ADDS ? "rounds * 2 * adds" : "wrong");
  if (total != (int32_t)rounds * 2 * ADDS)
    printf("  %d, expected %d\n", total, rounds * 2 * ADDS);
  fprintf(stderr, "waits ended by a notify: %ld of %d rounds\n", woken, rounds);
  wk_memory_free(memory);
  printf("done\n");
  return 0;
}
