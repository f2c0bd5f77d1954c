// Atomics-heavy kernels (bench/parallel.py): the cost of wasm atomics and
// wait/notify against native C11 atomics and futexes. N operations in all,
// split across T threads, so every T gives the same result.
// Usage: atomics N T MODE, MODE one of
//   shared  every thread atomic_fetch_add(1)s one counter (contended);
//   local   each thread atomic_fetch_adds its own counter, one per cache
//           line (uncontended), summed at the end;
//   cas     compare-exchange loops adding a per-operation value to one
//           shared 64-bit word (retries under contention);
//   mutex   a futex mutex (wait/notify in wasm) around a plain 64-bit sum.
#include "threads.h"

#include <string.h>

typedef struct {
  _Alignas(64) atomic_uint own; // local: this thread's counter
  uint32_t first, last;         // operations [first, last)
} work;

static atomic_uint shared_counter;
static _Atomic uint64_t shared_sum;

// The value operation i adds in cas and mutex: a Knuth multiplicative hash,
// so a lost or doubled update changes the total.
static uint64_t value(uint32_t i) { return (uint64_t)(i * 2654435761u); }

static void add_shared(void *arg) {
  work *w = arg;
  for (uint32_t i = w->first; i < w->last; ++i)
    atomic_fetch_add(&shared_counter, 1);
}

static void add_local(void *arg) {
  work *w = arg;
  for (uint32_t i = w->first; i < w->last; ++i)
    atomic_fetch_add(&w->own, 1);
}

static void add_cas(void *arg) {
  work *w = arg;
  for (uint32_t i = w->first; i < w->last; ++i) {
    uint64_t seen = atomic_load(&shared_sum);
    while (!atomic_compare_exchange_weak(&shared_sum, &seen, seen + value(i)))
      ;
  }
}

// Drepper's futex mutex ("Futexes are tricky", mutex 2): 0 free, 1 held,
// 2 held with waiters.
static atomic_int lock;
static uint64_t locked_sum;

static void acquire(void) {
  int c = 0;
  if (atomic_compare_exchange_strong(&lock, &c, 1))
    return;
  if (c != 2)
    c = atomic_exchange(&lock, 2);
  while (c != 0) {
    futex_wait(&lock, 2);
    c = atomic_exchange(&lock, 2);
  }
}

static void release(void) {
  if (atomic_fetch_sub(&lock, 1) != 1) {
    atomic_store(&lock, 0);
    futex_wake(&lock, 1);
  }
}

static void add_locked(void *arg) {
  work *w = arg;
  for (uint32_t i = w->first; i < w->last; ++i) {
    acquire();
    locked_sum += value(i);
    release();
  }
}

int main(int argc, char **argv) {
  uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 1000000;
  int T = thread_count(argc, argv);
  const char *mode = argc > 3 ? argv[3] : "shared";
  static work parts[MAX_THREADS];
  for (int t = 0; t < T; ++t) {
    atomic_init(&parts[t].own, 0);
    parts[t].first = (uint32_t)((uint64_t)n * t / T);
    parts[t].last = (uint32_t)((uint64_t)n * (t + 1) / T);
  }
  uint64_t result;
  if (!strcmp(mode, "shared")) {
    run_threads(T, add_shared, parts, sizeof parts[0]);
    result = atomic_load(&shared_counter);
  } else if (!strcmp(mode, "local")) {
    run_threads(T, add_local, parts, sizeof parts[0]);
    result = 0;
    for (int t = 0; t < T; ++t)
      result += atomic_load(&parts[t].own);
  } else if (!strcmp(mode, "cas")) {
    run_threads(T, add_cas, parts, sizeof parts[0]);
    result = atomic_load(&shared_sum);
  } else if (!strcmp(mode, "mutex")) {
    run_threads(T, add_locked, parts, sizeof parts[0]);
    result = locked_sum;
  } else {
    fprintf(stderr, "unknown mode %s (shared, local, cas, mutex)\n", mode);
    return 1;
  }
  uint64_t expect = 0; // what a serial loop gives
  int sums_values = !strcmp(mode, "cas") || !strcmp(mode, "mutex");
  for (uint32_t i = 0; i < n; ++i)
    expect += sums_values ? value(i) : 1;
  printf("atomics %s %u: %llu %s\n", mode, n, (unsigned long long)result,
         result == expect ? "ok" : "WRONG");
  return 0;
}
