/*===- exception.c - Wasm exceptions on the Itanium zero-cost unwinder -----===*
 *
 * A wasm exception is a wk_exception whose header is an _Unwind_Exception.
 * wk_throw raises it with _Unwind_RaiseException (libgcc's unwinder, linked
 * into every executable); the generated code of a function with try blocks
 * calls through `invoke` and names wk_personality as its personality, with
 * one catch-all landing pad per try. Phase 1 therefore stops at the first
 * wasm frame whose call site has a landing pad; phase 2 unwinds to it and
 * the landing pad's code (generated) compares tags and, if no clause
 * matches, throws the exception on with wk_throw. Code that does not throw
 * pays nothing: calls outside try blocks stay plain calls, and the tables
 * are only read while an exception is in flight.
 *
 * The search finds no handler beyond the innermost wk_invoke: the
 * personality routine ignores the frames of its callers (a host function
 * between two wasm calls may be compiled with unwind tables, and the entry
 * thunk may have tail-called the function), so an exception that nothing
 * caught makes _Unwind_RaiseException return, and wk_throw hands the
 * exception to the innermost wk_invoke as WK_EXCEPTION (trap.c), the way
 * traps get there.
 * Traps never unwind: they siglongjmp past every handler.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unwind.h>

/* "WASMKILN" as the unwinder's exception class: foreign exceptions (C++
 * ones thrown by a host) pass through wasm frames untouched. */
#define WK_EXCEPTION_CLASS 0x57415341534d4b4cull

_Static_assert(sizeof(struct _Unwind_Exception) <=
                   sizeof(((wk_exception *)0)->unwind_header),
               "wk_exception.unwind_header must hold an _Unwind_Exception");

static WK_RT_TLS wk_exception *uncaught;

/* Every exception lives until the process ends: an exnref may be stored in
 * any global, table or host variable, and nothing collects them. The
 * runtime owns them all through this registry (so they are never lost,
 * only kept). */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static wk_exception **registry;
static size_t registry_size, registry_capacity;

static int register_exception(wk_exception *exn) {
  pthread_mutex_lock(&registry_lock);
  int ok = 1;
  if (registry_size == registry_capacity) {
    size_t capacity = registry_capacity ? 2 * registry_capacity : 64;
    wk_exception **grown = realloc(registry, capacity * sizeof *grown);
    if (grown) {
      registry = grown;
      registry_capacity = capacity;
    } else {
      ok = 0;
    }
  }
  if (ok)
    registry[registry_size++] = exn;
  pthread_mutex_unlock(&registry_lock);
  return ok;
}

wk_exception *wk_uncaught_exception(void) { return uncaught; }

wk_exception *wk_exception_new(const wk_tag *tag) {
  uint32_t n = tag ? tag->num_params : 0;
  wk_exception *exn = aligned_alloc(
      16, (sizeof(wk_exception) + n * sizeof(wk_value) + 15) & ~(size_t)15);
  if (!exn || !register_exception(exn)) {
    free(exn);
    wk_raise_trap(WK_TRAP_HOST, "out of memory for an exception");
  }
  memset(exn, 0, sizeof *exn + n * sizeof(wk_value));
  exn->tag = tag;
  exn->num_values = n;
  return exn;
}

__attribute__((noreturn)) static void raise(wk_exception *exn) {
  struct _Unwind_Exception *header = (struct _Unwind_Exception *)exn;
  memset(header, 0, sizeof *header);
  header->exception_class = WK_EXCEPTION_CLASS;
  _Unwind_RaiseException(header);
  /* No wasm handler up to the innermost wk_invoke (or none at all). */
  uncaught = exn;
  wk_rt_unwind_exception();
}

void wk_throw(wk_exception *exn, const char *func_name) {
  if (!exn)
    wk_trap_at(WK_TRAP_NULL_EXNREF, func_name);
  raise(exn);
}

void wk_raise_exception(wk_exception *exn) {
  if (!exn)
    wk_raise_trap(WK_TRAP_NULL_EXNREF, NULL);
  raise(exn);
}

/*---- The personality routine ----*/

/* DWARF pointer encodings (DW_EH_PE_*) as LLVM writes them in the LSDA. */
enum {
  PE_ABSPTR = 0x00,
  PE_ULEB128 = 0x01,
  PE_UDATA2 = 0x02,
  PE_UDATA4 = 0x03,
  PE_UDATA8 = 0x04,
  PE_SLEB128 = 0x09,
  PE_SDATA2 = 0x0a,
  PE_SDATA4 = 0x0b,
  PE_SDATA8 = 0x0c,
  PE_PCREL = 0x10,
  PE_INDIRECT = 0x80,
  PE_OMIT = 0xff,
};

/* A LEB128, sign-extended if is_signed. The LSDA is LLVM's, so it is well
 * formed, but bits past the width are dropped rather than shifted (UB). */
static uintptr_t read_leb(const uint8_t **p, int is_signed) {
  uintptr_t value = 0;
  unsigned shift = 0;
  uint8_t byte;
  do {
    byte = *(*p)++;
    if (shift < 8 * sizeof value)
      value |= (uintptr_t)(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (is_signed && shift < 8 * sizeof value && (byte & 0x40))
    value |= -((uintptr_t)1 << shift);
  return value;
}

static uintptr_t read_uleb(const uint8_t **p) { return read_leb(p, 0); }

/* One value of the given encoding (call-site entries use no indirection). */
static uintptr_t read_encoded(const uint8_t **p, uint8_t encoding) {
  const uint8_t *start = *p;
  uintptr_t value = 0;
  switch (encoding & 0x0f) {
  case PE_ABSPTR:
    memcpy(&value, *p, sizeof value);
    *p += sizeof value;
    break;
  case PE_ULEB128:
    value = read_uleb(p);
    break;
  case PE_SLEB128:
    value = read_leb(p, 1);
    break;
  case PE_UDATA2: {
    uint16_t v;
    memcpy(&v, *p, 2);
    *p += 2;
    value = v;
    break;
  }
  case PE_SDATA2: {
    int16_t v;
    memcpy(&v, *p, 2);
    *p += 2;
    value = (uintptr_t)(intptr_t)v;
    break;
  }
  case PE_UDATA4: {
    uint32_t v;
    memcpy(&v, *p, 4);
    *p += 4;
    value = v;
    break;
  }
  case PE_SDATA4: {
    int32_t v;
    memcpy(&v, *p, 4);
    *p += 4;
    value = (uintptr_t)(intptr_t)v;
    break;
  }
  case PE_UDATA8:
  case PE_SDATA8: {
    uint64_t v;
    memcpy(&v, *p, 8);
    *p += 8;
    value = (uintptr_t)v;
    break;
  }
  }
  if (value && (encoding & 0x70) == PE_PCREL)
    value += (uintptr_t)start;
  if (value && (encoding & PE_INDIRECT))
    memcpy(&value, (const void *)value, sizeof value);
  return value;
}

/* The landing pad of the call site containing ip in the LSDA at lsda, or 0
 * when the call is not inside a try block. */
static uintptr_t find_landing_pad(const uint8_t *lsda, uintptr_t func_start,
                                  uintptr_t ip) {
  const uint8_t *p = lsda;
  uint8_t lpstart_encoding = *p++;
  uintptr_t lpstart = func_start;
  if (lpstart_encoding != PE_OMIT)
    lpstart = read_encoded(&p, lpstart_encoding);
  uint8_t ttype_encoding = *p++;
  if (ttype_encoding != PE_OMIT)
    read_uleb(&p); /* the type table: every wasm landing pad catches all */
  uint8_t callsite_encoding = *p++;
  uintptr_t table_length = read_uleb(&p);
  const uint8_t *end = p + table_length;
  while (p < end) {
    uintptr_t start = read_encoded(&p, callsite_encoding);
    uintptr_t length = read_encoded(&p, callsite_encoding);
    uintptr_t pad = read_encoded(&p, callsite_encoding);
    read_uleb(&p); /* action */
    if (ip < func_start + start)
      return 0; /* the table is sorted */
    if (ip < func_start + start + length)
      return pad ? lpstart + pad : 0;
  }
  return 0;
}

/* Whether the frame is a caller of the innermost wk_invoke (stacks grow
 * down on every target): its handlers must not see the exception, which
 * ends that wk_invoke. The unwinder cannot be relied on to stop at the
 * entry thunk by itself: a thunk that tail-calls the function leaves no
 * frame, and the runtime's own frames have unwind tables. */
static int beyond_innermost_invoke(struct _Unwind_Context *context) {
  uintptr_t frame = wk_rt_innermost_frame_address();
  return frame && (uintptr_t)_Unwind_GetCFA(context) > frame;
}

_Unwind_Reason_Code wk_personality(int version, _Unwind_Action actions,
                                   uint64_t exception_class,
                                   struct _Unwind_Exception *header,
                                   struct _Unwind_Context *context) {
  if (version != 1)
    return _URC_FATAL_PHASE1_ERROR;
  if (exception_class != WK_EXCEPTION_CLASS)
    return _URC_CONTINUE_UNWIND;
  const uint8_t *lsda = _Unwind_GetLanguageSpecificData(context);
  if (!lsda || beyond_innermost_invoke(context))
    return _URC_CONTINUE_UNWIND;
  int before = 0;
  uintptr_t ip = _Unwind_GetIPInfo(context, &before);
  if (!before)
    --ip; /* the return address may start the next call site */
  uintptr_t pad = find_landing_pad(lsda, _Unwind_GetRegionStart(context), ip);
  if (!pad)
    return _URC_CONTINUE_UNWIND;
  if (actions & _UA_SEARCH_PHASE)
    return _URC_HANDLER_FOUND;
  _Unwind_SetGR(context, __builtin_eh_return_data_regno(0), (uintptr_t)header);
  _Unwind_SetGR(context, __builtin_eh_return_data_regno(1), 0);
  _Unwind_SetIP(context, pad);
  return _URC_INSTALL_CONTEXT;
}
