/*===- wasi_clock.c - Clocks, randomness, process and scheduling ----------===*
 *
 * clock_res_get/clock_time_get for the four WASI clocks, random_get from the
 * kernel's getrandom, proc_exit (a WK_TRAP_EXIT unwinding to the runner),
 * proc_raise and sched_yield.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <sched.h>
#include <sys/random.h>
#include <time.h>

/* WASI clock id -> POSIX clock; -1 for ids that don't exist. */
static clockid_t host_clock(int32_t id) {
  switch (id) {
  case 0:
    return CLOCK_REALTIME;
  case 1:
    return CLOCK_MONOTONIC;
  case 2:
    return CLOCK_PROCESS_CPUTIME_ID;
  case 3:
    return CLOCK_THREAD_CPUTIME_ID;
  default:
    return (clockid_t)-1;
  }
}

int32_t WK_WASI_FN(clock_res_get)(wk_instance *inst, int32_t id, int32_t out) {
  clockid_t clock = host_clock(id);
  if (clock == (clockid_t)-1)
    return WE_INVAL;
  struct timespec ts;
  if (clock_getres(clock, &ts) != 0)
    return wasi_errno(errno);
  uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
  return wasi_store_u64(inst, (uint32_t)out, ns ? ns : 1);
}

int32_t WK_WASI_FN(clock_time_get)(wk_instance *inst, int32_t id,
                                   int64_t precision, int32_t out) {
  (void)precision;
  clockid_t clock = host_clock(id);
  if (clock == (clockid_t)-1)
    return WE_INVAL;
  struct timespec ts;
  if (clock_gettime(clock, &ts) != 0)
    return wasi_errno(errno);
  uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
  return wasi_store_u64(inst, (uint32_t)out, ns);
}

int32_t WK_WASI_FN(random_get)(wk_instance *inst, int32_t buf,
                               int32_t buf_len) {
  uint8_t *p = wasi_mem(inst, (uint32_t)buf, (uint32_t)buf_len);
  if (!p)
    return WE_FAULT;
  size_t left = (uint32_t)buf_len;
  while (left) {
    ssize_t n = getrandom(p, left, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return wasi_errno(errno);
    }
    p += n;
    left -= (size_t)n;
  }
  return WE_SUCCESS;
}

void WK_WASI_FN(proc_exit)(wk_instance *inst, int32_t code) {
  (void)inst;
  wk_raise_exit(code);
}

/* Raising a host signal would let the guest kill or stop the host process
 * (and signals are gone from later WASI versions): not supported. */
int32_t WK_WASI_FN(proc_raise)(wk_instance *inst, int32_t sig) {
  (void)inst;
  (void)sig;
  return WE_NOSYS;
}

int32_t WK_WASI_FN(sched_yield)(wk_instance *inst) {
  (void)inst;
  sched_yield();
  return WE_SUCCESS;
}
