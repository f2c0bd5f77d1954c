//===- WatInput.h - WebAssembly text input --------------------*- C++ -*-===//
//
// The front door for `.wat` files: tells text from binary by content and
// turns a text module into the binary that the decoder and validator then
// read, exactly as for a `.wasm` file. wabt parses and validates the text
// (its binary writer must not see an invalid module: it asserts on some and
// drops unresolved references of others); the binary then goes through
// wasmkiln's own decoder and validator like any other. The library depends
// on LLVM's Support and wabt only, not on the rest of the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TEXT_WATINPUT_H
#define WASMKILN_TEXT_WATINPUT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmkiln {

/// A text module that does not parse or is invalid: wabt's diagnostics,
/// already formatted as "file:line:col: error: ..." lines, each with the
/// source line it points at. Tools print them as they are (they name the
/// file themselves).
class WatError : public llvm::ErrorInfo<WatError> {
public:
  static char ID;
  explicit WatError(std::string diagnostics)
      : diagnostics(std::move(diagnostics)) {}

  const std::string &getDiagnostics() const { return diagnostics; }
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;

private:
  std::string diagnostics;
};

/// Whether \p bytes are to be read as the text format. Content decides: the
/// binary magic "\0asm" means binary whatever the name; otherwise text if
/// the first non-blank byte opens an s-expression or a comment, or if
/// \p fileName ends in .wat or .wast (so that a broken text file gets the
/// parser's diagnostic, not "magic header not detected").
bool isWatInput(llvm::StringRef fileName, llvm::ArrayRef<uint8_t> bytes);

/// Parses and validates the text module \p text (named \p fileName in
/// diagnostics) with the WebAssembly 2.0 features wasmkiln compiles and
/// returns its binary form, with a name section. Fails with a WatError.
llvm::Expected<std::vector<uint8_t>> translateWat(llvm::StringRef fileName,
                                                  llvm::ArrayRef<uint8_t> text);

} // namespace wasmkiln

#endif
