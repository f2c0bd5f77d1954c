/*===- table.c - Tables of references -------------------------------------===*
 *
 * A table is a growable array of pointers (funcref: const wk_func *,
 * externref: host pointer, NULL for ref.null). Unlike memories its elements
 * may move on growth: generated code reloads wk_table.elements on each use.
 * Bulk operations check their whole range in 64-bit arithmetic before
 * touching anything, as the 2.0 spec requires.
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* An implementation limit that keeps element arrays within sane sizes;
 * the spec allows growth to fail. */
#define WK_RT_MAX_TABLE_SIZE (10u * 1000 * 1000)

wk_table *wk_rt_table_create(const wk_table_type *type) {
  if (type->limits.min > WK_RT_MAX_TABLE_SIZE)
    return NULL;
  wk_table *table = calloc(1, sizeof *table);
  if (!table)
    return NULL;
  uint32_t size = (uint32_t)type->limits.min;
  table->elements = calloc(size ? size : 1, sizeof(void *));
  if (!table->elements) {
    free(table);
    return NULL;
  }
  table->size = size;
  table->has_max = type->limits.has_max != 0;
  table->max = type->limits.has_max && type->limits.max < UINT32_MAX
                   ? (uint32_t)type->limits.max
                   : UINT32_MAX;
  /* Every function reference is stored like funcref, every other one like
   * externref (ValType.h's storageType); instantiation canonicalises
   * ref_type's type index. */
  uint32_t kind = type->elem_type & 0xff, heap = type->elem_type >> 8;
  int typed = kind == WK_REF_NULL || kind == WK_REF;
  int func = heap < WK_HEAP_ABSTRACT || heap == (WK_HEAP_ABSTRACT | 0x70) ||
             heap == (WK_HEAP_ABSTRACT | 0x73);
  table->elem_type =
      typed ? (func ? WK_FUNCREF : WK_EXTERNREF) : (uint8_t)type->elem_type;
  table->ref_type = type->elem_type;
  table->is64 = (type->limits.flags & WK_LIMITS_I64) != 0;
  return table;
}

void wk_rt_table_destroy(wk_table *table) {
  if (!table)
    return;
  free(table->elements);
  free(table);
}

int32_t wk_table_grow(wk_table *table, void *init, uint32_t delta) {
  return (int32_t)wk_table_grow64(table, init, delta);
}

int64_t wk_table_grow64(wk_table *table, void *init, uint64_t delta) {
  uint64_t old_size = table->size;
  uint64_t limit = table->has_max ? table->max : UINT32_MAX;
  if (limit > WK_RT_MAX_TABLE_SIZE)
    limit = WK_RT_MAX_TABLE_SIZE;
  if (delta > limit - old_size)
    return -1;
  uint64_t new_size = old_size + delta;
  if (delta) {
    void **grown = realloc(table->elements, new_size * sizeof(void *));
    if (!grown)
      return -1;
    for (uint64_t i = old_size; i < new_size; ++i)
      grown[i] = init;
    table->elements = grown;
    table->size = (uint32_t)new_size;
  }
  return (int64_t)old_size;
}

static int out_of_range(uint64_t start, uint64_t n, uint64_t size) {
  return start > size || n > size - start; /* no 64-bit overflow */
}

void wk_table_fill(wk_table *table, uint32_t dst, void *value, uint32_t n) {
  wk_table_fill64(table, dst, value, n);
}

void wk_table_fill64(wk_table *table, uint64_t dst, void *value, uint64_t n) {
  if (out_of_range(dst, n, table->size))
    wk_trap_at(WK_TRAP_TABLE_OOB, NULL);
  for (uint64_t i = 0; i < n; ++i)
    table->elements[dst + i] = value;
}

void wk_table_copy(wk_table *dst_table, wk_table *src_table, uint32_t dst,
                   uint32_t src, uint32_t n) {
  wk_table_copy64(dst_table, src_table, dst, src, n);
}

void wk_table_copy64(wk_table *dst_table, wk_table *src_table, uint64_t dst,
                     uint64_t src, uint64_t n) {
  if (out_of_range(dst, n, dst_table->size) ||
      out_of_range(src, n, src_table->size))
    wk_trap_at(WK_TRAP_TABLE_OOB, NULL);
  if (n)
    memmove(dst_table->elements + dst, src_table->elements + src,
            n * sizeof(void *));
}

void wk_table_init(wk_table *table, void *const *items, uint32_t count,
                   uint32_t dst, uint32_t src, uint32_t n) {
  wk_table_init64(table, items, count, dst, src, n);
}

void wk_table_init64(wk_table *table, void *const *items, uint32_t count,
                     uint64_t dst, uint32_t src, uint32_t n) {
  if (out_of_range(dst, n, table->size) || out_of_range(src, n, count))
    wk_trap_at(WK_TRAP_TABLE_OOB, NULL);
  if (n)
    memcpy(table->elements + dst, items + src, n * sizeof(void *));
}
