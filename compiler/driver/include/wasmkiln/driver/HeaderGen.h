//===- HeaderGen.h - C header for embedding a compiled module ---*- C++ -*-===//
//
// Writes the C header that lets a C or C++ host use a module compiled with
// `wasmkiln -c`: instantiate and free, one C function per exported function,
// accessors for exported memories, globals and tables, and the prototypes
// of the host functions the module imports. docs/embedding.md describes it.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_HEADERGEN_H
#define WASMKILN_HEADERGEN_H

#include "wasmkiln/wasm/Module.h"

#include <string>

namespace wasmkiln {

/// \p moduleName must be a C identifier (see sanitizeIdentifier).
std::string generateHeader(const Module &module, llvm::StringRef moduleName);

} // namespace wasmkiln

#endif
