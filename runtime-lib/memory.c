/*===- memory.c - Linear memories: reservations, growth, bulk operations --===*
 *
 * A memory reserves all the address space it may ever use up front, so its
 * base never moves: WK_GUARD_RESERVATION bytes in guard mode (every address
 * generated code can form stays inside, and the signal handler turns faults
 * there into traps), in explicit mode only the pages it may grow to (at
 * least one, as mmap needs a non-empty range). Only [0, size) is
 * accessible; growing mprotects more of the reservation, whose pages the
 * kernel hands out zeroed.
 *
 * Every live reservation is listed in a registry the signal handler reads
 * without locks: chunks of slots that are never freed, each slot an atomic
 * {base, size} pair; writers serialise on a mutex.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*---- The registry of reservations ----*/

enum { SLOTS_PER_CHUNK = 256 };

typedef struct registry_chunk {
  _Atomic uintptr_t base[SLOTS_PER_CHUNK]; /* 0: free slot */
  _Atomic uint64_t size[SLOTS_PER_CHUNK];
  struct registry_chunk *_Atomic next;
} registry_chunk;

static registry_chunk *_Atomic registry;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static int registry_add(uintptr_t base, uint64_t size) {
  pthread_mutex_lock(&registry_lock);
  registry_chunk *_Atomic *link = &registry;
  for (;;) {
    registry_chunk *chunk = atomic_load(link);
    if (!chunk) {
      chunk = calloc(1, sizeof *chunk);
      if (!chunk)
        break;
      atomic_store(link, chunk);
    }
    for (int i = 0; i < SLOTS_PER_CHUNK; ++i) {
      if (atomic_load_explicit(&chunk->base[i], memory_order_relaxed))
        continue;
      /* Size first: a reader that sees the base sees its size. */
      atomic_store_explicit(&chunk->size[i], size, memory_order_relaxed);
      atomic_store_explicit(&chunk->base[i], base, memory_order_release);
      pthread_mutex_unlock(&registry_lock);
      return 1;
    }
    link = &chunk->next;
  }
  pthread_mutex_unlock(&registry_lock);
  return 0;
}

static void registry_remove(uintptr_t base) {
  pthread_mutex_lock(&registry_lock);
  for (registry_chunk *chunk = atomic_load(&registry); chunk;
       chunk = atomic_load(&chunk->next))
    for (int i = 0; i < SLOTS_PER_CHUNK; ++i)
      if (atomic_load_explicit(&chunk->base[i], memory_order_relaxed) == base)
        atomic_store_explicit(&chunk->base[i], 0, memory_order_release);
  pthread_mutex_unlock(&registry_lock);
}

int wk_rt_address_in_memory(uintptr_t addr) {
  for (registry_chunk *chunk = atomic_load(&registry); chunk;
       chunk = atomic_load(&chunk->next))
    for (int i = 0; i < SLOTS_PER_CHUNK; ++i) {
      uintptr_t base =
          atomic_load_explicit(&chunk->base[i], memory_order_acquire);
      if (base && addr >= base &&
          addr - base <
              atomic_load_explicit(&chunk->size[i], memory_order_relaxed))
        return 1;
    }
  return 0;
}

/*---- Creation and growth ----*/

static uint64_t page_limit_of(const wk_memory *mem) {
  uint64_t limit = mem->has_max ? mem->max_pages : WK_MAX_PAGES;
  uint64_t option = mem->flags >> WK_RT_MEM_LIMIT_SHIFT;
  if (option && option < limit)
    limit = option;
  return limit > WK_MAX_PAGES ? WK_MAX_PAGES : limit;
}

wk_memory *wk_rt_memory_create(const wk_limits *limits, int guard,
                               uint64_t page_limit, char *err,
                               size_t err_size) {
  wk_memory *mem = calloc(1, sizeof *mem);
  if (!mem) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size, "out of memory");
    return NULL;
  }
  mem->has_max = limits->has_max != 0;
  mem->max_pages = limits->has_max ? limits->max : WK_MAX_PAGES;
  if (page_limit > WK_MAX_PAGES)
    page_limit = WK_MAX_PAGES;
  mem->flags = (guard ? WK_RT_MEM_GUARD : 0) |
               (uint32_t)(page_limit << WK_RT_MEM_LIMIT_SHIFT);
  uint64_t max_pages = page_limit_of(mem);
  if (limits->min > max_pages) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "memory of %llu pages exceeds the limit of %llu pages",
                (unsigned long long)limits->min, (unsigned long long)max_pages);
    free(mem);
    return NULL;
  }
  mem->reserved = guard ? WK_GUARD_RESERVATION
                        : (max_pages ? max_pages : 1) * (uint64_t)WK_PAGE_SIZE;
  void *base = mmap(NULL, mem->reserved, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "cannot reserve %llu bytes for a memory",
                (unsigned long long)mem->reserved);
    free(mem);
    return NULL;
  }
  mem->base = base;
  mem->size = limits->min * WK_PAGE_SIZE;
  if ((mem->size && mprotect(base, mem->size, PROT_READ | PROT_WRITE)) ||
      !registry_add((uintptr_t)base, mem->reserved)) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "cannot commit %llu bytes for a memory",
                (unsigned long long)mem->size);
    munmap(base, mem->reserved);
    free(mem);
    return NULL;
  }
  return mem;
}

void wk_rt_memory_destroy(wk_memory *mem) {
  if (!mem)
    return;
  registry_remove((uintptr_t)mem->base);
  munmap(mem->base, mem->reserved);
  free(mem);
}

int32_t wk_memory_grow(wk_memory *mem, uint32_t delta_pages) {
  uint64_t old_pages = mem->size / WK_PAGE_SIZE;
  uint64_t new_pages = old_pages + delta_pages;
  if (new_pages > page_limit_of(mem) ||
      new_pages * WK_PAGE_SIZE > mem->reserved)
    return -1;
  if (delta_pages &&
      mprotect(mem->base + mem->size, (uint64_t)delta_pages * WK_PAGE_SIZE,
               PROT_READ | PROT_WRITE))
    return -1;
  mem->size = new_pages * WK_PAGE_SIZE;
  return (int32_t)old_pages;
}

/*---- Bulk operations (checked before any byte is touched) ----*/

static int out_of_range(uint64_t start, uint64_t n, uint64_t size) {
  return start + n > size; /* 32-bit operands: no 64-bit overflow */
}

void wk_memory_fill(wk_memory *mem, uint32_t dst, uint32_t value, uint32_t n) {
  if (out_of_range(dst, n, mem->size))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  memset(mem->base + dst, (int)(value & 0xff), n);
}

void wk_memory_copy(wk_memory *dst_mem, wk_memory *src_mem, uint32_t dst,
                    uint32_t src, uint32_t n) {
  if (out_of_range(dst, n, dst_mem->size) ||
      out_of_range(src, n, src_mem->size))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  memmove(dst_mem->base + dst, src_mem->base + src, n);
}

void wk_memory_init(wk_memory *mem, const uint8_t *data, uint32_t data_size,
                    uint32_t dst, uint32_t src, uint32_t n) {
  if (out_of_range(dst, n, mem->size) || out_of_range(src, n, data_size))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  if (n)
    memcpy(mem->base + dst, data + src, n);
}
