//===- Link.h - Link objects into a standalone executable -------*- C++ -*-===//
//
// Drives lld in-process to link a compiled module's object with the runtime,
// the WASI implementation, the standalone main and the C library into a
// static executable that needs nothing of the toolchain at run time.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_LINK_H
#define WASMKILN_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace wasmkiln {

struct LinkOptions {
  /// Directory holding libwasmkiln-{main,wasi,rt}.a; empty: find it next to
  /// the running executable (installed) or in the build tree.
  std::string runtimeLibDir;
  /// Extra objects or static libraries (--link=FILE), before the runtime.
  std::vector<std::string> extraInputs;
  bool strip = false;
};

/// Finds the directory with the runtime archives for the running tool
/// (\p argv0 is used to locate an installed tree).
std::string findRuntimeLibDir(const char *argv0);

/// Links \p objects into the executable \p output.
llvm::Error linkExecutable(llvm::ArrayRef<std::string> objects,
                           llvm::StringRef output, const LinkOptions &options);

} // namespace wasmkiln

#endif
