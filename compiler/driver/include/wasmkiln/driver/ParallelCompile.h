//===- ParallelCompile.h - Compile a module to objects on threads -*- C++
//-*-===//
//
// The pipeline behind executables and object files: the module is decoded
// and validated once, then split into parts of contiguous defined functions
// (planParts); each part is an LLVM module of its own, in its own
// LLVMContext, that one thread generates, optimises, emits as an object and
// frees before taking the next part. Memory therefore grows with the size of
// a part times the number of threads, not with the size of the module.
//
// The split depends only on the module and CompileOptions::partBytes, so the
// objects are the same bytes whatever the number of threads. Calls between
// parts cannot be inlined, which is why parts are large (and small modules
// are not split at all).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_PARALLELCOMPILE_H
#define WASMKILN_PARALLELCOMPILE_H

#include "wasmkiln/driver/Compile.h"

#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <vector>

namespace wasmkiln {

/// Splits the defined functions into contiguous ranges of about \p partBytes
/// bytes of code each (all in one unsplit part if the module is smaller or
/// \p partBytes is 0). Part 0 holds the module data. A function over the
/// optimisation budget (overOptimizationBudget) gets an unoptimized part of
/// its own, whatever \p partBytes.
std::vector<IRGenPart> planParts(const Module &wasm, uint64_t partBytes,
                                 bool explicitChecks = false);

/// Largest function body (bytes of code) that is optimised: LLVM's
/// passes are superlinear in a function's size (InstCombine in the number
/// of bounds checks on one value, SLP and the register allocator in a
/// block's length), so a larger function is compiled as at -O0, linear in
/// its size. Four times the largest function of bench/programs.
constexpr uint64_t MaxOptimizedFunctionBytes = 32 * 1024;
/// Deepest loop nest that is optimised: loop passes cost the nest's size
/// per level, so their total is quadratic in the depth.
constexpr unsigned MaxOptimizedLoopDepth = 32;

/// Most memory accesses of an optimised function with explicit bounds
/// checks: InstCombine's cost is quadratic in the number of checks on one
/// value (each looks at every dominating branch on it).
constexpr unsigned MaxOptimizedCheckedAccesses = 1000;

/// Whether function \p func of \p wasm is compiled as at -O0 (see above).
bool overOptimizationBudget(const Module &wasm, uint32_t func,
                            bool explicitChecks);

struct CompiledObjects {
  std::unique_ptr<Module> wasm; // views into the input bytes
  /// ELF objects in part order; the first defines the descriptor.
  std::vector<llvm::SmallVector<char, 0>> objects;
  PhaseTimes times; // link is the caller's to add
};

/// Called (on a worker thread) with the part holding the module data before
/// it is optimised, e.g. to add the standalone main's entry symbols.
using ModuleDataHook = std::function<llvm::Error(llvm::Module &)>;

/// Decodes, validates and compiles \p bytes into one object per part on
/// options.jobs threads. Errors are those the serial pipeline would report:
/// the one of the first function in module order. \p bytes must outlive the
/// result.
llvm::Expected<CompiledObjects>
compileToObjects(llvm::ArrayRef<uint8_t> bytes, const CompileOptions &options,
                 const ModuleDataHook &hook = nullptr);

} // namespace wasmkiln

#endif
