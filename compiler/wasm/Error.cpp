//===- Error.cpp - Diagnostics carrying a byte offset ---------------------===//
//
// WasmError's llvm::ErrorInfo hooks and the one printer tools use, so that
// every diagnostic reads "file:0xOFFSET: error: message".
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Error.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace wasmkiln;

char WasmError::ID = 0;

void WasmError::log(raw_ostream &os) const {
  os << "0x" << format_hex_no_prefix(offset, 0, /*Upper=*/false) << ": "
     << message;
}

std::error_code WasmError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

Error wasmkiln::featureDisabled(size_t offset, Feature f, const Twine &what) {
  const char *name = getFeatureName(f);
  return makeError(WasmError::Unsupported, offset,
                   what + " uses feature " + name +
                       ", which is disabled (--disable=" + name + ")");
}

/// "<file>:0xOFFSET: <kind>: message".
static void printDiagnostic(raw_ostream &os, StringRef file, size_t offset,
                            StringRef kind, StringRef message) {
  os << file << ":0x" << format_hex_no_prefix(offset, 0, /*Upper=*/false)
     << ": " << kind << ": " << message << "\n";
}

void wasmkiln::printWarning(raw_ostream &os, StringRef file, const Warning &w) {
  printDiagnostic(os, file, w.offset, "warning", w.message);
}

void wasmkiln::printError(raw_ostream &os, StringRef file, Error err) {
  handleAllErrors(
      std::move(err),
      [&](const WasmError &e) {
        printDiagnostic(os, file, e.getOffset(), "error", e.getMessage());
      },
      [&](const ErrorInfoBase &e) {
        os << file << ": error: " << e.message() << "\n";
      });
}
