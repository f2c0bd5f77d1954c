//===- Link.h - Link objects with lld, in process ---------------*- C++ -*-===//
//
// Drives lld in-process to link a compiled module's object with the runtime,
// the WASI implementation, the standalone main and the C library into a
// static executable that needs nothing of the toolchain at run time; or to
// link objects alone into a shared object for a host that provides the
// runtime (the spec runner's AOT mode); or to merge the objects of a split
// module into one relocatable object (-c).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_LINK_H
#define WASMKILN_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace wasmkiln {

struct LinkOptions {
  /// Directory holding the native libwasmkiln-{main,wasi,rt}.a (another
  /// target's are in its subdirectory named by targetName, e.g.
  /// aarch64-linux-gnu/); see findRuntimeLibDir.
  std::string runtimeLibDir;
  /// The target the objects were compiled for (parseTarget's names): it
  /// picks the runtime archives, the C library and the start files.
  std::string target = "x86_64-linux-gnu";
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

/// Links \p objects (PIC) into the shared object \p output: no C library, no
/// start files, no runtime archives. Undefined symbols (the wk_* runtime)
/// are allowed and bind to the loading process at dlopen time.
/// options.runtimeLibDir is not used.
llvm::Error linkSharedObject(llvm::ArrayRef<std::string> objects,
                             llvm::StringRef output,
                             const LinkOptions &options);

/// Links \p objects into the single relocatable object \p output (ld -r):
/// what `wasmkiln -c` writes when a module was compiled in parts.
llvm::Error linkRelocatable(llvm::ArrayRef<std::string> objects,
                            llvm::StringRef output);

/// In-memory objects written to temporary files for lld, removed again when
/// this is destroyed.
class TemporaryObjects {
public:
  TemporaryObjects() = default;
  TemporaryObjects(const TemporaryObjects &) = delete;
  TemporaryObjects &operator=(const TemporaryObjects &) = delete;
  ~TemporaryObjects();

  llvm::Error write(llvm::ArrayRef<llvm::SmallVector<char, 0>> objects);
  llvm::ArrayRef<std::string> paths() const { return files; }

private:
  std::vector<std::string> files;
};

} // namespace wasmkiln

#endif
