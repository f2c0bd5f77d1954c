//===- ModuleLoader.h - JIT or AOT: wasm bytes to a module ------*- C++ -*-===//
//
// The spec runner only needs a wk_module descriptor for each module file; how
// the native code got into the process is the loader's business. The JIT
// loader compiles with ORC; the AOT loader goes through the ahead-of-time
// pipeline (object file, lld-linked shared object, dlopen), so that the same
// commands check both paths.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_MODULELOADER_H
#define WASMKILN_SPEC_MODULELOADER_H

#include "wasmkiln/driver/Compile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>

struct wk_module;

namespace wasmkiln::spec {

class ModuleLoader {
public:
  virtual ~ModuleLoader();
  /// Decodes, validates and compiles \p bytes and makes the code callable in
  /// this process; the descriptor stays valid as long as the loader lives.
  /// Invalid input is an error value, never a crash.
  virtual llvm::Expected<const wk_module *>
  load(llvm::ArrayRef<uint8_t> bytes, const CompileOptions &options) = 0;
};

/// In-process compilation with the ORC JIT.
llvm::Expected<std::unique_ptr<ModuleLoader>>
createJITLoader(const CodegenOptions &options);

/// Object file -> shared object linked by lld -> dlopen. Temporary files go
/// into a fresh directory that is removed when the loader is destroyed,
/// unless \p keepTemps (then its path is printed on stderr).
llvm::Expected<std::unique_ptr<ModuleLoader>>
createAOTLoader(const CodegenOptions &options, bool keepTemps);

/// A TargetMachine for \p options that emits position-independent code.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createPICTargetMachine(const CodegenOptions &options);

/// Compiles \p bytes with \p tm (from createPICTargetMachine) into the
/// object \p objectPath and links it alone into the shared object
/// \p sharedPath, for the target of \p tm; the module's descriptor is
/// getDescriptorSymbolName(options.irgen.moduleName). The object is removed
/// afterwards unless \p keepObject.
llvm::Error writeSharedObject(llvm::TargetMachine &tm,
                              llvm::ArrayRef<uint8_t> bytes,
                              const CompileOptions &options,
                              llvm::StringRef objectPath,
                              llvm::StringRef sharedPath, bool keepObject);

/// Wraps \p inner so that identical bytes are compiled once per process and
/// their descriptor is reused (each instantiation is still fresh). --trace
/// uses it: every command file there loads the same spectest and
/// fuzzing-support modules. The options must not change between calls.
std::unique_ptr<ModuleLoader>
createCachingLoader(std::unique_ptr<ModuleLoader> inner);

} // namespace wasmkiln::spec

#endif
