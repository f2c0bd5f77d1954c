/*===- stack.c - Native stack bounds of each thread -----------------------===*
 *
 * Generated code traps WK_TRAP_STACK_EXHAUSTED when its stack pointer gets
 * below wk_instance.stack_limit. The limit is the calling thread's stack
 * bottom plus a margin that leaves room for host functions (WASI calls,
 * printf) below the deepest wasm frame. Bounds come from
 * pthread_getattr_np, which for the main thread reports the region the
 * stack rlimit allows it to grow into. Computed once per thread.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>

#define WK_RT_STACK_MARGIN ((uintptr_t)256 << 10)
/* How far below the stack bottom a fault still counts as an overflow: the
 * kernel's stack guard gap is 1 MiB by default. */
#define WK_RT_STACK_GUARD_SPAN ((uintptr_t)1 << 20)

static WK_RT_TLS uintptr_t stack_low;
static WK_RT_TLS uintptr_t stack_limit;

static void compute_bounds(void) {
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) != 0)
      size = 0;
    pthread_attr_destroy(&attr);
  }
  if (size == 0) {
    /* No information: assume a 1 MiB stack below this frame. */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    size = (size_t)1 << 20;
    addr = (void *)(here - size);
  }
  uintptr_t margin = WK_RT_STACK_MARGIN;
  if (margin > size / 4)
    margin = size / 4;
  stack_low = (uintptr_t)addr;
  stack_limit = stack_low + margin;
}

uintptr_t wk_rt_stack_limit(void) {
  if (!stack_limit)
    compute_bounds();
  return stack_limit;
}

int wk_rt_is_stack_overflow(uintptr_t addr) {
  return stack_limit && addr < stack_limit &&
         addr + WK_RT_STACK_GUARD_SPAN >= stack_low;
}
