//===- ParallelCompile.h - Compile a module to objects on threads ---------===//
//
// The pipeline behind executables and object files: the module is decoded
// and validated once, then split into parts of defined functions
// (planParts); each part is an LLVM module of its own, in its own
// LLVMContext, that one thread generates, optimises, emits as an object and
// frees before taking the next part. Memory therefore grows with the size of
// a part times the number of threads, not with the size of the module.
//
// The split depends only on the module and CompileOptions::partBytes, so the
// objects are the same bytes whatever the number of threads. Calls between
// parts could not be inlined: a part keeps a callee of one caller with it,
// small callees with their busiest caller, and has available_externally
// copies of the small functions of other parts that it calls.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_PARALLELCOMPILE_H
#define WASMKILN_PARALLELCOMPILE_H

#include "wasmkiln/driver/Compile.h"

#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <vector>

namespace wasmkiln {

/// Splits the defined functions into parts of about \p partBytes bytes of
/// code each (all in one unsplit part if the module is smaller or
/// \p partBytes is 0; modules of 16 KiB or more into at least four), groups
/// of calling functions kept together and cuts where few calls cross. Part 0
/// holds the module data. If the module is \p optimized at all, the
/// functions over the optimisation budget (unoptimizedFunctions) get
/// unoptimized parts after the others, whatever \p partBytes.
std::vector<IRGenPart> planParts(const Module &wasm, uint64_t partBytes,
                                 bool explicitChecks = false,
                                 bool optimized = true);

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
