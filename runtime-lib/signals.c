/*===- signals.c - Guard-page faults become traps -------------------------===*
 *
 * One SIGSEGV/SIGBUS handler, installed once, running on an alternate
 * signal stack (so a stack overflow can be reported too). A fault counts
 * as a wasm trap only when the thread is inside wk_invoke and the address
 * lies in a memory's reservation (out of bounds access) or just below the
 * thread's stack limit (stack exhausted). Any other fault goes to the
 * handler that was installed before ours, so host crash reporters keep
 * working; if that was the default action, ours steps aside and the fault
 * happens again with the default disposition.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static struct sigaction previous_segv, previous_bus;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void chain(int sig, siginfo_t *info, void *context) {
  struct sigaction *previous = sig == SIGBUS ? &previous_bus : &previous_segv;
  if (previous->sa_flags & SA_SIGINFO) {
    if (previous->sa_sigaction) {
      previous->sa_sigaction(sig, info, context);
      return;
    }
  } else if (previous->sa_handler != SIG_DFL &&
             previous->sa_handler != SIG_IGN) {
    previous->sa_handler(sig);
    return;
  }
  /* Default action: restore it; a hardware fault re-executes and kills the
   * process, a signal sent by kill() is raised again (blocked until we
   * return). */
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  if (info->si_code <= 0)
    raise(sig);
}

static void handle_fault(int sig, siginfo_t *info, void *context) {
  uintptr_t addr = (uintptr_t)info->si_addr;
  if (info->si_code > 0 && wk_rt_in_trap_frame()) {
    if (wk_rt_address_in_memory(addr))
      wk_rt_trap_from_signal(WK_TRAP_MEMORY_OOB);
    if (wk_rt_is_stack_overflow(addr))
      wk_rt_trap_from_signal(WK_TRAP_STACK_EXHAUSTED);
  }
  chain(sig, info, context);
}

static void install(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = handle_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &previous_segv);
  sigaction(SIGBUS, &action, &previous_bus);
}

void wk_install_signal_handlers(void) {
  pthread_once(&install_once, install);
  wk_rt_ensure_signal_stack();
}

/*---- Alternate signal stacks, one per thread ----*/

#define WK_RT_SIGNAL_STACK_SIZE ((size_t)128 << 10)

static WK_RT_TLS int signal_stack_checked;
static pthread_key_t signal_stack_key;
static pthread_once_t signal_stack_key_once = PTHREAD_ONCE_INIT;

static void free_signal_stack(void *stack) {
  stack_t disable;
  memset(&disable, 0, sizeof disable);
  disable.ss_flags = SS_DISABLE;
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && current.ss_sp == stack)
    sigaltstack(&disable, NULL);
  munmap(stack, WK_RT_SIGNAL_STACK_SIZE);
}

static void create_signal_stack_key(void) {
  pthread_key_create(&signal_stack_key, free_signal_stack);
}

void wk_rt_ensure_signal_stack(void) {
  if (signal_stack_checked)
    return;
  signal_stack_checked = 1;
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE))
    return; /* the host (or a sanitizer) already gave the thread one */
  void *memory = mmap(NULL, WK_RT_SIGNAL_STACK_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED)
    return;
  stack_t stack;
  memset(&stack, 0, sizeof stack);
  stack.ss_sp = memory;
  stack.ss_size = WK_RT_SIGNAL_STACK_SIZE;
  if (sigaltstack(&stack, NULL) != 0) {
    munmap(memory, WK_RT_SIGNAL_STACK_SIZE);
    return;
  }
  pthread_once(&signal_stack_key_once, create_signal_stack_key);
  pthread_setspecific(signal_stack_key, memory);
}
