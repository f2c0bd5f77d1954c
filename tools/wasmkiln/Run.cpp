//===- Run.cpp - `wasmkiln run`: execute a module with the JIT -----------===//
//
// Compiles the module in process (the same IR generator and runtime as the
// ahead-of-time path) and runs it: a WASI command's _start, or with
// --invoke=NAME one export called with the arguments parsed as its
// parameters, printing its results one per line. Resource limits apply as
// in executables: the checks are compiled in, the limits given to the
// instance, and a stack budget gets a thread with a stack that big. A
// wasi-threads program that spawned threads ends the process from whichever
// thread ends it (endProcess).
//
//===----------------------------------------------------------------------===//

#include "Run.h"
#include "Input.h"
#include "wasmkiln/driver/JIT.h"
#include "wasmkiln/wasm/Decoder.h"
#include "wasmkiln/wasm/Error.h"

#include "wasmkiln/runtime.h"
#include "wasmkiln/wasi.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstring>
#include <unistd.h>

using namespace llvm;
using namespace wasmkiln;

static int runError(const Twine &message) {
  WithColor::error(errs(), "wasmkiln") << message << "\n";
  return 1;
}

/// Parses a command-line argument as a value of \p type.
static bool parseArg(StringRef text, ValType type, wk_value &out) {
  std::memset(&out, 0, sizeof out);
  std::string s = text.str();
  char *end = nullptr;
  switch (type) {
  case ValType::I32:
  case ValType::I64: {
    long long v = std::strtoll(s.c_str(), &end, 0);
    if (s.empty() || *end) {
      unsigned long long u = std::strtoull(s.c_str(), &end, 0);
      if (s.empty() || *end)
        return false;
      v = static_cast<long long>(u);
    }
    if (type == ValType::I32)
      out.i32 = static_cast<int32_t>(v);
    else
      out.i64 = v;
    return true;
  }
  case ValType::F32:
    out.f32 = std::strtof(s.c_str(), &end);
    return !s.empty() && !*end;
  case ValType::F64:
    out.f64 = std::strtod(s.c_str(), &end);
    return !s.empty() && !*end;
  default:
    return false; // v128 and references can't be given on a command line
  }
}

static void printFloatBits(raw_ostream &os, double value, uint64_t bits,
                           unsigned mantissaBits) {
  if (std::isnan(value)) {
    uint64_t payload = bits & ((1ull << mantissaBits) - 1);
    os << (std::signbit(value) ? "-" : "") << "nan:0x";
    os.write_hex(payload);
    return;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, mantissaBits == 23 ? "%.9g" : "%.17g",
                value);
  os << buffer;
}

static void printValue(raw_ostream &os, ValType type, const wk_value &value) {
  switch (type) {
  case ValType::I32:
    os << value.i32;
    break;
  case ValType::I64:
    os << value.i64;
    break;
  case ValType::F32: {
    uint32_t bits;
    std::memcpy(&bits, &value, 4);
    printFloatBits(os, value.f32, bits, 23);
    break;
  }
  case ValType::F64: {
    uint64_t bits;
    std::memcpy(&bits, &value, 8);
    printFloatBits(os, value.f64, bits, 52);
    break;
  }
  case ValType::V128: {
    os << "v128";
    for (unsigned i = 0; i < 4; ++i) {
      uint32_t lane;
      std::memcpy(&lane, value.v128 + 4 * i, 4);
      os << " 0x";
      os.write_hex(lane);
    }
    break;
  }
  default:
    if (value.ref)
      os << "ref";
    else
      os << "null";
  }
  os << "\n";
}

static const FuncType *findExportType(const wasmkiln::Module &module,
                                      StringRef name) {
  for (const Export &exp : module.exports)
    if (exp.kind == ExternKind::Func && exp.name == name)
      return &module.funcType(exp.index);
  return nullptr;
}

static int invokeExport(wk_instance *instance, const wasmkiln::Module &module,
                        const RunRequest &request) {
  const FuncType *type = findExportType(module, request.invoke);
  wk_extern target;
  if (!type || wk_instance_export(instance, request.invoke.c_str(), &target))
    return runError("no exported function '" + request.invoke + "'");
  if (request.args.size() != type->params.size())
    return runError("'" + request.invoke + "' takes " +
                    Twine(type->params.size()) + " arguments");
  std::vector<wk_value> args(type->params.size());
  for (size_t i = 0; i < args.size(); ++i)
    if (!parseArg(request.args[i], type->params[i], args[i]))
      return runError("cannot parse argument '" + request.args[i] + "' as " +
                      getValTypeName(type->params[i]));
  std::vector<wk_value> results(std::max<size_t>(type->results.size(), 1));
  wk_trap trap = wk_invoke(target.u.func, args.data(), results.data());
  if (trap != WK_TRAP_NONE) {
    outs().flush();
    return wk_wasi_trap_status(trap, "");
  }
  for (size_t i = 0; i < type->results.size(); ++i)
    printValue(outs(), type->results[i], results[i]);
  return 0;
}

/// The exit handler of wasi-threads programs: other threads may still run
/// JIT code, so no static destructors (the JIT's) may run under them.
static void endProcess(int status) {
  outs().flush();
  errs().flush();
  std::fflush(nullptr);
  _exit(status);
}

namespace {
/// What runs on the (possibly dedicated) thread.
struct RunJob {
  const RunRequest &request;
  const wk_module *descriptor;
  const wasmkiln::Module &wasm;
  wk_instantiate_options limits;
  int status = 1;
};
} // namespace

static void runJob(void *arg) {
  RunJob &job = *static_cast<RunJob *>(arg);
  const RunRequest &request = job.request;
  if (!request.invoke.empty()) {
    wk_instantiate_options options = job.limits;
    options.resolver = wk_wasi_resolve_import;
    wk_instance *instance = nullptr;
    char error[512] = "";
    wk_status status = wk_instantiate(job.descriptor, &options, &instance,
                                      error, sizeof error);
    if (status != WK_OK) {
      job.status = wk_wasi_instantiation_status(status, error);
      return;
    }
    job.status = invokeExport(instance, job.wasm, request);
    wk_instance_free(instance);
    return;
  }
  std::vector<const char *> argv = {request.input.c_str()};
  for (const std::string &arg : request.args)
    argv.push_back(arg.c_str());
  job.status = wk_wasi_run_command_limited(
      job.descriptor, static_cast<int>(argv.size()), argv.data(),
      request.grants.c_str(), &job.limits);
}

int wasmkiln::runModule(const RunRequest &request) {
  auto buffer = MemoryBuffer::getFile(request.input, /*IsText=*/false);
  if (!buffer)
    return runError("cannot read '" + request.input +
                    "': " + buffer.getError().message());
  auto input = ModuleInput::create(request.input, std::move(*buffer));
  if (!input) {
    printInputError(errs(), request.input, input.takeError());
    return 1;
  }
  ArrayRef<uint8_t> bytes = input->bytes();
  auto decoded = decodeModule(bytes);
  if (!decoded) {
    input->printError(errs(), decoded.takeError());
    return 1;
  }
  auto jit =
      WasmJIT::create(request.options.codegen, request.options.irgen.debugInfo);
  if (!jit)
    return runError(toString(jit.takeError()));
  PhaseTimes times;
  auto descriptor = (*jit)->addModule(bytes, request.options, &times);
  if (!descriptor) {
    input->printError(errs(), descriptor.takeError());
    return 1;
  }
  if (request.options.timeReport)
    printTimeReport(errs(), times);

  wk_wasi_set_exit_handler(endProcess);
  RunJob job{request, *descriptor, **decoded, {}};
  char error[256];
  if (wk_parse_limits(request.limits.c_str(), &job.limits, error, sizeof error))
    return runError(error);
  if (!job.limits.max_stack_bytes) {
    runJob(&job);
  } else if (wk_run_on_stack(job.limits.max_stack_bytes, runJob, &job)) {
    return runError("cannot create a thread for --max-stack");
  }
  return job.status;
}
