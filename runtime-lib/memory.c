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
  return wk_rt_memory_of(mem)->page_limit;
}

static uint32_t page_size_log2_of(const wk_memory *mem) {
  return wk_rt_memory_of(mem)->page_size_log2;
}

static uint64_t page_size_of(const wk_memory *mem) {
  return (uint64_t)1 << page_size_log2_of(mem);
}

/* The most pages the memory may ever have (and reserves address space
 * for): its declared maximum and the host's limit (option_pages, in 64 KiB
 * units, 0: none), whichever is less. Without a host limit a 32-bit memory
 * may reach 4 GiB and a 64-bit one WK_MAX_PAGES64 64 KiB pages; a host
 * limit replaces the latter (up to 2^47 bytes, half of a 48-bit address
 * space). */
static uint64_t compute_page_limit(const wk_rt_memory *rt,
                                   uint64_t option_pages) {
  const wk_memory *mem = &rt->mem;
  const uint64_t max_option = ((uint64_t)1 << 47) / WK_PAGE_SIZE;
  uint64_t limit_bytes = rt->is64 ? (uint64_t)WK_MAX_PAGES64 * WK_PAGE_SIZE
                                  : (uint64_t)WK_MAX_PAGES * WK_PAGE_SIZE;
  if (option_pages > max_option)
    option_pages = max_option;
  if (option_pages && (rt->is64 || option_pages < limit_bytes / WK_PAGE_SIZE))
    limit_bytes = option_pages * WK_PAGE_SIZE;
  uint64_t limit = limit_bytes >> rt->page_size_log2;
  /* A 32-bit memory of 1-byte pages holds at most 2^32 - 1 of them. */
  if (!rt->is64 && limit > UINT32_MAX && rt->page_size_log2 == 0)
    limit = UINT32_MAX;
  if (mem->has_max && mem->max_pages < limit)
    limit = mem->max_pages;
  return limit;
}

/* Bytes [0, bytes) made accessible, rounded up to whole OS pages (1-byte
 * pages make sizes that are not; they are always bounds-checked). */
static uint64_t committed(uint64_t bytes) {
  return (bytes + 4095) & ~(uint64_t)4095;
}

wk_memory *wk_rt_memory_create(const wk_limits *limits, int guard,
                               uint64_t page_limit, char *err,
                               size_t err_size) {
  wk_rt_memory *rt = calloc(1, sizeof *rt);
  if (!rt) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size, "out of memory");
    return NULL;
  }
  wk_memory *mem = &rt->mem;
  rt->is64 = (limits->flags & WK_LIMITS_I64) != 0;
  rt->page_size_log2 = (limits->flags & WK_LIMITS_PAGE_1) ? 0 : 16;
  rt->shared = (limits->flags & WK_LIMITS_SHARED) != 0;
  /* Guard pages serve only 32-bit memories of 64 KiB pages. */
  if (rt->is64 || rt->page_size_log2 != 16)
    guard = 0;
  mem->has_max = limits->has_max != 0;
  mem->max_pages = limits->has_max ? limits->max
                   : rt->is64
                       ? (rt->page_size_log2 ? (uint64_t)1 << 48 : UINT64_MAX)
                   : rt->page_size_log2 ? WK_MAX_PAGES
                                        : UINT32_MAX;
  mem->flags = guard ? WK_RT_MEM_GUARD : 0;
  rt->page_limit = compute_page_limit(rt, page_limit);
  uint64_t max_pages = page_limit_of(mem);
  if (limits->min > max_pages) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "memory of %llu pages exceeds the limit of %llu pages",
                (unsigned long long)limits->min, (unsigned long long)max_pages);
    free(rt);
    return NULL;
  }
  mem->reserved = guard ? WK_GUARD_RESERVATION
                        : committed(max_pages ? max_pages * page_size_of(mem)
                                              : WK_PAGE_SIZE);
  void *base = mmap(NULL, mem->reserved, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "cannot reserve %llu bytes for a memory",
                (unsigned long long)mem->reserved);
    free(rt);
    return NULL;
  }
  mem->base = base;
  mem->size = limits->min * page_size_of(mem);
  if ((mem->size &&
       mprotect(base, committed(mem->size), PROT_READ | PROT_WRITE)) ||
      !registry_add((uintptr_t)base, mem->reserved)) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "cannot commit %llu bytes for a memory",
                (unsigned long long)mem->size);
    munmap(base, mem->reserved);
    free(rt);
    return NULL;
  }
  pthread_mutex_init(&rt->grow_lock, NULL);
  return mem;
}

void wk_rt_memory_destroy(wk_memory *mem) {
  if (!mem)
    return;
  registry_remove((uintptr_t)mem->base);
  munmap(mem->base, mem->reserved);
  pthread_mutex_destroy(&((wk_rt_memory *)mem)->grow_lock);
  free(mem);
}

wk_memory *wk_memory_create(const wk_limits *limits, int guard,
                            uint64_t page_limit, char *err, size_t err_size) {
  if (!limits) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size, "no memory limits given");
    return NULL;
  }
  return wk_rt_memory_create(limits, guard, page_limit, err, err_size);
}

void wk_memory_free(wk_memory *mem) { wk_rt_memory_destroy(mem); }

static int64_t grow_locked(wk_memory *mem, uint64_t delta_pages) {
  uint32_t log2 = page_size_log2_of(mem);
  uint64_t old_size = mem->size; /* only growers write it */
  uint64_t old_pages = old_size >> log2;
  uint64_t limit = page_limit_of(mem);
  if (delta_pages > limit - old_pages)
    return -1;
  uint64_t new_size = (old_pages + delta_pages) << log2;
  if (new_size > mem->reserved)
    return -1;
  uint64_t old_commit = committed(old_size), new_commit = committed(new_size);
  if (new_commit > old_commit &&
      mprotect(mem->base + old_commit, new_commit - old_commit,
               PROT_READ | PROT_WRITE))
    return -1;
  __atomic_store_n(&mem->size, new_size, __ATOMIC_RELEASE);
  return (int64_t)old_pages;
}

/* Growers are serialised: two threads growing a shared memory at once must
 * not both take the same old size, and the pages past the size stay
 * inaccessible, which guard mode relies on. Readers do not lock: the size
 * is stored with release order after mprotect has made its pages
 * accessible, so a thread that sees the new size (wk_memory_bytes, or the
 * generated code's atomic load) may touch them. */
int64_t wk_memory_grow64(wk_memory *mem, uint64_t delta_pages) {
  wk_rt_memory *rt = (wk_rt_memory *)mem;
  pthread_mutex_lock(&rt->grow_lock);
  int64_t old = grow_locked(mem, delta_pages);
  pthread_mutex_unlock(&rt->grow_lock);
  return old;
}

int32_t wk_memory_grow(wk_memory *mem, uint32_t delta_pages) {
  return (int32_t)wk_memory_grow64(mem, delta_pages);
}

/*---- Bulk operations (checked before any byte is touched) ----*/

static int out_of_range(uint64_t start, uint64_t n, uint64_t size) {
  return start > size || n > size - start; /* no 64-bit overflow */
}

void wk_memory_fill(wk_memory *mem, uint32_t dst, uint32_t value, uint32_t n) {
  if (out_of_range(dst, n, wk_memory_bytes(mem)))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  memset(mem->base + dst, (int)(value & 0xff), n);
}

void wk_memory_copy(wk_memory *dst_mem, wk_memory *src_mem, uint32_t dst,
                    uint32_t src, uint32_t n) {
  if (out_of_range(dst, n, wk_memory_bytes(dst_mem)) ||
      out_of_range(src, n, wk_memory_bytes(src_mem)))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  memmove(dst_mem->base + dst, src_mem->base + src, n);
}

void wk_memory_init(wk_memory *mem, const uint8_t *data, uint32_t data_size,
                    uint32_t dst, uint32_t src, uint32_t n) {
  wk_memory_init64(mem, data, data_size, dst, src, n);
}

void wk_memory_init64(wk_memory *mem, const uint8_t *data, uint32_t data_size,
                      uint64_t dst, uint32_t src, uint32_t n) {
  if (out_of_range(dst, n, wk_memory_bytes(mem)) ||
      out_of_range(src, n, data_size))
    wk_trap_at(WK_TRAP_MEMORY_OOB, NULL);
  if (n)
    memcpy(mem->base + dst, data + src, n);
}
