//===- Helpers.cpp - Hand-built module descriptors for runtime tests -----===//

#include "Helpers.h"

using namespace wktest;

void wktest::entryII_I(void *code, void *ctx, wk_value *io) {
  auto fn = reinterpret_cast<int32_t (*)(void *, int32_t, int32_t)>(code);
  io[0].i32 = fn(ctx, io[0].i32, io[1].i32);
}

void wktest::entryVoid(void *code, void *ctx, wk_value *) {
  reinterpret_cast<void (*)(void *)>(code)(ctx);
}

void wktest::entryI_I(void *code, void *ctx, wk_value *io) {
  auto fn = reinterpret_cast<int32_t (*)(void *, int32_t)>(code);
  io[0].i32 = fn(ctx, io[0].i32);
}

MemoryInstance::MemoryInstance(wk_limits l, uint32_t boundsChecks,
                               uint64_t maxPages) {
  builder.module.bounds_checks = boundsChecks;
  builder.exportAs("mem", WK_EXTERN_MEMORY, builder.memory(l));
  wk_instantiate_options options{};
  options.max_memory_pages = maxPages;
  status = wk_instantiate(builder.finish(), &options, &instance, error,
                          sizeof error);
  wk_extern ext;
  if (status == WK_OK && wk_instance_export(instance, "mem", &ext) == 0)
    mem = ext.u.memory;
}

static void callbackThunk(void *code, void *ctx, wk_value *) {
  auto *self = static_cast<Callback *>(ctx);
  (void)code;
  self->fn(self->arg);
}

Callback::Callback(void (*fn)(void *), void *arg) : fn(fn), arg(arg) {
  func.code = nullptr;
  func.ctx = this;
  func.type_id = wk_intern_type(":");
  func.entry = callbackThunk;
  func.name = "callback";
}
