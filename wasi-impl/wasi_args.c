/*===- wasi_args.c - args_* and environ_* ----------------------------------===*
 *
 * Copies the context's argument and environment strings into guest memory:
 * a pointer array plus one NUL-terminated string buffer each.
 *===----------------------------------------------------------------------===*/

#include "wasi_internal.h"

static int32_t sizes_get(wk_instance *inst, char **strings, uint32_t count,
                         uint32_t count_ptr, uint32_t size_ptr) {
  uint64_t size = 0;
  for (uint32_t i = 0; i < count; ++i)
    size += strlen(strings[i]) + 1;
  if (size > UINT32_MAX)
    return WE_OVERFLOW;
  int32_t rc = wasi_store_u32(inst, count_ptr, count);
  return rc ? rc : wasi_store_u32(inst, size_ptr, (uint32_t)size);
}

static int32_t strings_get(wk_instance *inst, char **strings, uint32_t count,
                           uint32_t array_ptr, uint32_t buf_ptr) {
  uint8_t *array = wasi_mem(inst, array_ptr, (uint64_t)count * 4);
  if (!array)
    return WE_FAULT;
  uint64_t size = 0;
  for (uint32_t i = 0; i < count; ++i)
    size += strlen(strings[i]) + 1;
  uint8_t *buf = wasi_mem(inst, buf_ptr, size);
  if (!buf)
    return WE_FAULT;
  uint32_t offset = 0;
  for (uint32_t i = 0; i < count; ++i) {
    size_t len = strlen(strings[i]) + 1;
    memcpy(buf + offset, strings[i], len);
    wasi_put_u32(array + 4 * i, buf_ptr + offset);
    offset += (uint32_t)len;
  }
  return WE_SUCCESS;
}

int32_t WK_WASI_FN(args_sizes_get)(wk_instance *inst, int32_t argc,
                                   int32_t size) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return sizes_get(inst, NULL, 0, (uint32_t)argc, (uint32_t)size);
  return sizes_get(inst, ctx->args, ctx->num_args, (uint32_t)argc,
                   (uint32_t)size);
}

int32_t WK_WASI_FN(args_get)(wk_instance *inst, int32_t argv, int32_t buf) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return WE_SUCCESS;
  return strings_get(inst, ctx->args, ctx->num_args, (uint32_t)argv,
                     (uint32_t)buf);
}

int32_t WK_WASI_FN(environ_sizes_get)(wk_instance *inst, int32_t count,
                                      int32_t size) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return sizes_get(inst, NULL, 0, (uint32_t)count, (uint32_t)size);
  return sizes_get(inst, ctx->env, ctx->num_env, (uint32_t)count,
                   (uint32_t)size);
}

int32_t WK_WASI_FN(environ_get)(wk_instance *inst, int32_t env, int32_t buf) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return WE_SUCCESS;
  return strings_get(inst, ctx->env, ctx->num_env, (uint32_t)env,
                     (uint32_t)buf);
}
