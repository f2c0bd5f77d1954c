/*===- pc_tables.c - Native pc -> wasm location, for backtraces -----------===*
 *
 * Reads the tables runtime.h describes (WK_PC_FUNCS_SECTION,
 * WK_PC_MAP_SECTION): those linked into this executable (the linker's
 * __start_/__stop_ symbols; weak, so a program without wasm code links
 * too) and those the JIT registered. Called on the trap path only, also in
 * the signal handler: no allocation, no locks; the tables are scanned, as
 * they are in no order. Registered tables are nodes of a list that only
 * grows (an unregistered node is switched off, never freed), so that a walk
 * in a signal handler never sees a node go away.
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>

extern const uint8_t __start_wk_pc_funcs[] __attribute__((weak, visibility("hidden")));
extern const uint8_t __stop_wk_pc_funcs[] __attribute__((weak, visibility("hidden")));
extern const uint8_t __start_wk_pc_map[] __attribute__((weak, visibility("hidden")));
extern const uint8_t __stop_wk_pc_map[] __attribute__((weak, visibility("hidden")));

typedef struct pc_tables {
  const uint8_t *funcs, *funcs_end, *map, *map_end;
  int active;
  struct pc_tables *next;
} pc_tables;

static pc_tables *registered; /* newest first */
static pthread_mutex_t register_lock = PTHREAD_MUTEX_INITIALIZER;

void wk_register_pc_tables(const void *funcs, size_t funcs_size,
                           const void *map, size_t map_size) {
  pc_tables *t = calloc(1, sizeof *t);
  if (!t)
    return; /* only backtraces lose their offsets */
  t->funcs = funcs;
  t->funcs_end = t->funcs + funcs_size;
  t->map = map;
  t->map_end = t->map + map_size;
  t->active = 1;
  pthread_mutex_lock(&register_lock);
  t->next = registered;
  __atomic_store_n(&registered, t, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&register_lock);
}

void wk_unregister_pc_tables(const void *funcs) {
  pthread_mutex_lock(&register_lock);
  for (pc_tables *t = registered; t; t = t->next)
    if (t->funcs == funcs && __atomic_load_n(&t->active, __ATOMIC_RELAXED))
      __atomic_store_n(&t->active, 0, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&register_lock);
}

/* A cursor over one section's bytes; a read past the end stops it. */
typedef struct cursor {
  const uint8_t *at, *end;
  int bad;
} cursor;

static uintptr_t read_address(cursor *c) {
  if (c->end - c->at < 4) {
    c->bad = 1;
    return 0;
  }
  int32_t rel;
  memcpy(&rel, c->at, sizeof rel);
  uintptr_t address = (uintptr_t)c->at + (intptr_t)rel;
  c->at += 4;
  return address;
}

static uint32_t read_uleb(cursor *c) {
  uint64_t value = 0;
  for (unsigned shift = 0; c->at < c->end && shift < 64; shift += 7) {
    uint8_t byte = *c->at++;
    value |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return value > UINT32_MAX ? (c->bad = 1, 0) : (uint32_t)value;
  }
  c->bad = 1;
  return 0;
}

/* The function whose code holds pc: its strings. */
typedef struct pc_function {
  uintptr_t entry, end;
  const char *strings;
  uint32_t strings_size;
} pc_function;

static int find_function(const uint8_t *at, const uint8_t *end, uintptr_t pc,
                         pc_function *out) {
  cursor c = {at, end, 0};
  while (c.at < c.end && !c.bad) {
    uintptr_t entry = read_address(&c);
    uint32_t size = read_uleb(&c);
    uint32_t n = read_uleb(&c);
    if (c.bad || (size_t)(c.end - c.at) < n)
      return 0;
    if (entry <= pc && pc - entry < size) {
      *out = (pc_function){entry, entry + size, (const char *)c.at, n};
      return 1;
    }
    c.at += n;
  }
  return 0;
}

/* The entry of a call or access. */
typedef struct pc_entry {
  uintptr_t address;
  const uint8_t *frames, *end; /* its frame data */
  uint32_t num_frames;
} pc_entry;

static void skip_frame(cursor *c) {
  read_uleb(c);
  read_uleb(c);
  if (read_uleb(c)) {
    read_uleb(c);
    read_uleb(c);
  }
}

/* pc: the faulting instruction's (at_pc) or the byte before a return
 * address. A call's entry is its return address, which may be the
 * function's end. */
static void find_entry(const uint8_t *at, const uint8_t *end,
                       const pc_function *f, uintptr_t pc, int at_pc,
                       pc_entry *best) {
  uintptr_t want = at_pc ? pc : pc + 1;
  unsigned kind = at_pc ? WK_PC_ACCESS : WK_PC_CALL;
  cursor c = {at, end, 0};
  while (c.at < c.end && !c.bad && !best->frames) {
    uintptr_t address = read_address(&c);
    uint32_t head = read_uleb(&c);
    const uint8_t *frames = c.at;
    uint32_t n = head >> 2;
    for (uint32_t i = 0; i < n && !c.bad; ++i)
      skip_frame(&c);
    if (!c.bad && address == want && (head & 3) == kind &&
        address >= f->entry && address <= f->end)
      *best = (pc_entry){address, frames, c.at, n};
  }
}

static const char *string_at(const pc_function *f, uint32_t offset) {
  if (offset >= f->strings_size ||
      !memchr(f->strings + offset, '\0', f->strings_size - offset))
    return NULL;
  return f->strings + offset;
}

size_t wk_rt_pc_frames(uintptr_t pc, int at_pc, wk_frame *out, size_t max) {
  pc_function f;
  int found = __start_wk_pc_funcs && __stop_wk_pc_funcs &&
              find_function(__start_wk_pc_funcs, __stop_wk_pc_funcs, pc, &f);
  const pc_tables *in = NULL;
  for (const pc_tables *t = __atomic_load_n(&registered, __ATOMIC_ACQUIRE);
       t && !found; t = t->next)
    if (__atomic_load_n(&t->active, __ATOMIC_ACQUIRE) &&
        find_function(t->funcs, t->funcs_end, pc, &f))
      found = 1, in = t;
  if (!found)
    return 0;
  pc_entry best = {0, NULL, NULL, 0};
  if (in)
    find_entry(in->map, in->map_end, &f, pc, at_pc, &best);
  else if (__start_wk_pc_map && __stop_wk_pc_map)
    find_entry(__start_wk_pc_map, __stop_wk_pc_map, &f, pc, at_pc, &best);
  if (!best.frames)
    return 0;
  cursor c = {best.frames, best.end, 0};
  size_t n = 0;
  for (uint32_t i = 0; i < best.num_frames && n < max && !c.bad; ++i) {
    wk_frame *frame = &out[n++];
    memset(frame, 0, sizeof *frame);
    uint32_t offset = read_uleb(&c);
    uint32_t name = read_uleb(&c);
    frame->code_offset = offset ? offset - 1 : 0;
    frame->func_name = name ? string_at(&f, name - 1) : NULL;
    frame->func_index = UINT32_MAX;
    frame->line = read_uleb(&c);
    if (frame->line) {
      frame->column = read_uleb(&c);
      frame->file = string_at(&f, read_uleb(&c));
    }
  }
  return c.bad ? 0 : n;
}
