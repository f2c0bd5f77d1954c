//===- BodyReader.h - Streaming reader for function bodies ------*- C++ -*-===//
//
// Reads one instruction at a time from a function body's code bytes,
// decoding immediates into an Instr. Only checks well-formedness (encodings,
// LEB128 limits, known opcodes); types are the validator's job.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_BODYREADER_H
#define WASMKILN_BODYREADER_H

#include "wasmkiln/wasm/Feature.h"
#include "wasmkiln/wasm/Instr.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

namespace wasmkiln {

/// Where 3.0 changed the encoding of instructions, the 2.0 form for modules
/// read with the feature disabled: without multiple memories a memory index
/// is a reserved zero byte and memarg flags are only an alignment; without
/// memory64 a memarg offset is a u32. Every body valid in the 2.0 form
/// decodes to the same instructions in the 3.0 form, so only the validating
/// read needs it.
struct BodyEncoding {
  bool memoryIndexIsZeroByte = false;
  bool offsetIs32Bit = false;
  static BodyEncoding withDisabled(FeatureSet disabled) {
    return {disabled.has(Feature::MultiMemory),
            disabled.has(Feature::Memory64)};
  }
};

class BodyReader {
public:
  /// \p codeOffset is the offset of code[0] in the input, for diagnostics.
  BodyReader(llvm::ArrayRef<uint8_t> code, size_t codeOffset,
             BodyEncoding encoding = {})
      : code(code), base(codeOffset), encoding(encoding) {}

  bool atEnd() const { return pos >= code.size(); }
  /// Offset in the input of the next byte to read.
  size_t offset() const { return base + pos; }

  /// Decodes the next instruction into \p out.
  llvm::Error next(Instr &out);

private:
  llvm::ArrayRef<uint8_t> code;
  size_t base;
  BodyEncoding encoding;
  size_t pos = 0;
  llvm::SmallVector<uint32_t, 16> targets; // storage for Instr::targets
  llvm::SmallVector<CatchClause, 4> catches; // storage for Instr::catches
};

} // namespace wasmkiln

#endif
