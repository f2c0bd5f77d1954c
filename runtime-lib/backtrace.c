/*===- backtrace.c - The wasm call stack of a trap ------------------------===*
 *
 * Recorded on the trap path only (wk_trap_at, wk_raise_trap, the signal
 * handler), so nothing is paid while nothing traps. The walk is libgcc's
 * _Unwind_Backtrace over the unwind tables every generated function has
 * (the compiler emits them, JITed code registers them); it also passes
 * through signal frames, so a guard-page fault's walk starts in the handler
 * and continues in the faulting wasm function. A frame is a wasm function's
 * when the 16 bytes before its function start (from the unwind tables) are
 * a wk_frame_info; those bytes go through a pipe, whose write fails with
 * EFAULT instead of faulting where nothing is mapped (process_vm_readv
 * would do too, but seccomp profiles and QEMU's user mode refuse it;
 * pipe(2) is async-signal-safe). The walk ends at the
 * innermost wk_invoke: frames of outer calls belong to other traps' stacks.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <unwind.h>

static WK_RT_TLS wk_frame frames[WK_BACKTRACE_MAX];
static WK_RT_TLS size_t num_frames;
static WK_RT_TLS int frames_truncated;

/* -1: not decided yet (WASMKILN_BACKTRACE is read at the first trap). */
static int enabled = -1;

void wk_set_backtraces(int on) { __atomic_store_n(&enabled, on != 0, __ATOMIC_RELAXED); }

static int backtraces_enabled(void) {
  int on = __atomic_load_n(&enabled, __ATOMIC_RELAXED);
  if (on < 0) {
    const char *env = getenv("WASMKILN_BACKTRACE");
    on = !(env && strcmp(env, "0") == 0);
    __atomic_store_n(&enabled, on, __ATOMIC_RELAXED);
  }
  return on;
}

typedef struct walk {
  uintptr_t limit; /* the innermost wk_invoke's frame, or 0 */
  /* The alternate signal stack the walk started on, if it did: its frames
   * (the handler's, the signal frame) are not compared with limit, since
   * that stack may lie anywhere (above the thread's stack under QEMU). */
  uintptr_t signal_low, signal_high;
  int pipe[2];
} walk;

static int read_frame_info(const walk *w, uintptr_t start,
                           wk_frame_info *info) {
  const void *at = (const void *)(start - sizeof *info);
  return start > sizeof *info &&
         write(w->pipe[1], at, sizeof *info) == (ssize_t)sizeof *info &&
         read(w->pipe[0], info, sizeof *info) == (ssize_t)sizeof *info &&
         info->magic == WK_FRAME_INFO_MAGIC;
}

static _Unwind_Reason_Code visit(struct _Unwind_Context *context, void *arg) {
  const walk *w = arg;
  uintptr_t cfa = (uintptr_t)_Unwind_GetCFA(context);
  int on_signal_stack = cfa >= w->signal_low && cfa < w->signal_high;
  if (w->limit && cfa > w->limit && !on_signal_stack)
    return _URC_END_OF_STACK;
  uintptr_t start = _Unwind_GetRegionStart(context);
  wk_frame_info info;
  if (!start || !read_frame_info(w, start, &info))
    return _URC_NO_REASON;
  if (num_frames == WK_BACKTRACE_MAX) {
    frames_truncated = 1;
    return _URC_END_OF_STACK;
  }
  int before = 0;
  uintptr_t pc = _Unwind_GetIPInfo(context, &before);
  if (!before && pc)
    --pc; /* a return address: the call is the byte before */
  /* Inlined functions first, then the function itself. */
  size_t room = WK_BACKTRACE_MAX - num_frames;
  wk_frame *first = &frames[num_frames];
  size_t n = wk_rt_pc_frames(pc, before, first, room);
  if (!n)
    memset(first, 0, sizeof *first), n = 1;
  wk_frame *own = &first[n - 1];
  own->func_name = (const char *)(start + (intptr_t)info.name_offset);
  own->func_index = info.func_index;
  own->body_offset = info.body_offset;
  for (size_t i = 0; i < n; ++i)
    first[i].pc = pc;
  num_frames += n;
  return _URC_NO_REASON;
}

void wk_rt_record_backtrace(void) {
  num_frames = 0;
  frames_truncated = 0;
  if (!backtraces_enabled())
    return;
  walk w = {wk_rt_innermost_frame_address(), 0, 0, {-1, -1}};
  stack_t signal_stack;
  if (sigaltstack(NULL, &signal_stack) == 0 &&
      (signal_stack.ss_flags & SS_ONSTACK)) {
    w.signal_low = (uintptr_t)signal_stack.ss_sp;
    w.signal_high = w.signal_low + signal_stack.ss_size;
  }
  if (pipe2(w.pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    return;
  _Unwind_Backtrace(visit, &w);
  close(w.pipe[0]);
  close(w.pipe[1]);
}

/* libgcc's lookup of the unwind tables that a JIT registered
 * (__register_frame; before GCC 13) sorts each newly registered table on the
 * first lookup after its registration, with malloc. A trap's walk may run
 * in the signal handler, where malloc is unsafe (a stack overflow inside
 * malloc would deadlock on its lock): one lookup here, at instantiation,
 * sorts them first. A pc in no registered table visits them all. */
struct wk_rt_eh_bases {
  void *tbase, *dbase, *func;
};
extern const void *_Unwind_Find_FDE(void *pc, struct wk_rt_eh_bases *bases);

void wk_rt_prepare_backtraces(void) {
  struct wk_rt_eh_bases bases;
  (void)_Unwind_Find_FDE((void *)&wk_rt_prepare_backtraces, &bases);
}

void wk_rt_clear_backtrace(void) {
  num_frames = 0;
  frames_truncated = 0;
}

size_t wk_trap_backtrace(wk_frame *out, size_t max, int *truncated) {
  size_t n = num_frames < max ? num_frames : max;
  if (n)
    memcpy(out, frames, n * sizeof *out);
  if (truncated)
    *truncated = frames_truncated;
  return num_frames;
}

void wk_trap_write_backtrace(int fd) {
  if (!num_frames)
    return;
  dprintf(fd, "wasm backtrace:\n");
  for (size_t i = 0; i < num_frames; ++i) {
    const wk_frame *f = &frames[i];
    const char *name = f->func_name ? f->func_name : "<unknown>";
    if (f->code_offset)
      dprintf(fd, "  %3zu: 0x%x - %s\n", i, f->code_offset, name);
    else if (f->func_index != UINT32_MAX)
      dprintf(fd, "  %3zu: %s (function %u at 0x%x)\n", i, name,
              f->func_index, f->body_offset);
    else
      dprintf(fd, "  %3zu: %s (inlined)\n", i, name);
    if (f->line && f->file && f->column)
      dprintf(fd, "         at %s:%u:%u\n", f->file, f->line, f->column);
    else if (f->line && f->file)
      dprintf(fd, "         at %s:%u\n", f->file, f->line);
  }
  if (frames_truncated)
    dprintf(fd, "  ... (more frames)\n");
}
