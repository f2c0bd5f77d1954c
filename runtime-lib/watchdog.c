/*===- watchdog.c - Timeouts: one timer thread for all instances ----------===*
 *
 * wk_instance_set_timeout records a deadline; a single detached thread,
 * started on first use, sleeps until the earliest one and then sets that
 * instance's interrupt flag (WK_RT_INTERRUPT_TIMEOUT), which its code sees
 * at the next function entry or loop header. Deadlines use CLOCK_MONOTONIC.
 * The list is short (one entry per instance with a timeout) and guarded by
 * one mutex; wk_instance_free cancels under it, so the thread never touches
 * a freed instance. The thread blocks every signal, so process signals keep
 * going to the host's threads.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

typedef struct deadline {
  wk_instance *instance;
  struct timespec when;
  struct deadline *next;
} deadline;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeup;
static deadline *deadlines;
static int started; /* 1 running, -1 could not start */

static int before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec ||
         (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Fires every due deadline; returns the earliest one left, or NULL. */
static deadline *fire_due(const struct timespec *now) {
  deadline *earliest = NULL;
  for (deadline **link = &deadlines; *link;) {
    deadline *d = *link;
    if (!before(now, &d->when)) {
      wk_rt_interrupt(d->instance, WK_RT_INTERRUPT_TIMEOUT);
      *link = d->next;
      free(d);
      continue;
    }
    if (!earliest || before(&d->when, &earliest->when))
      earliest = d;
    link = &d->next;
  }
  return earliest;
}

static void *watch(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lock);
  for (;;) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    deadline *next = fire_due(&now);
    if (next) {
      struct timespec when = next->when;
      pthread_cond_timedwait(&wakeup, &lock, &when);
    } else {
      pthread_cond_wait(&wakeup, &lock);
    }
  }
  return NULL;
}

/* With the lock held. */
static int start_thread(void) {
  if (started)
    return started > 0 ? 0 : -1;
  started = -1;
  pthread_condattr_t attr;
  if (pthread_condattr_init(&attr) ||
      pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) ||
      pthread_cond_init(&wakeup, &attr))
    return -1;
  pthread_condattr_destroy(&attr);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_t thread;
  int failed = pthread_create(&thread, NULL, watch, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (failed)
    return -1;
  pthread_detach(thread);
  started = 1;
  return 0;
}

/* With the lock held. */
static void remove_deadline(wk_instance *instance) {
  for (deadline **link = &deadlines; *link; link = &(*link)->next)
    if ((*link)->instance == instance) {
      deadline *d = *link;
      *link = d->next;
      free(d);
      return;
    }
}

void wk_rt_watchdog_cancel(wk_instance *instance) {
  pthread_mutex_lock(&lock);
  remove_deadline(instance);
  pthread_mutex_unlock(&lock);
}

int wk_instance_set_timeout(wk_instance *instance, uint64_t ms) {
  if (!instance || instance->module->interrupt_checks == WK_CHECKS_NONE)
    return -1;
  pthread_mutex_lock(&lock);
  remove_deadline(instance);
  wk_rt_interrupt(instance, 0);
  int status = 0;
  if (ms) {
    deadline *d = malloc(sizeof *d);
    if (!d || start_thread()) {
      free(d);
      status = -1;
    } else {
      clock_gettime(CLOCK_MONOTONIC, &d->when);
      uint64_t secs = ms / 1000, nsec = (ms % 1000) * 1000000u;
      if (secs > (uint64_t)INT32_MAX * 64) /* far beyond any process life */
        secs = (uint64_t)INT32_MAX * 64;
      d->when.tv_sec += (time_t)secs;
      d->when.tv_nsec += (long)nsec;
      if (d->when.tv_nsec >= 1000000000L) {
        d->when.tv_sec += 1;
        d->when.tv_nsec -= 1000000000L;
      }
      d->instance = instance;
      d->next = deadlines;
      deadlines = d;
      pthread_cond_signal(&wakeup);
    }
  }
  pthread_mutex_unlock(&lock);
  return status;
}
