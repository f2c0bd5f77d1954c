//===- Codegen.h - Optimise and emit native code ----------------*- C++ -*-===//
//
// Runs LLVM's optimisation pipeline on a generated module and emits an
// ELF object, assembly, or textual IR for one of the supported targets
// (x86-64 and aarch64 Linux, see docs/cross.md).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_CODEGEN_H
#define WASMKILN_CODEGEN_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

namespace wasmkiln {

enum class EmitKind { Object, Assembly, LLVMIR };

/// The target wasmkiln compiles for when none is named.
constexpr const char *DefaultTarget = "x86_64-linux-gnu";

struct CodegenOptions {
  unsigned optLevel = 2;  // 0..3
  bool sizeLevel = false; // -Os
  /// A supported target (parseTarget), e.g. "aarch64-linux-gnu".
  std::string target = DefaultTarget;
  /// Empty: the target's default (defaultCPU).
  std::string cpu;
  /// Position-independent code (for shared objects and the JIT).
  bool pic = true;
  /// Every function keeps a frame-pointer chain (`--frame-pointers`).
  bool framePointers = false;
};

/// The triple of a supported target named as on the command line
/// ("aarch64-linux-gnu", vendor optional), or an error naming the targets.
llvm::Expected<llvm::Triple> parseTarget(llvm::StringRef name);

/// The target's short name ("aarch64-linux-gnu"): the folder its runtime
/// archives live in beside the native ones.
std::string targetName(const llvm::Triple &triple);

/// The CPU a target compiles for by default: x86-64-v2 (SSE4.2) on x86-64,
/// generic (ARMv8.0-A with NEON) on aarch64.
llvm::StringRef defaultCPU(const llvm::Triple &triple);

/// Creates the target machine for options.target and options.cpu.
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
