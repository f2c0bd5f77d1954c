//===- Input.cpp - A module file as the tools read it --------------------===//
//
// The one place where the tools decide between the binary and the text
// format, and where the three kinds of diagnostics about an input are told
// apart: wabt's parse errors (already "file:line:col: error: ..."), errors
// at an offset of the binary, and everything else.
//
//===----------------------------------------------------------------------===//

#include "Input.h"
#include "wasmkiln/text/WatInput.h"
#include "wasmkiln/wasm/Error.h"

#include "llvm/Support/Format.h"

using namespace llvm;
using namespace wasmkiln;

Expected<ModuleInput>
ModuleInput::create(StringRef file, std::unique_ptr<MemoryBuffer> contents) {
  ModuleInput input(file, std::move(contents));
  ArrayRef<uint8_t> raw = input.bytes(); // the file's, until it is text
  if (!isWatInput(file, raw))
    return std::move(input);
  auto binary = translateWat(file, raw);
  if (!binary)
    return binary.takeError();
  input.binary = std::move(*binary);
  input.fromText = true;
  return std::move(input);
}

ArrayRef<uint8_t> ModuleInput::bytes() const {
  if (fromText)
    return binary;
  return ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(buffer->getBufferStart()),
      buffer->getBufferSize());
}

void ModuleInput::printError(raw_ostream &os, Error err) const {
  if (fromText)
    // wabt accepted the text, wasmkiln did not (a limit, say): the offset
    // is one of the binary, which is what `wat2wasm` writes for the file.
    err = handleErrors(std::move(err), [&](const WasmError &e) {
      os << file << ": error: (in the binary form) 0x"
         << format_hex_no_prefix(e.getOffset(), 0, /*Upper=*/false) << ": "
         << e.getMessage() << "\n";
    });
  printInputError(os, file, std::move(err));
}

void wasmkiln::printInputError(raw_ostream &os, StringRef file, Error err) {
  err = handleErrors(std::move(err),
                     [&](const WatError &e) { os << e.getDiagnostics(); });
  wasmkiln::printError(os, file, std::move(err));
}
