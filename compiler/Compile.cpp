//===- Compile.cpp - The whole pipeline behind one call -------------------===//
//
// Sequences the phases and, with --time-report, times each of them.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"
#include "Decoder.h"
#include "Validator.h"

#include "llvm/Pass.h"
#include "llvm/Support/Timer.h"

using namespace llvm;
using namespace wasmkiln;

namespace {
/// Times a phase when a report was asked for; a no-op otherwise.
class PhaseTimer {
public:
  PhaseTimer(StringRef name, bool enabled) {
    if (!enabled)
      return;
    static TimerGroup group("wasmkiln", "wasmkiln compile phases");
    timer = std::make_unique<Timer>(name, name, group);
    timer->startTimer();
  }
  ~PhaseTimer() {
    if (timer)
      timer->stopTimer();
  }

private:
  std::unique_ptr<Timer> timer;
};
} // namespace

Error wasmkiln::validateBytes(ArrayRef<uint8_t> bytes) {
  auto module = decodeModule(bytes);
  if (!module)
    return module.takeError();
  if (Error err = validateModule(**module))
    return err;
  return validateFunctionBodies(**module);
}

Expected<CompiledModule>
wasmkiln::compileModule(ArrayRef<uint8_t> bytes, LLVMContext &context,
                        TargetMachine &tm, const CompileOptions &options) {
  if (options.timeReport)
    TimePassesIsEnabled = true;
  CompiledModule result;
  {
    PhaseTimer timer("decode", options.timeReport);
    auto decoded = decodeModule(bytes);
    if (!decoded)
      return decoded.takeError();
    result.wasm = std::move(*decoded);
  }
  {
    PhaseTimer timer("validate module", options.timeReport);
    if (Error err = validateModule(*result.wasm))
      return err;
  }
  {
    PhaseTimer timer("validate + generate IR", options.timeReport);
    auto ir = generateIR(*result.wasm, context, options.irgen);
    if (!ir)
      return ir.takeError();
    result.ir = std::move(*ir);
  }
  if (options.optimize) {
    PhaseTimer timer("optimise", options.timeReport);
    optimizeModule(*result.ir, tm, options.codegen);
  }
  return result;
}
