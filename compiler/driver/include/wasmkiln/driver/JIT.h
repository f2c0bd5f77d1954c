//===- JIT.h - In-process compilation with ORC ------------------*- C++ -*-===//
//
// Compiles wasm modules into the running process with LLVM's ORC LLJIT, using
// the same IR generator and runtime as the ahead-of-time path. Used by
// `wasmkiln run` and the spec test runner. Runtime and WASI symbols resolve
// to the host process, which must export them (link with ENABLE_EXPORTS).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_JIT_H
#define WASMKILN_JIT_H

#include "wasmkiln/driver/Compile.h"

#include "llvm/Support/Error.h"

#include <memory>

struct wk_module;

namespace llvm::orc {
class LLJIT;
}

namespace wasmkiln {

class WasmJIT {
public:
  /// With \p debugger, the debug info of every module added is registered
  /// with gdb (its JIT interface, __jit_debug_register_code), so that gdb
  /// debugs the JIT's code as an executable's (`wasmkiln run -g`).
  static llvm::Expected<std::unique_ptr<WasmJIT>>
  create(const CodegenOptions &options, bool debugger = false);
  ~WasmJIT();

  /// Decodes, validates, compiles and loads \p bytes; returns the module's
  /// descriptor, ready for wk_instantiate. \p bytes only need to live for
  /// the duration of the call. Each module gets its own symbol namespace.
  /// With options.timeReport, \p times (if given) receives the phase times
  /// for the caller to print. The module's code generation options are the
  /// JIT's (create), whatever options.codegen says.
  llvm::Expected<const wk_module *> addModule(llvm::ArrayRef<uint8_t> bytes,
                                              CompileOptions options,
                                              PhaseTimes *times = nullptr);

private:
  WasmJIT() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  CodegenOptions codegen; // the objects' code generation, PIC
  unsigned moduleCount = 0;
};

} // namespace wasmkiln

#endif
