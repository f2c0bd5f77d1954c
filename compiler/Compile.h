//===- Compile.h - The whole pipeline behind one call -----------*- C++ -*-===//
//
// decode -> validate -> IR generation -> optimisation, for tools that want a
// compiled LLVM module from wasm bytes without knowing the phases.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_COMPILE_H
#define WASMKILN_COMPILE_H

#include "Codegen.h"
#include "IRGen.h"
#include "Module.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace wasmkiln {

struct CompileOptions {
  IRGenOptions irgen;
  CodegenOptions codegen;
  bool optimize = true; // run the -O pipeline after IR generation
  bool timeReport = false;
};

struct CompiledModule {
  std::unique_ptr<Module> wasm; // views into the input bytes
  std::unique_ptr<llvm::Module> ir;
};

/// Decodes and validates \p bytes, generates IR and (if options.optimize)
/// optimises it for \p tm. \p bytes must outlive the result.
llvm::Expected<CompiledModule> compileModule(llvm::ArrayRef<uint8_t> bytes,
                                             llvm::LLVMContext &context,
                                             llvm::TargetMachine &tm,
                                             const CompileOptions &options);

/// Decodes and validates \p bytes without generating code.
llvm::Error validateBytes(llvm::ArrayRef<uint8_t> bytes);

} // namespace wasmkiln

#endif
