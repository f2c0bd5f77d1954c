/*===- pc_map.c - Native pc -> wasm location, for backtraces --------------===*
 *
 * Reads the table runtime.h describes (WK_PC_MAP_SECTION): the one linked
 * into this executable (the linker's __start_/__stop_ symbols; weak, so a
 * program without wasm code links too) and those the JIT registered.
 * Called on the trap path only, also in the signal handler: no allocation,
 * no locks; the records are scanned, as they are in no order. Registered
 * tables are nodes of a list that only grows (an unregistered node is
 * switched off, never freed), so that a walk in a signal handler never
 * sees a node go away.
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>

extern const uint8_t __start_wk_pc_map[]
    __attribute__((weak, visibility("hidden")));
extern const uint8_t __stop_wk_pc_map[]
    __attribute__((weak, visibility("hidden")));

typedef struct pc_map {
  const uint8_t *begin, *end;
  int active;
  struct pc_map *next;
} pc_map;

static pc_map *registered; /* newest first */
static pthread_mutex_t register_lock = PTHREAD_MUTEX_INITIALIZER;

void wk_register_pc_map(const void *map, size_t size) {
  pc_map *t = calloc(1, sizeof *t);
  if (!t)
    return; /* only backtraces lose their offsets */
  t->begin = map;
  t->end = t->begin + size;
  t->active = 1;
  pthread_mutex_lock(&register_lock);
  t->next = registered;
  __atomic_store_n(&registered, t, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&register_lock);
}

void wk_unregister_pc_map(const void *map) {
  pthread_mutex_lock(&register_lock);
  for (pc_map *t = registered; t; t = t->next)
    if (t->begin == map && __atomic_load_n(&t->active, __ATOMIC_RELAXED))
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

/* A LEB128 of at most 64 bits, sign-extended if is_signed. */
static uint64_t read_leb(cursor *c, int is_signed) {
  uint64_t value = 0;
  for (unsigned shift = 0; c->at < c->end && shift < 64; shift += 7) {
    uint8_t byte = *c->at++;
    value |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      if (is_signed && shift + 7 < 64 && (byte & 0x40))
        value |= ~(uint64_t)0 << (shift + 7);
      return value;
    }
  }
  c->bad = 1;
  return 0;
}

static uint32_t read_uleb(cursor *c) {
  uint64_t value = read_leb(c, 0);
  return value > UINT32_MAX ? (c->bad = 1, 0) : (uint32_t)value;
}

/* The record of the function whose code holds pc. */
typedef struct pc_function {
  uintptr_t entry, end;
  const char *strings;
  uint32_t strings_size;
  const uint8_t *entries, *entries_end;
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
    const char *strings = (const char *)c.at;
    c.at += n;
    uint32_t m = read_uleb(&c);
    if (c.bad || (size_t)(c.end - c.at) < m)
      return 0;
    if (entry <= pc && pc - entry < size) {
      *out = (pc_function){entry, entry + size, strings, n, c.at, c.at + m};
      return 1;
    }
    c.at += m;
  }
  return 0;
}

/* Reads a frame; offset: the running value of the record's offsets. */
static void read_frame(cursor *c, int64_t *offset, uint32_t *name,
                       uint32_t *line, uint32_t *column, uint32_t *file) {
  *offset += (int64_t)read_leb(c, 1);
  uint32_t name_and_source = read_uleb(c);
  int has_source = name_and_source & 1;
  *name = name_and_source >> 1;
  *line = has_source ? read_uleb(c) : 0;
  *column = has_source ? read_uleb(c) : 0;
  *file = has_source ? read_uleb(c) : 0;
  if (*offset < 0 || *offset > (int64_t)UINT32_MAX + 1)
    c->bad = 1;
}

/* The entry of a call or access: where its frames are. */
typedef struct pc_entry {
  cursor frames;
  int64_t offset; /* the record's running offset before them */
  uint32_t num_frames;
} pc_entry;

/* pc: the faulting instruction's (at_pc) or the byte before a return
 * address. A call's entry is its return address, which may be the
 * function's end. */
static int find_entry(const pc_function *f, uintptr_t pc, int at_pc,
                      pc_entry *out) {
  uintptr_t want = at_pc ? pc : pc + 1;
  unsigned kind = at_pc ? WK_PC_ACCESS : WK_PC_CALL;
  uintptr_t address = f->entry;
  int64_t offset = 0;
  cursor c = {f->entries, f->entries_end, 0};
  while (c.at < c.end && !c.bad && address <= want) {
    address += read_uleb(&c);
    uint32_t head = read_uleb(&c);
    *out = (pc_entry){c, offset, head >> 2};
    for (uint32_t i = 0; i < out->num_frames && !c.bad; ++i) {
      uint32_t name, line, column, file;
      read_frame(&c, &offset, &name, &line, &column, &file);
    }
    if (!c.bad && address == want && (head & 3) == kind && address <= f->end)
      return 1;
  }
  return 0;
}

static const char *string_at(const pc_function *f, uint32_t offset) {
  if (offset >= f->strings_size ||
      !memchr(f->strings + offset, '\0', f->strings_size - offset))
    return NULL;
  return f->strings + offset;
}

size_t wk_rt_pc_frames(uintptr_t pc, int at_pc, wk_frame *out, size_t max) {
  pc_function f;
  int found = __start_wk_pc_map && __stop_wk_pc_map &&
              find_function(__start_wk_pc_map, __stop_wk_pc_map, pc, &f);
  for (const pc_map *t = __atomic_load_n(&registered, __ATOMIC_ACQUIRE);
       t && !found; t = t->next)
    if (__atomic_load_n(&t->active, __ATOMIC_ACQUIRE))
      found = find_function(t->begin, t->end, pc, &f);
  if (!found)
    return 0;
  pc_entry e;
  if (!find_entry(&f, pc, at_pc, &e))
    return 0;
  size_t n = 0;
  for (uint32_t i = 0; i < e.num_frames && n < max && !e.frames.bad; ++i) {
    uint32_t name, file;
    wk_frame *frame = &out[n++];
    memset(frame, 0, sizeof *frame);
    read_frame(&e.frames, &e.offset, &name, &frame->line, &frame->column,
               &file);
    frame->code_offset = e.offset ? (uint32_t)(e.offset - 1) : 0;
    frame->func_name = name ? string_at(&f, name - 1) : NULL;
    frame->func_index = UINT32_MAX;
    frame->file = frame->line ? string_at(&f, file) : NULL;
  }
  return e.frames.bad ? 0 : n;
}
