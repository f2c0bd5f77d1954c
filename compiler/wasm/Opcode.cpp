//===- Opcode.cpp - Static opcode information -----------------------------===//
//
// The OpcodeInfo table, expanded from Opcodes.def.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Opcode.h"

using namespace wasmkiln;

static const OpcodeInfo OpcodeTable[] = {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Feat)                      \
  {Text, Prefix, Code, ImmKind::Imm, Sig, Feature::Feat},
#include "wasmkiln/wasm/Opcodes.def"
};

const OpcodeInfo &wasmkiln::getOpcodeInfo(Opcode op) {
  return OpcodeTable[static_cast<unsigned>(op)];
}

unsigned wasmkiln::getMemoryAccessWidth(Opcode op) {
  switch (getOpcodeInfo(op).imm) {
  case ImmKind::MemArg1:
  case ImmKind::MemArgLane1:
    return 1;
  case ImmKind::MemArg2:
  case ImmKind::MemArgLane2:
    return 2;
  case ImmKind::MemArg4:
  case ImmKind::MemArgLane4:
    return 4;
  case ImmKind::MemArg8:
  case ImmKind::MemArgLane8:
    return 8;
  case ImmKind::MemArg16:
    return 16;
  default:
    return 0;
  }
}
