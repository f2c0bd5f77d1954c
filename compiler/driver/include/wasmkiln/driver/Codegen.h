//===- Codegen.h - Optimise and emit native code ----------------*- C++ -*-===//
//
// Runs LLVM's optimisation pipeline on a generated module and emits an
// x86-64 ELF object, assembly, or textual IR.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_CODEGEN_H
#define WASMKILN_CODEGEN_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace wasmkiln {

enum class EmitKind { Object, Assembly, LLVMIR };

struct CodegenOptions {
  unsigned optLevel = 2;         // 0..3
  bool sizeLevel = false;        // -Os
  std::string cpu = "x86-64-v2"; // SSE4.2
  /// Position-independent code (for shared objects and the JIT).
  bool pic = true;
};

/// Creates the target machine for the host (x86-64 Linux).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const CodegenOptions &options);

/// Runs the optimisation pipeline for options.optLevel on \p module.
void optimizeModule(llvm::Module &module, llvm::TargetMachine &tm,
                    const CodegenOptions &options);

/// Emits \p module (already optimised) as \p kind.
llvm::Error emitModule(llvm::Module &module, llvm::TargetMachine &tm,
                       EmitKind kind, llvm::raw_pwrite_stream &out);

} // namespace wasmkiln

#endif
