//===- Decoder.h - The binary format decoder --------------------*- C++ -*-===//
//
// Decodes a module's sections into a Module in one streaming pass over the
// bytes, checking well-formedness as the spec's binary format defines it
// (section order and sizes, LEB128 lengths and unused bits, UTF-8 names,
// counts that must match). Function bodies are split into locals and a view
// of their code; instructions are read later by BodyReader.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_DECODER_H
#define WASMKILN_DECODER_H

#include "wasmkiln/wasm/Module.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace wasmkiln {

/// \p bytes must outlive the returned Module. A use of a feature in
/// \p disabled is an error at the use's offset (once the module is known to
/// be well-formed); the Module keeps \p disabled for the function validator.
llvm::Expected<std::unique_ptr<Module>>
decodeModule(llvm::ArrayRef<uint8_t> bytes, FeatureSet disabled = {});

} // namespace wasmkiln

#endif
