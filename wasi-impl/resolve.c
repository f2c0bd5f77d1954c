/*===- resolve.c - The wasi_snapshot_preview1 import resolver -------------===*
 *
 * One shared wk_func per WASI function, with ctx NULL so that the runtime
 * binds a copy per importing instance, and a generic-call thunk per
 * signature (wk_invoke and call_indirect through tables use it).
 *===----------------------------------------------------------------------===*/

#include "wasi_internal.h"

#include <pthread.h>
#include <string.h>

typedef wk_instance *I;
#define A(n) io[n].i32
#define L(n) io[n].i64

/* THUNK(suffix, parameter types, arguments from io[]) */
#define THUNK(sfx, params, args)                                               \
  static void thunk_##sfx(void *code, void *ctx, wk_value *io) {               \
    int32_t(*fn) params = (int32_t(*) params)code;                             \
    io[0].i32 = fn args;                                                       \
  }
THUNK(_i, (I), ((I)ctx))
THUNK(i_i, (I, int32_t), ((I)ctx, A(0)))
THUNK(ii_i, (I, int32_t, int32_t), ((I)ctx, A(0), A(1)))
THUNK(iii_i, (I, int32_t, int32_t, int32_t), ((I)ctx, A(0), A(1), A(2)))
THUNK(iiii_i, (I, int32_t, int32_t, int32_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3)))
THUNK(iiiii_i, (I, int32_t, int32_t, int32_t, int32_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3), A(4)))
THUNK(iiiiii_i, (I, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3), A(4), A(5)))
THUNK(iiiiiii_i,
      (I, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3), A(4), A(5), A(6)))
THUNK(il_i, (I, int32_t, int64_t), ((I)ctx, A(0), L(1)))
THUNK(ili_i, (I, int32_t, int64_t, int32_t), ((I)ctx, A(0), L(1), A(2)))
THUNK(ill_i, (I, int32_t, int64_t, int64_t), ((I)ctx, A(0), L(1), L(2)))
THUNK(illi_i, (I, int32_t, int64_t, int64_t, int32_t),
      ((I)ctx, A(0), L(1), L(2), A(3)))
THUNK(ilii_i, (I, int32_t, int64_t, int32_t, int32_t),
      ((I)ctx, A(0), L(1), A(2), A(3)))
THUNK(iiili_i, (I, int32_t, int32_t, int32_t, int64_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), L(3), A(4)))
THUNK(iiiilli_i,
      (I, int32_t, int32_t, int32_t, int32_t, int64_t, int64_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3), L(4), L(5), A(6)))
THUNK(iiiiillii_i,
      (I, int32_t, int32_t, int32_t, int32_t, int32_t, int64_t, int64_t,
       int32_t, int32_t),
      ((I)ctx, A(0), A(1), A(2), A(3), A(4), L(5), L(6), A(7), A(8)))

static void thunk_i_(void *code, void *ctx, wk_value *io) {
  void (*fn)(I, int32_t) = (void (*)(I, int32_t))code;
  fn((I)ctx, A(0));
}

typedef struct wasi_export {
  const char *name;
  const char *sig; /* "ii_i" form; '_' becomes ':' when interned */
  wk_func func;
} wasi_export;

static wasi_export exports[] = {
#define WASI_FN(name, sfx)                                                     \
  {#name, #sfx, {(void *)WK_WASI_FN(name), NULL, 0, 0, thunk_##sfx, #name}},
#include "wasi_funcs.def"
};

/* wasi-threads' one function, in the module "wasi". */
static wasi_export thread_spawn = {
    "thread-spawn", "i_i",
    {(void *)WK_WASI_THREAD_SPAWN, NULL, 0, 0, thunk_i_i, "thread-spawn"}};

static pthread_once_t interned = PTHREAD_ONCE_INIT;

static void intern_types(void) {
  for (size_t i = 0; i < sizeof exports / sizeof *exports; ++i) {
    char sig[16];
    strncpy(sig, exports[i].sig, sizeof sig - 1);
    sig[sizeof sig - 1] = 0;
    *strchr(sig, '_') = ':';
    exports[i].func.type_id = wk_intern_type(sig);
  }
  thread_spawn.func.type_id = wk_intern_type("i:i");
}

int wk_wasi_resolve_import(void *user, const wk_import_desc *import,
                           wk_extern *out) {
  (void)user;
  if (!import || !import->module || !import->field ||
      import->kind != WK_EXTERN_FUNC)
    return -1;
  pthread_once(&interned, intern_types);
  if (strcmp(import->module, "wasi") == 0 &&
      strcmp(import->field, thread_spawn.name) == 0) {
    memset(out, 0, sizeof *out);
    out->kind = WK_EXTERN_FUNC;
    out->u.func = &thread_spawn.func;
    return 0;
  }
  if (strcmp(import->module, "wasi_snapshot_preview1") != 0)
    return -1;
  for (size_t i = 0; i < sizeof exports / sizeof *exports; ++i) {
    if (strcmp(exports[i].name, import->field) == 0) {
      memset(out, 0, sizeof *out);
      out->kind = WK_EXTERN_FUNC;
      out->u.func = &exports[i].func;
      return 0;
    }
  }
  return -1;
}
