//===- DecodeValidateFuzzer.cpp - libFuzzer: decode + validate ------------===//
//
// Feeds arbitrary bytes through the decoder, module-level validation and
// function-body validation. Every input must end in a value (a module or a
// WasmError); crashes, sanitizer reports, hangs and huge allocations are bugs.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Compile.h"

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::consumeError(
      wasmkiln::validateBytes(llvm::ArrayRef<uint8_t>(data, size)));
  return 0;
}
