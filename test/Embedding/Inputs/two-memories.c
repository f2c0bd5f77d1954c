/* Host for two-memories.test: a module with three memories, reached through
 * the generated header's accessors (exported ones by name, any one by index)
 * with per-memory bounds and a memory limit that applies to each memory. */
#include <stdio.h>
#include <string.h>

#include "mems.h"

static void put(wk_instance *instance, int32_t mem, int32_t addr) {
  wk_trap trap = mems_put(instance, mem, addr, 0x5a);
  printf("put %d @%d: %s\n", mem, addr,
         trap == WK_TRAP_NONE ? "ok" : wk_trap_message(trap));
}

int main(void) {
  char error[256];
  wk_instance *instance = NULL;
  wk_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.max_memory_pages = 4; /* caps each memory, not their sum */
  if (mems_instantiate_with(&instance, &options, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  printf("memories: %u\n", mems_num_memories());
  wk_memory *main_mem = mems_main(instance), *out = mems_out(instance);
  wk_memory *scratch = mems_memory_at(instance, 1);
  printf("by index: %s %s %s, past the end: %s\n",
         mems_memory_at(instance, 0) == main_mem ? "main" : "?",
         scratch && scratch != main_mem && scratch != out ? "scratch" : "?",
         mems_memory_at(instance, 2) == out ? "out" : "?",
         mems_memory_at(instance, 3) ? "?" : "NULL");
  printf("memory 0 is mem0: %s\n",
         mems_memory_base(instance) == main_mem->base ? "yes" : "no");
  printf("sizes: %llu %llu %llu\n", (unsigned long long)main_mem->size,
         (unsigned long long)scratch->size, (unsigned long long)out->size);

  put(instance, 0, 65535);
  put(instance, 0, 65536);
  put(instance, 2, 65536);
  put(instance, 2, 131072);
  memcpy(scratch->base + 16, "hello", 5);
  wk_trap trap = mems_publish(instance, 100000, 16, 5);
  printf("publish: %s, out has \"%.5s\"\n",
         trap == WK_TRAP_NONE ? "ok" : wk_trap_message(trap),
         (const char *)out->base + 100000);
  trap = mems_publish(instance, 0, 65535, 2);
  printf("publish past scratch: %s\n",
         trap == WK_TRAP_NONE ? "ok" : wk_trap_message(trap));

  int32_t old = 0;
  mems_grow_scratch(instance, 3, &old);
  printf("grow scratch by 3: %d, size %llu\n", old,
         (unsigned long long)scratch->size);
  mems_grow_scratch(instance, 1, &old);
  printf("grow scratch past the limit: %d\n", old);
  put(instance, 1, 4 * 65536 - 1);
  mems_free(instance);
  return 0;
}
