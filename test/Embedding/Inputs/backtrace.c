/* Host for backtrace.test: wk_trap_backtrace after a host-raised trap and a
 * guard-page fault, glibc's backtrace() from a host function called by wasm,
 * and wk_set_backtraces(0). */
#include <execinfo.h>
#include <stdio.h>
#include <string.h>

#include "bt.h"

static int native_depth;

void wkimport_env__check(wk_instance *instance, int32_t value) {
  void *pcs[64];
  native_depth = backtrace(pcs, 64);
  if (value < 0)
    wk_raise_trap(WK_TRAP_HOST, "negative value");
}

static void print_frames(const char *what, wk_trap trap) {
  wk_frame frames[8];
  int truncated = 0;
  size_t n = wk_trap_backtrace(frames, 8, &truncated);
  printf("%s: %s, %zu frames%s\n", what, wk_trap_message(trap), n,
         truncated ? " (truncated)" : "");
  for (size_t i = 0; i < n && i < 8; ++i)
    printf("  %zu: %s (function %u) at 0x%x\n", i, frames[i].func_name,
           frames[i].func_index, frames[i].code_offset);
}

int main(void) {
  char error[256];
  wk_instance *instance = NULL;
  if (bt_instantiate(&instance, NULL, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  print_frames("host trap", bt_run(instance, -1));
  /* glibc's backtrace() got past the wasm frames: host function, inner,
   * outer, the thunk, the runtime's wk_invoke, bt_run's caller main and
   * libc's start code. */
  printf("native frames: %s\n", native_depth >= 8 ? "at least 8" : "fewer");
  print_frames("fault", bt_crash(instance));
  wk_set_backtraces(0);
  print_frames("off", bt_crash(instance));
  bt_free(instance);
  return 0;
}
