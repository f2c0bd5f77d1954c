//===- Trace.cpp - Transcripts in the format of wabt's spectest-interp ----===//
//
// Value formatting and the host print functions of --trace (see Trace.h).
// The host functions are plain C-ABI functions called by generated code as
// code(ctx, params...) with ctx = the log stream; each also has the generic
// entry thunk so that wk_invoke could call it.
//
//===----------------------------------------------------------------------===//

#include "Trace.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

using namespace llvm;
using namespace wasmkiln;

std::string spec::formatTraceValue(StringRef type, const wk_value &value) {
  char buf[512];
  if (type == "i32") {
    std::snprintf(buf, sizeof buf, "i32:%" PRIu32,
                  static_cast<uint32_t>(value.i32));
  } else if (type == "i64") {
    std::snprintf(buf, sizeof buf, "i64:%" PRIu64,
                  static_cast<uint64_t>(value.i64));
  } else if (type == "f32") {
    std::snprintf(buf, sizeof buf, "f32:%f", static_cast<double>(value.f32));
  } else if (type == "f64") {
    std::snprintf(buf, sizeof buf, "f64:%f", value.f64);
  } else if (type == "v128") {
    uint32_t lanes[4];
    std::memcpy(lanes, value.v128, sizeof lanes);
    std::snprintf(buf, sizeof buf,
                  "v128 i32x4:0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32
                  " 0x%08" PRIx32,
                  lanes[0], lanes[1], lanes[2], lanes[3]);
  } else {
    std::snprintf(buf, sizeof buf, "%s:%s", type.str().c_str(),
                  value.ref ? "non-null" : "null");
  }
  return buf;
}

namespace {
raw_ostream &logOf(void *ctx) { return *static_cast<raw_ostream *>(ctx); }

void printCall(void *ctx, const char *name, const std::string &args) {
  logOf(ctx) << "called host spectest." << name << "(" << args << ") =>\n";
}

std::string fmt(StringRef type, wk_value v) {
  return spec::formatTraceValue(type, v);
}
wk_value ofI32(int32_t x) {
  wk_value v{};
  v.i32 = x;
  return v;
}
wk_value ofI64(int64_t x) {
  wk_value v{};
  v.i64 = x;
  return v;
}
wk_value ofF32(float x) {
  wk_value v{};
  v.f32 = x;
  return v;
}
wk_value ofF64(double x) {
  wk_value v{};
  v.f64 = x;
  return v;
}

void print(void *ctx) { printCall(ctx, "print", ""); }
void printI32(void *ctx, int32_t a) {
  printCall(ctx, "print_i32", fmt("i32", ofI32(a)));
}
void printI64(void *ctx, int64_t a) {
  printCall(ctx, "print_i64", fmt("i64", ofI64(a)));
}
void printF32(void *ctx, float a) {
  printCall(ctx, "print_f32", fmt("f32", ofF32(a)));
}
void printF64(void *ctx, double a) {
  printCall(ctx, "print_f64", fmt("f64", ofF64(a)));
}
void printI32F32(void *ctx, int32_t a, float b) {
  printCall(ctx, "print_i32_f32",
            fmt("i32", ofI32(a)) + ", " + fmt("f32", ofF32(b)));
}
void printF64F64(void *ctx, double a, double b) {
  printCall(ctx, "print_f64_f64",
            fmt("f64", ofF64(a)) + ", " + fmt("f64", ofF64(b)));
}

void entryV(void *code, void *ctx, wk_value *) {
  reinterpret_cast<void (*)(void *)>(code)(ctx);
}
void entryI(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, int32_t)>(code)(ctx, io[0].i32);
}
void entryL(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, int64_t)>(code)(ctx, io[0].i64);
}
void entryF(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, float)>(code)(ctx, io[0].f32);
}
void entryD(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, double)>(code)(ctx, io[0].f64);
}
void entryIF(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, int32_t, float)>(code)(ctx, io[0].i32,
                                                           io[1].f32);
}
void entryDD(void *code, void *ctx, wk_value *io) {
  reinterpret_cast<void (*)(void *, double, double)>(code)(ctx, io[0].f64,
                                                           io[1].f64);
}

struct PrintFunc {
  const char *name, *signature;
  void *code;
  wk_entry_fn entry;
};
const PrintFunc printFuncs[] = {
    {"print", ":", reinterpret_cast<void *>(print), entryV},
    {"print_i32", "i:", reinterpret_cast<void *>(printI32), entryI},
    {"print_i64", "l:", reinterpret_cast<void *>(printI64), entryL},
    {"print_f32", "f:", reinterpret_cast<void *>(printF32), entryF},
    {"print_f64", "d:", reinterpret_cast<void *>(printF64), entryD},
    {"print_i32_f32", "if:", reinterpret_cast<void *>(printI32F32), entryIF},
    {"print_f64_f64", "dd:", reinterpret_cast<void *>(printF64F64), entryDD},
};
} // namespace

bool spec::resolveTracePrint(const wk_import_desc &import, raw_ostream &log,
                             wk_extern &out) {
  if (import.kind != WK_EXTERN_FUNC || StringRef(import.module) != "spectest")
    return false;
  // One wk_func per print function and log stream, alive for the process.
  static std::vector<std::unique_ptr<wk_func>> funcs;
  for (const PrintFunc &print : printFuncs) {
    if (StringRef(import.field) != print.name)
      continue;
    auto func = std::make_unique<wk_func>();
    func->code = print.code;
    func->ctx = &log;
    func->type_id = wk_intern_type(print.signature);
    func->flags = 0;
    func->entry = print.entry;
    func->name = print.name;
    std::memset(&out, 0, sizeof out);
    out.kind = WK_EXTERN_FUNC;
    out.u.func = func.get();
    funcs.push_back(std::move(func));
    return true;
  }
  return false;
}
