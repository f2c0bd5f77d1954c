//===- Compile.h - The whole pipeline behind one call -----------*- C++ -*-===//
//
// decode -> validate -> IR generation -> optimisation, for tools that want a
// compiled LLVM module from wasm bytes without knowing the phases.
//
// The parallel pipeline that produces objects is in ParallelCompile.h.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_COMPILE_H
#define WASMKILN_COMPILE_H

#include "wasmkiln/driver/Codegen.h"
#include "wasmkiln/driver/TimeReport.h"
#include "wasmkiln/irgen/IRGen.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace wasmkiln {

class ObjectCache;

struct CompileOptions {
  IRGenOptions irgen;
  CodegenOptions codegen;
  bool optimize = true; // run the -O pipeline after IR generation
  bool timeReport = false;
  /// Threads of the parallel pipeline; 0: one per hardware thread.
  unsigned jobs = 0;
  /// Target size (bytes of function bodies) of the parts the parallel
  /// pipeline splits a module into; 0: never split. The split depends on
  /// the module and this size only, never on jobs, so the output does not
  /// either.
  uint64_t partBytes = 256 * 1024;
  /// Features the module must not use (`--disable=`); all others are on.
  FeatureSet disabledFeatures;
  /// Where warnings about the module go (null: nowhere).
  WarningHandler warn;
  /// The compile cache compileToObjects looks parts up in and stores them
  /// to (Cache.h); null: none.
  ObjectCache *cache = nullptr;
  /// For the cache: what compileToObjects' ModuleDataHook adds to the part
  /// with the module data, as text (e.g. the executable's grants); a hook
  /// that adds something else must change it.
  std::string moduleDataKey;
};

struct CompiledModule {
  std::unique_ptr<Module> wasm; // views into the input bytes
  std::unique_ptr<llvm::Module> ir;
  PhaseTimes times; // codegen and link are the caller's to add
};

/// Decodes and validates \p bytes, generates IR and (if options.optimize)
/// optimises it for \p tm, on the calling thread, as one LLVM module (the
/// JIT, --emit=asm|llvm). \p bytes must outlive the result.
llvm::Expected<CompiledModule> compileModule(llvm::ArrayRef<uint8_t> bytes,
                                             llvm::LLVMContext &context,
                                             llvm::TargetMachine &tm,
                                             const CompileOptions &options);

/// \p options with the triple, data layout and optimisation level of \p tm.
IRGenOptions forTarget(const IRGenOptions &options,
                       const llvm::TargetMachine &tm);

/// Decodes and validates \p bytes without generating code; returns the
/// features the module uses.
llvm::Expected<FeatureSet> validateBytes(llvm::ArrayRef<uint8_t> bytes,
                                         FeatureSet disabled = {});

/// Decodes \p bytes and validates the module level (function bodies are
/// validated as IR generation walks them), adding the time to \p times.
llvm::Expected<std::unique_ptr<Module>>
decodeAndValidate(llvm::ArrayRef<uint8_t> bytes, PhaseTimes &times,
                  FeatureSet disabled = {});

} // namespace wasmkiln

#endif
