/*===- internal.h - Private interfaces between the runtime's parts ---------===*
 *
 * Not installed and not part of the ABI: the functions one part of the
 * runtime (trap, memory, table, type, stack, signal handling) offers the
 * others. Everything here is prefixed wk_rt_.
 *===----------------------------------------------------------------------===*/

#ifndef WASMKILN_RUNTIME_INTERNAL_H
#define WASMKILN_RUNTIME_INTERNAL_H

#include "wasmkiln/runtime.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* Thread-local data read by the signal handler must not go through
 * __tls_get_addr (not async-signal-safe); the runtime is linked into
 * executables or libraries loaded at startup, where initial-exec works. */
#define WK_RT_TLS _Thread_local __attribute__((tls_model("initial-exec")))

/*---- types.c ----*/

/* Parameter and result counts of an interned signature; returns 0 if the id
 * is unknown. */
int wk_rt_type_arity(uint32_t type_id, uint32_t *params, uint32_t *results);

/*---- trap.c ----*/

/* Runs fn(arg) inside a trap frame: returns WK_TRAP_NONE, or the trap that
 * ended it (and records it for wk_trap_function & co). */
wk_trap wk_rt_call_protected(void (*fn)(void *), void *arg);
/* Non-zero while the calling thread is inside a trap frame. Signal-safe. */
int wk_rt_in_trap_frame(void);
/* The stack frame of the innermost protected call (0 without one): frames
 * at higher addresses belong to the callers of its wk_invoke (exception.c
 * stops the handler search there). */
uintptr_t wk_rt_innermost_frame_address(void);
/* From wk_throw when no wasm handler caught the exception: ends the
 * innermost frame with WK_EXCEPTION (or, without one, exits as a standalone
 * program does). */
__attribute__((noreturn)) void wk_rt_unwind_exception(void);
/* "uncaught exception (tag NAME)" into buf. */
void wk_rt_describe_exception(const wk_exception *exn, char *buf, size_t size);
/* From the signal handler: unwinds to the innermost frame. Signal-safe. */
__attribute__((noreturn)) void wk_rt_trap_from_signal(wk_trap trap);

/* Records the wasm frames of the current call stack for wk_trap_backtrace
 * (backtrace.c); called on the trap path, before unwinding. */
void wk_rt_record_backtrace(void);
void wk_rt_clear_backtrace(void);
/* Readies the unwinder for walks in a signal handler (wk_instantiate). */
void wk_rt_prepare_backtraces(void);
/* The wasm frames of native instruction pc (at_pc: the instruction at pc
 * faulted; else pc is inside a call), innermost first, from the compiler's
 * pc map (pc_map.c): at most max, 0 when the map has no entry.
 * The outermost frame's func_name is NULL (the frame info has it); inlined
 * frames have no func_index or body_offset. Signal-safe. */
size_t wk_rt_pc_frames(uintptr_t pc, int at_pc, wk_frame *out, size_t max);

/*---- memory.c ----*/

/* wk_memory.flags: the runtime created the reservation in guard mode; the
 * other bits hold the page limit of wk_instantiate_options (0: none). */
#define WK_RT_MEM_GUARD 1u
#define WK_RT_MEM_LIMIT_SHIFT 1

/* What the runtime keeps about a memory beyond the public wk_memory (which
 * is its first member: every wk_memory the runtime hands out is one). */
typedef struct wk_rt_memory {
  wk_memory mem;
  uint64_t page_limit;     /* pages it may grow to */
  uint32_t page_size_log2; /* 16, or 0 for 1-byte pages */
  uint32_t is64;           /* i64 addresses (memory64) */
  uint32_t shared;         /* a shared memory (threads) */
  pthread_mutex_t grow_lock; /* serialises wk_memory_grow64 */
} wk_rt_memory;

static inline const wk_rt_memory *wk_rt_memory_of(const wk_memory *mem) {
  return (const wk_rt_memory *)mem;
}

/* Creates a memory with the given limits; page_limit (0: none) caps growth.
 * Returns NULL and writes a message into err when the memory cannot be
 * created. */
wk_memory *wk_rt_memory_create(const wk_limits *limits, int guard,
                               uint64_t page_limit, char *err, size_t err_size);
void wk_rt_memory_destroy(wk_memory *mem);
/* Non-zero if addr lies in the reservation of a live memory. Signal-safe. */
int wk_rt_address_in_memory(uintptr_t addr);

/*---- table.c ----*/

wk_table *wk_rt_table_create(const wk_table_type *type);
void wk_rt_table_destroy(wk_table *table);

/*---- stack.c ----*/

/* stack_limit for wasm code running on the calling thread. */
uintptr_t wk_rt_stack_limit(void);
/* Non-zero if addr is where the calling thread's stack overflows to.
 * Signal-safe once wk_rt_stack_limit has run on the thread. */
int wk_rt_is_stack_overflow(uintptr_t addr);

/*---- instance.c ----*/

/* Around every wk_invoke of a wasm function of `instance`: the outermost
 * one sets its stack_limit (from the thread's limit and the instance's
 * max_stack_bytes), nested ones keep it. enter returns what leave needs. */
uintptr_t wk_rt_instance_enter(wk_instance *instance, uintptr_t thread_limit);
void wk_rt_instance_leave(wk_instance *instance, uintptr_t saved_limit);

/*---- limits.c, watchdog.c ----*/

/* wk_instance.interrupt values: who asked (the trap kind depends on it). */
#define WK_RT_INTERRUPT_HOST 1u
#define WK_RT_INTERRUPT_TIMEOUT 2u

/* Stores `why` into instance->interrupt (atomic). Signal-safe. */
void wk_rt_interrupt(wk_instance *instance, uint32_t why);
/* Forgets the instance's timeout, if any (before it is freed). */
void wk_rt_watchdog_cancel(wk_instance *instance);

/*---- signals.c ----*/

/* Gives the calling thread an alternate signal stack if it has none. */
void wk_rt_ensure_signal_stack(void);

/*---- errors ----*/

/* snprintf into err if err is non-NULL; returns the status. */
wk_status wk_rt_error(wk_status status, char *err, size_t err_size,
                      const char *format, ...)
    __attribute__((format(printf, 4, 5)));

#endif
