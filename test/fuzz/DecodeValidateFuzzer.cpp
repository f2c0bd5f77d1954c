//===- DecodeValidateFuzzer.cpp - libFuzzer: decode + validate ------------===//
//
// Feeds arbitrary bytes through the decoder, module-level validation and
// function-body validation. Every input must end in a value (a module or a
// WasmError); crashes, sanitizer reports, hangs and huge allocations are bugs.
//
//===----------------------------------------------------------------------===//

#include "Decoder.h"
#include "Validator.h"

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>

using namespace wasmkiln;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto module = decodeModule(llvm::ArrayRef<uint8_t>(data, size));
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (llvm::Error err = validateModule(**module)) {
    llvm::consumeError(std::move(err));
    return 0;
  }
  llvm::consumeError(validateFunctionBodies(**module));
  return 0;
}
