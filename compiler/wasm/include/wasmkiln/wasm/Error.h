//===- Error.h - Diagnostics carrying a byte offset -------------*- C++ -*-===//
//
// WasmError is the one error type of the compiler library: a kind, the byte
// offset in the input where the problem was found, and a message. It is an
// llvm::ErrorInfo so it travels through Expected<T>; tools print it as
// "file.wasm:0xOFFSET: error: message".
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_ERROR_H
#define WASMKILN_ERROR_H

#include "wasmkiln/wasm/Feature.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <string>

namespace wasmkiln {

class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  enum Kind : uint8_t {
    Malformed,   // not a well-formed binary (spec: assert_malformed)
    Invalid,     // well-formed but fails validation (assert_invalid)
    Unsupported, // valid, but uses something wasmkiln does not implement
    ImplLimit,   // exceeds an implementation limit
  };
  static char ID;

  WasmError(Kind kind, size_t offset, std::string message)
      : kind(kind), offset(offset), message(std::move(message)) {}

  Kind getKind() const { return kind; }
  size_t getOffset() const { return offset; }
  const std::string &getMessage() const { return message; }

  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;

private:
  Kind kind;
  size_t offset;
  std::string message;
};

inline llvm::Error makeError(WasmError::Kind kind, size_t offset,
                             const llvm::Twine &message) {
  return llvm::make_error<WasmError>(kind, offset, message.str());
}
inline llvm::Error malformed(size_t offset, const llvm::Twine &message) {
  return makeError(WasmError::Malformed, offset, message);
}
inline llvm::Error invalid(size_t offset, const llvm::Twine &message) {
  return makeError(WasmError::Invalid, offset, message);
}

/// "<what> uses feature NAME, which is disabled (--disable=NAME)".
llvm::Error featureDisabled(size_t offset, Feature f, const llvm::Twine &what);

/// A problem of the input that does not stop its compilation (DWARF that
/// does not match the code, say), at a byte offset of the input.
struct Warning {
  size_t offset = 0;
  std::string message;
};
/// Where the compiler library reports warnings; tools print them.
using WarningHandler = std::function<void(const Warning &)>;

/// Prints \p w as "<file>:0xOFFSET: warning: message".
void printWarning(llvm::raw_ostream &os, llvm::StringRef file,
                  const Warning &w);

/// Prints \p err as "<file>:0xOFFSET: error: message" (WasmError) or
/// "<file>: error: message" (anything else) and consumes it.
void printError(llvm::raw_ostream &os, llvm::StringRef file, llvm::Error err);

} // namespace wasmkiln

#endif
