//===- TailCallAnalysis.cpp - Whether a module makes tail calls -----------===//
//
// See TailCallAnalysis.h. The scan decodes instructions without validating
// them (BodyReader only), and only bodies whose bytes contain a tail-call
// opcode somewhere: most modules have none, and memchr is far cheaper than a
// decode.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/TailCallAnalysis.h"

#include "wasmkiln/wasm/BodyReader.h"

#include <cstring>

using namespace wasmkiln;

/// return_call_ref's row names function references, the feature of its
/// operand; it is a tail call all the same.
bool wasmkiln::isTailCall(Opcode op) {
  return getOpcodeInfo(op).feature == Feature::TailCall ||
         op == Opcode::ReturnCallRef;
}

/// Whether some byte of \p code could be the opcode of a tail call (all of
/// them are single-byte opcodes).
static bool mayContainTailCall(llvm::ArrayRef<uint8_t> code) {
  for (unsigned op = 0; op < NumOpcodes; ++op) {
    const OpcodeInfo &info = getOpcodeInfo(Opcode(op));
    if (isTailCall(Opcode(op)) && info.prefix == 0 &&
        std::memchr(code.data(), int(info.code), code.size()))
      return true;
  }
  return false;
}

static bool bodyHasTailCall(const FunctionBody &body) {
  if (!mayContainTailCall(body.code))
    return false;
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  while (!reader.atEnd()) {
    if (llvm::Error err = reader.next(instr)) {
      llvm::consumeError(std::move(err));
      return false;
    }
    if (isTailCall(instr.op))
      return true;
  }
  return false;
}

bool wasmkiln::findTailCalls(const Module &module) {
  for (const FunctionBody &body : module.bodies)
    if (bodyHasTailCall(body))
      return true;
  return false;
}
