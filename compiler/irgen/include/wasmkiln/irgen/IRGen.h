//===- IRGen.h - WebAssembly to LLVM IR -------------------------*- C++ -*-===//
//
// Translates a decoded, module-validated Module into an LLVM module: one
// LLVM function per wasm function (taking the instance pointer first), an
// entry thunk per function type, the generated initialiser and the
// wk_module descriptor of runtime-lib/include/wasmkiln/runtime.h. Function
// bodies are validated in the same pass as they are lowered.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_IRGEN_H
#define WASMKILN_IRGEN_H

#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace wasmkiln {

enum class BoundsChecks { Guard, Explicit };

/// What the generated module tells the code generator's pc map
/// (driver/PcMap.cpp) in named metadata: that its linear-memory accesses
/// (TBAA type LinearMemoryTBAA) fault into guard pages, and, under -g, the
/// wasm code offset of each instruction's DILocation ({location, i32}).
inline constexpr const char *GuardPagesMetadata = "wasmkiln.guard_pages";
inline constexpr const char *OffsetsMetadata = "wasmkiln.offsets";
inline constexpr const char *LinearMemoryTBAA = "linear memory";
/// The producer of the compile units whose lines are wasm code offsets.
inline constexpr const char *OffsetUnitProducer = "wasmkiln";

/// What generated code checks at every function entry and loop header so
/// that runaway code can be stopped (wk_module.interrupt_checks): nothing
/// (the default), the instance's interrupt flag (timeouts), or that flag
/// and the instance's fuel.
enum class InterruptChecks { None, Interrupt, Fuel };

struct IRGenOptions {
  BoundsChecks boundsChecks = BoundsChecks::Guard;
  /// Sanitised name used in symbol names ("wasm:<name>:<func>") and for the
  /// descriptor symbol "wasmkiln_module_<name>".
  std::string moduleName = "module";
  /// AOT: function imports reference the host symbol named by
  /// getImportSymbolName and record it in wk_import_desc::static_code.
  /// JIT: false, imports are resolved at instantiation only.
  bool staticImports = true;
  InterruptChecks interruptChecks = InterruptChecks::None;
  /// `-g`: native DWARF. Every lowered instruction gets a DebugLoc: its
  /// source line where the module's own DWARF has one, else its wasm code
  /// offset as the line of `<moduleName>.wasm` (docs/debugging.md). The
  /// instructions are the same as without.
  bool debugInfo = false;
  /// Every trap site its own call of the runtime (the driver sets it at
  /// -O0), so that a trap's backtrace has the wasm offset of its
  /// instruction. Otherwise a function's sites of one kind share one, so
  /// that checks that lead to it can merge, and a trap at a shared one
  /// reports its function only.
  bool ownTrapSites = false;
  /// The target's triple and data layout (the driver fills them from its
  /// TargetMachine). Only LP64 Linux targets: the runtime's layout
  /// (RuntimeABI.h) is the same on all of them.
  std::string targetTriple = "x86_64-unknown-linux-gnu";
  std::string dataLayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-"
                           "i128:128-f80:128-n8:16:32:64-S128";
};

llvm::Expected<std::unique_ptr<llvm::Module>>
generateIR(const Module &module, llvm::LLVMContext &context,
           const IRGenOptions &options);

/// What every part of one module shares, computed once for all of them:
/// the instance layout and the functions' names (IRGenInternal.h). Without
/// it, each part would compute it again, parts times functions (yosys:
/// 34,000 functions in 100 parts).
struct IRGenModuleInfo;

/// Warnings about the module (under `-g`: DWARF that does not match the
/// code) go to \p warn.
llvm::Expected<std::shared_ptr<const IRGenModuleInfo>>
prepareIRGen(const Module &module, const IRGenOptions &options,
             const WarningHandler &warn = nullptr);

/// One part of a module split for parallel compilation (ParallelCompile.h):
/// the defined functions in funcs get bodies, the others are declarations; the
/// part with moduleData also holds the data segments, the entry thunks, the
/// init function and the descriptor. In a split module every defined function
/// and data segment has a global hidden symbol, so that the parts' objects link
/// together.
struct IRGenPart {
  /// The defined functions the part defines, in increasing order; empty:
  /// all of them.
  std::vector<uint32_t> funcs;
  /// Functions of other parts (in increasing order) whose bodies the part
  /// has too, available_externally, so that LLVM can inline them into the
  /// part's calls as in an unsplit module; their code is their own part's.
  std::vector<uint32_t> imports;
  bool moduleData = true;
  bool split = false;
  /// Compiled as at -O0 whatever the level asked for: a function over the
  /// optimisation budget (planParts) has a part of its own.
  bool unoptimized = false;
  /// The functions to declare, by function index (the part's own, its
  /// imports and those they call); empty: all of them.
  std::vector<bool> declared;
  /// By function index, the defined functions that a direct call in another
  /// part names (split modules only). The part's other functions that are
  /// not exported or referenced by the descriptor stay internal, so that
  /// LLVM can inline them away and drop them as in an unsplit module.
  std::vector<bool> calledFromOtherParts;
  /// prepareIRGen's result for the module (null: the part computes it).
  std::shared_ptr<const IRGenModuleInfo> moduleInfo;

  bool defines(uint32_t func) const {
    return funcs.empty() ||
           std::binary_search(funcs.begin(), funcs.end(), func);
  }
};

llvm::Expected<std::unique_ptr<llvm::Module>>
generateIRPart(const Module &module, llvm::LLVMContext &context,
               const IRGenOptions &options, const IRGenPart &part);

/// The C symbol a host defines to provide import \p module.\p field in AOT
/// builds: "wkimport_" + mangle(module) + "__" + mangle(field), where mangle
/// keeps [A-Za-z0-9_] and writes any other byte as "_XX" (hex, upper case).
std::string getImportSymbolName(llvm::StringRef module, llvm::StringRef field);

/// Name of the wk_module descriptor symbol for module name \p name.
std::string getDescriptorSymbolName(llvm::StringRef name);

/// A C identifier made from \p name (used for module names).
std::string sanitizeIdentifier(llvm::StringRef name);

} // namespace wasmkiln

#endif
