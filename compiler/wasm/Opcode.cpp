//===- Opcode.cpp - Static opcode information -----------------------------===//
//
// What is derived from the OpcodeInfo table (Opcode.h) at run time.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Opcode.h"

using namespace wasmkiln;

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
