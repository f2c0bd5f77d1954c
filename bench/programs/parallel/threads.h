// spawn/join and futex-style wait/wake for the parallel benchmarks
// (bench/parallel.py), one interface for both builds so each kernel is the
// same source natively and in wasm:
//   native: pthreads, and Linux futexes for wait/wake;
//   wasm32: wasi-threads. Debian's wasi-libc has no threads build, so the
//           program spawns with the `wasi.thread-spawn` import itself; each
//           thread gets a stack malloc'd by the main thread, starts in
//           wasi_thread_start.S and is joined through an atomic done flag
//           with memory.atomic.wait32/notify (no spinning); a finished
//           thread parks (see thread_entry) until the process ends.
// The single-threaded wasi-libc is linked with --no-check-features, which
// is sound only because worker threads never call the C library: the main
// thread allocates before spawning and prints after joining; workers only
// compute.
#ifndef PARALLEL_THREADS_H
#define PARALLEL_THREADS_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAX_THREADS = 64 };

typedef void (*thread_fn)(void *arg);

#ifdef __wasm__

enum { THREAD_STACK = 64 * 1024 };

int32_t __wasi_thread_spawn(void *start_arg)
    __attribute__((import_module("wasi"), import_name("thread-spawn")));

typedef struct thread {
  char *stack_top; // first: wasi_thread_start.S loads it into __stack_pointer
  atomic_int done;
  thread_fn fn;
  void *arg;
  char *stack;
} thread;

// Blocks while *word == expected (or until woken); may return spuriously.
static inline void futex_wait(atomic_int *word, int expected) {
  __builtin_wasm_memory_atomic_wait32((int *)word, expected, -1);
}

static inline void futex_wake(atomic_int *word, int count) {
  __builtin_wasm_memory_atomic_notify((int *)word, (unsigned)count);
}

static atomic_int never_set;

// Called by wasi_thread_start.S in the new thread's instance. It never
// returns: wasm-ld wraps every export of a command module but _start in a
// call of __wasm_call_ctors before and __wasm_call_dtors after, so a
// returning wasi_thread_start would run wasi-libc's exit-time stdio flush
// in this thread, racing with the main thread's printf (output printed
// twice). A finished thread parks instead; the process ends with main.
void thread_entry(int32_t tid, thread *self) {
  (void)tid;
  self->fn(self->arg);
  atomic_store(&self->done, 1);
  futex_wake(&self->done, 1);
  for (;;)
    futex_wait(&never_set, 0);
}

static inline void spawn(thread *t, thread_fn fn, void *arg) {
  t->stack = malloc(THREAD_STACK);
  if (!t->stack) {
    fprintf(stderr, "out of memory for a thread stack\n");
    exit(2);
  }
  t->stack_top = t->stack + THREAD_STACK; // malloc aligns to 16
  atomic_init(&t->done, 0);
  t->fn = fn;
  t->arg = arg;
  if (__wasi_thread_spawn(t) <= 0) {
    fprintf(stderr, "thread-spawn failed\n");
    exit(2);
  }
}

// The parked thread keeps its stack: it is not freed.
static inline void join(thread *t) {
  while (!atomic_load(&t->done))
    futex_wait(&t->done, 0);
}

#else // native

#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef struct thread {
  pthread_t handle;
  thread_fn fn;
  void *arg;
} thread;

static inline void futex_wait(atomic_int *word, int expected) {
  syscall(SYS_futex, (int *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static inline void futex_wake(atomic_int *word, int count) {
  syscall(SYS_futex, (int *)word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

static void *thread_trampoline(void *self) {
  thread *t = self;
  t->fn(t->arg);
  return NULL;
}

static inline void spawn(thread *t, thread_fn fn, void *arg) {
  t->fn = fn;
  t->arg = arg;
  if (pthread_create(&t->handle, NULL, thread_trampoline, t) != 0) {
    fprintf(stderr, "pthread_create failed\n");
    exit(2);
  }
}

static inline void join(thread *t) { pthread_join(t->handle, NULL); }

#endif

// Runs fn(args + i * size) on T threads: T - 1 spawned, the last on the
// calling thread, then joins them.
static inline void run_threads(int T, thread_fn fn, void *args, size_t size) {
  thread threads[MAX_THREADS];
  for (int i = 0; i < T - 1; ++i)
    spawn(&threads[i], fn, (char *)args + i * size);
  fn((char *)args + (size_t)(T - 1) * size);
  for (int i = 0; i < T - 1; ++i)
    join(&threads[i]);
}

// The thread count from argv[2] (default 1), within 1..MAX_THREADS.
static inline int thread_count(int argc, char **argv) {
  int T = argc > 2 ? atoi(argv[2]) : 1;
  if (T < 1 || T > MAX_THREADS) {
    fprintf(stderr, "thread count must be 1..%d\n", MAX_THREADS);
    exit(1);
  }
  return T;
}

#endif
