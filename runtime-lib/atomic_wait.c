/*===- atomic_wait.c - memory.atomic.wait and notify (threads) -------------===*
 *
 * Waiters park in a fixed table of buckets keyed by address: each bucket
 * has a mutex and a FIFO list of the waiters of every address hashed to it,
 * each waiter its own condition variable, so a notify wakes exactly the
 * oldest `count` waiters of its address and nobody spins. The value check
 * and the enqueueing happen under the bucket's lock, and a notify takes the
 * same lock, so a notify that follows a store cannot be missed.
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

typedef struct waiter {
  struct waiter *next;
  const void *addr;
  pthread_cond_t cond;
  int woken;
} waiter;

typedef struct bucket {
  pthread_mutex_t lock;
  waiter *head, *tail;
} bucket;

#define NUM_BUCKETS 64
static bucket buckets[NUM_BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void init_buckets(void) {
  for (unsigned i = 0; i < NUM_BUCKETS; ++i)
    pthread_mutex_init(&buckets[i].lock, NULL);
}

static bucket *bucket_of(const void *addr) {
  pthread_once(&buckets_once, init_buckets);
  uintptr_t a = (uintptr_t)addr >> 2;
  return &buckets[(a ^ (a >> 6) ^ (a >> 12)) % NUM_BUCKETS];
}

static void unlink_waiter(bucket *b, waiter *w) {
  waiter **link = &b->head, *prev = NULL;
  while (*link && *link != w) {
    prev = *link;
    link = &(*link)->next;
  }
  if (!*link)
    return;
  *link = w->next;
  if (b->tail == w)
    b->tail = prev;
}

/* The absolute CLOCK_MONOTONIC time timeout_ns from now. */
static struct timespec deadline_after(int64_t timeout_ns) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t sec = timeout_ns / 1000000000, nsec = timeout_ns % 1000000000;
  now.tv_sec += sec;
  now.tv_nsec += nsec;
  if (now.tv_nsec >= 1000000000) {
    now.tv_nsec -= 1000000000;
    now.tv_sec += 1;
  }
  return now;
}

/* Blocks until notified or timed out; `equal` reads the current value and
 * compares it with the expected one, under the bucket's lock. */
static uint32_t wait_at(wk_memory *mem, void *addr, int64_t timeout_ns,
                        int (*equal)(void *, uint64_t), uint64_t expected) {
  if (!wk_rt_memory_of(mem)->shared)
    wk_raise_trap(WK_TRAP_EXPECTED_SHARED, NULL);
  bucket *b = bucket_of(addr);
  pthread_mutex_lock(&b->lock);
  if (!equal(addr, expected)) {
    pthread_mutex_unlock(&b->lock);
    return 1; /* "not-equal" */
  }
  if (timeout_ns == 0) {
    pthread_mutex_unlock(&b->lock);
    return 2; /* "timed-out" */
  }
  waiter w = {.addr = addr};
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&w.cond, &attr);
  pthread_condattr_destroy(&attr);
  if (b->tail)
    b->tail->next = &w;
  else
    b->head = &w;
  b->tail = &w;
  struct timespec deadline = deadline_after(timeout_ns > 0 ? timeout_ns : 0);
  int timed_out = 0;
  while (!w.woken && !timed_out) {
    int rc = timeout_ns < 0 ? pthread_cond_wait(&w.cond, &b->lock)
                            : pthread_cond_timedwait(&w.cond, &b->lock,
                                                     &deadline);
    timed_out = rc == ETIMEDOUT;
  }
  if (!w.woken)
    unlink_waiter(b, &w);
  pthread_mutex_unlock(&b->lock);
  pthread_cond_destroy(&w.cond);
  return w.woken ? 0 : 2;
}

static int equal32(void *addr, uint64_t expected) {
  return atomic_load((_Atomic uint32_t *)addr) == (uint32_t)expected;
}

static int equal64(void *addr, uint64_t expected) {
  return atomic_load((_Atomic uint64_t *)addr) == expected;
}

uint32_t wk_memory_atomic_wait32(wk_memory *mem, void *addr, uint32_t expected,
                                 int64_t timeout_ns) {
  return wait_at(mem, addr, timeout_ns, equal32, expected);
}

uint32_t wk_memory_atomic_wait64(wk_memory *mem, void *addr, uint64_t expected,
                                 int64_t timeout_ns) {
  return wait_at(mem, addr, timeout_ns, equal64, expected);
}

uint32_t wk_memory_atomic_notify(wk_memory *mem, void *addr, uint32_t count) {
  if (!wk_rt_memory_of(mem)->shared || count == 0)
    return 0;
  bucket *b = bucket_of(addr);
  uint32_t woken = 0;
  pthread_mutex_lock(&b->lock);
  waiter **link = &b->head, *prev = NULL;
  while (*link && woken < count) {
    waiter *w = *link;
    if (w->addr != addr) {
      prev = w;
      link = &w->next;
      continue;
    }
    *link = w->next;
    if (b->tail == w)
      b->tail = prev;
    w->woken = 1;
    pthread_cond_signal(&w->cond);
    ++woken;
  }
  pthread_mutex_unlock(&b->lock);
  return woken;
}
