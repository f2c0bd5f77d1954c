/*===- trap.c - Trap frames, wk_invoke and the trap state of each thread --===*
 *
 * wk_invoke (and the runtime's own protected calls) push a sigsetjmp frame
 * on a per-thread chain; every way of trapping (wk_trap_at from generated
 * code, wk_raise_trap/wk_raise_exit from host functions, a guard-page fault
 * seen by the signal handler) siglongjmps to the innermost frame. Frames
 * nest, so host -> wasm -> host -> wasm works and an inner trap ends only the
 * inner call. savemask=1 matters: a fault unwinds out of a signal handler,
 * whose blocked SIGSEGV must be unblocked again.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct trap_frame {
  sigjmp_buf env;
  struct trap_frame *prev;
  uintptr_t stack; /* the protected call's own stack frame */
} trap_frame;

static WK_RT_TLS trap_frame *innermost;
static WK_RT_TLS const char *trap_function;
static WK_RT_TLS int32_t exit_code;
static WK_RT_TLS int has_host_message;
static WK_RT_TLS char host_message[256];

static const char *const trap_messages[WK_TRAP_COUNT] = {
    [WK_TRAP_NONE] = "no trap",
    [WK_TRAP_UNREACHABLE] = "unreachable",
    [WK_TRAP_INT_DIV_ZERO] = "integer divide by zero",
    [WK_TRAP_INT_OVERFLOW] = "integer overflow",
    [WK_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
    [WK_TRAP_MEMORY_OOB] = "out of bounds memory access",
    [WK_TRAP_TABLE_OOB] = "out of bounds table access",
    [WK_TRAP_UNDEFINED_ELEMENT] = "undefined element",
    [WK_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
    [WK_TRAP_INDIRECT_TYPE_MISMATCH] = "indirect call type mismatch",
    [WK_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
    [WK_TRAP_HOST] = "host trap",
    [WK_TRAP_EXIT] = "exit",
    [WK_TRAP_OUT_OF_FUEL] = "out of fuel",
    [WK_TRAP_INTERRUPTED] = "interrupted",
    [WK_TRAP_TIMEOUT] = "timeout",
    [WK_TRAP_NULL_FUNC_REF] = "null function reference",
    [WK_TRAP_NULL_REF] = "null reference",
    [WK_TRAP_NULL_EXNREF] = "null exception reference",
    [WK_TRAP_UNALIGNED_ATOMIC] = "unaligned atomic",
    [WK_TRAP_EXPECTED_SHARED] = "expected shared memory",
    [WK_EXCEPTION] = "uncaught exception",
};

const char *wk_trap_message(wk_trap trap) {
  if (trap == WK_TRAP_HOST && has_host_message)
    return host_message;
  if ((unsigned)trap >= WK_TRAP_COUNT)
    return "unknown trap";
  return trap_messages[trap];
}

const char *wk_trap_function(void) { return trap_function; }
int32_t wk_exit_code(void) { return exit_code; }
const char *wk_trap_host_message(void) {
  return has_host_message ? host_message : NULL;
}

int wk_rt_in_trap_frame(void) { return innermost != NULL; }

uintptr_t wk_rt_innermost_frame_address(void) {
  return innermost ? innermost->stack : 0;
}

/* Without a frame nobody can catch the trap: behave like a standalone
 * executable whose program trapped. */
__attribute__((noreturn)) static void unhandled(wk_trap trap) {
  if (trap == WK_TRAP_EXIT)
    exit(exit_code);
  fflush(stdout);
  fprintf(stderr, "wasm trap: %s", wk_trap_message(trap));
  if (trap_function)
    fprintf(stderr, " in %s", trap_function);
  fputc('\n', stderr);
  fflush(stderr);
  wk_trap_write_backtrace(STDERR_FILENO);
  exit(WK_TRAP_EXIT_STATUS);
}

void wk_rt_describe_exception(const wk_exception *exn, char *buf,
                              size_t size) {
  const char *name = exn && exn->tag ? exn->tag->name : NULL;
  if (name)
    snprintf(buf, size, "uncaught exception (tag %s)", name);
  else
    snprintf(buf, size, "uncaught exception");
}

void wk_rt_unwind_exception(void) {
  trap_function = NULL;
  has_host_message = 0;
  wk_rt_record_backtrace();
  if (innermost)
    siglongjmp(innermost->env, (int)WK_EXCEPTION);
  char message[300];
  wk_rt_describe_exception(wk_uncaught_exception(), message, sizeof message);
  fflush(stdout);
  fprintf(stderr, "wasm exception: %s\n", message);
  fflush(stderr);
  wk_trap_write_backtrace(STDERR_FILENO);
  exit(WK_TRAP_EXIT_STATUS);
}

__attribute__((noreturn)) static void unwind(wk_trap trap) {
  if ((unsigned)trap == WK_TRAP_NONE || (unsigned)trap >= WK_TRAP_COUNT ||
      trap == WK_EXCEPTION)
    trap = WK_TRAP_HOST;
  trap_frame *frame = innermost;
  if (!frame)
    unhandled(trap);
  siglongjmp(frame->env, (int)trap);
}

void wk_trap_at(uint32_t trap, const char *func_name) {
  trap_function = func_name;
  has_host_message = 0;
  wk_rt_record_backtrace();
  unwind((wk_trap)trap);
}

void wk_raise_trap(wk_trap trap, const char *message) {
  trap_function = NULL;
  has_host_message = message != NULL;
  if (message)
    snprintf(host_message, sizeof host_message, "%s", message);
  wk_rt_record_backtrace();
  unwind(trap);
}

void wk_raise_exit(int32_t code) {
  trap_function = NULL;
  has_host_message = 0;
  exit_code = code;
  wk_rt_clear_backtrace();
  unwind(WK_TRAP_EXIT);
}

void wk_rt_trap_from_signal(wk_trap trap) {
  trap_function = NULL;
  has_host_message = 0;
  wk_rt_record_backtrace();
  siglongjmp(innermost->env, (int)trap);
}

wk_trap wk_rt_call_protected(void (*fn)(void *), void *arg) {
  trap_frame frame;
  frame.prev = innermost;
  /* The machine stack, not &frame: a sanitizer may keep locals elsewhere. */
  frame.stack = (uintptr_t)__builtin_frame_address(0);
  int trap = sigsetjmp(frame.env, 1);
  if (trap == 0) {
    innermost = &frame;
    fn(arg);
    innermost = frame.prev;
    return WK_TRAP_NONE;
  }
  /* frame.prev was written before sigsetjmp and never since. */
  innermost = frame.prev;
  return (wk_trap)trap;
}

/*---- wk_invoke ----*/

typedef struct invocation {
  const wk_func *func;
  wk_value *io;
} invocation;

static void run_invocation(void *arg) {
  invocation *call = arg;
  call->func->entry(call->func->code, call->func->ctx, call->io);
}

enum { INLINE_SLOTS = 16 };

wk_trap wk_invoke(const wk_func *func, const wk_value *args,
                  wk_value *results) {
  uint32_t num_params = 0, num_results = 0;
  if (!func || !func->entry ||
      !wk_rt_type_arity(func->type_id, &num_params, &num_results)) {
    trap_function = func ? func->name : NULL;
    has_host_message = 1;
    snprintf(host_message, sizeof host_message,
             "function cannot be called generically (no entry thunk or "
             "unknown type)");
    return WK_TRAP_HOST;
  }
  uint32_t slots = num_params > num_results ? num_params : num_results;
  wk_value inline_io[INLINE_SLOTS];
  wk_value *io = inline_io;
  if (slots > INLINE_SLOTS) {
    io = calloc(slots, sizeof(wk_value));
    if (!io) {
      has_host_message = 1;
      snprintf(host_message, sizeof host_message, "out of memory");
      return WK_TRAP_HOST;
    }
  }
  if (num_params)
    memcpy(io, args, num_params * sizeof(wk_value));
  /* Always computed: the signal handler needs the bounds to recognise a
   * stack overflow in host code too. */
  uintptr_t stack_limit = wk_rt_stack_limit();
  wk_instance *target = func->flags & WK_FUNC_WASM ? func->ctx : NULL;
  uintptr_t saved_limit = 0;
  if (target)
    saved_limit = wk_rt_instance_enter(target, stack_limit);
  wk_rt_ensure_signal_stack();

  invocation call = {func, io};
  wk_trap trap = wk_rt_call_protected(run_invocation, &call);
  if (target)
    wk_rt_instance_leave(target, saved_limit);
  if (trap == WK_TRAP_NONE && num_results)
    memcpy(results, io, num_results * sizeof(wk_value));
  if (io != inline_io)
    free(io);
  return trap;
}
