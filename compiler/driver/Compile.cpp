//===- Compile.cpp - The whole pipeline behind one call -------------------===//
//
// Sequences the phases on one thread and times each of them.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Compile.h"
#include "wasmkiln/wasm/Decoder.h"
#include "wasmkiln/wasm/TableAnalysis.h"
#include "wasmkiln/wasm/TailCallAnalysis.h"
#include "wasmkiln/wasm/Validator.h"

using namespace llvm;
using namespace wasmkiln;

Expected<FeatureSet> wasmkiln::validateBytes(ArrayRef<uint8_t> bytes,
                                             FeatureSet disabled) {
  auto module = decodeModule(bytes, disabled);
  if (!module)
    return module.takeError();
  if (Error err = validateModule(**module))
    return std::move(err);
  FeatureSet used = (*module)->usedFeatures;
  if (Error err = validateFunctionBodies(**module, &used))
    return std::move(err);
  return used;
}

Expected<std::unique_ptr<wasmkiln::Module>>
wasmkiln::decodeAndValidate(ArrayRef<uint8_t> bytes, PhaseTimes &times,
                            FeatureSet disabled) {
  times.wasmBytes = bytes.size();
  Stopwatch watch;
  auto decoded = decodeModule(bytes, disabled);
  if (!decoded)
    return decoded.takeError();
  if (Error err = validateModule(**decoded))
    return std::move(err);
  (*decoded)->ownFunctionTables = findOwnFunctionTables(**decoded);
  (*decoded)->usesTailCalls = findTailCalls(**decoded);
  times.addSerial(Phase::DecodeValidate, watch.lap());
  return decoded;
}

IRGenOptions wasmkiln::forTarget(const IRGenOptions &options,
                                 const TargetMachine &tm) {
  IRGenOptions result = options;
  result.targetTriple = tm.getTargetTriple().str();
  result.dataLayout = tm.createDataLayout().getStringRepresentation();
  result.ownTrapSites = tm.getOptLevel() == CodeGenOptLevel::None;
  return result;
}

Expected<CompiledModule>
wasmkiln::compileModule(ArrayRef<uint8_t> bytes, LLVMContext &context,
                        TargetMachine &tm, const CompileOptions &options) {
  CompiledModule result;
  auto decoded =
      decodeAndValidate(bytes, result.times, options.disabledFeatures);
  if (!decoded)
    return decoded.takeError();
  result.wasm = std::move(*decoded);
  Stopwatch watch;

  auto ir = generateIR(*result.wasm, context, forTarget(options.irgen, tm));
  if (!ir)
    return ir.takeError();
  result.ir = std::move(*ir);
  Lap irgen = watch.lap();
  Lap optimize;
  if (options.optimize) {
    optimizeModule(*result.ir, tm, options.codegen);
    optimize = watch.lap();
  }
  result.times.addParallel(Phase::IRGen, irgen);
  result.times.addParallel(Phase::Optimize, optimize);
  result.times.parallelWallSeconds = irgen.wall + optimize.wall;
  return result;
}
