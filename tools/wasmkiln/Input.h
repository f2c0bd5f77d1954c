//===- Input.h - A module file as the tools read it -------------*- C++ -*-===//
//
// Every command takes a .wasm or a .wat file: ModuleInput holds the file and,
// for a text module, the binary that wabt wrote for it, and knows how to
// report an error about it (offsets of a text module refer to its binary).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TOOLS_INPUT_H
#define WASMKILN_TOOLS_INPUT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <vector>

namespace wasmkiln {

class ModuleInput {
public:
  /// Takes the contents of \p file and translates them if they are text
  /// (content decides, see isWatInput). A text module that does not parse
  /// fails with wabt's diagnostics.
  static llvm::Expected<ModuleInput>
  create(llvm::StringRef file, std::unique_ptr<llvm::MemoryBuffer> contents);

  /// The module in the binary format.
  llvm::ArrayRef<uint8_t> bytes() const;
  bool isText() const { return fromText; }

  /// Prints \p err about this input, consuming it: as printError does,
  /// except that offsets of a text module are said to be in its binary form.
  void printError(llvm::raw_ostream &os, llvm::Error err) const;

private:
  ModuleInput(llvm::StringRef file, std::unique_ptr<llvm::MemoryBuffer> buffer)
      : file(file.str()), buffer(std::move(buffer)) {}

  std::string file;
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  std::vector<uint8_t> binary; // a text module's translation
  bool fromText = false;
};

/// Prints an error that came before there was a ModuleInput (a text module
/// that does not parse, or any other) for \p file, consuming it.
void printInputError(llvm::raw_ostream &os, llvm::StringRef file,
                     llvm::Error err);

} // namespace wasmkiln

#endif
