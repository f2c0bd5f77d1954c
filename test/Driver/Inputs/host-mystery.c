/* Host function for link-host.wat: env.mystery, reading a string out of the
 * calling instance's memory. */
#include <stdio.h>
#include <string.h>

#include "wasmkiln/runtime.h"

int32_t wkimport_env__mystery(wk_instance *instance, int32_t ptr, int32_t len) {
  if ((uint64_t)(uint32_t)ptr + (uint32_t)len > instance->mem0->size)
    wk_raise_trap(WK_TRAP_HOST, "mystery: string out of bounds");
  printf("host got: %.*s\n", (int)len, (const char *)instance->mem0_base + ptr);
  fflush(stdout);
  return len * 2;
}
