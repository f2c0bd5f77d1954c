//===- Opcode.h - Opcode enum and static opcode information -----*- C++ -*-===//
//
// Expands Opcodes.def into the Opcode enum and a table of per-opcode facts
// (text name, encoding, immediate kind, fixed signature, feature). Everything
// that dispatches on opcodes goes through these.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_OPCODE_H
#define WASMKILN_OPCODE_H

#include <cstdint>

namespace wasmkiln {

enum class Opcode : uint16_t {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Feature) Name,
#include "wasmkiln/wasm/Opcodes.def"
};

constexpr unsigned NumOpcodes = 0
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Feature) +1
#include "wasmkiln/wasm/Opcodes.def"
    ;

/// How an instruction's immediates are encoded.
enum class ImmKind : uint8_t {
  None,
  Block,        // blocktype
  Label,        // labelidx
  BrTable,      // vec(labelidx) labelidx
  Func,         // funcidx
  CallIndirect, // typeidx tableidx
  Local,        // localidx
  Global,       // globalidx
  Table,        // tableidx
  Mem,          // memidx (a 0x00 byte in 2.0)
  MemArg1,      // memarg, access width 1..16 bytes
  MemArg2,
  MemArg4,
  MemArg8,
  MemArg16,
  MemArgLane1, // memarg + lane index
  MemArgLane2,
  MemArgLane4,
  MemArgLane8,
  Lane2, // lane index below 2, 4, 8 or 16
  Lane4,
  Lane8,
  Lane16,
  I32,
  I64,
  F32,
  F64,
  V128,
  Shuffle,    // 16 lane indices below 32
  SelectT,    // vec(valtype)
  RefType,    // reftype
  MemoryInit, // dataidx memidx
  Data,       // dataidx
  MemoryCopy, // memidx memidx
  TableInit,  // elemidx tableidx
  Elem,       // elemidx
  TableCopy,  // tableidx tableidx
};

enum class Feature : uint8_t { MVP, SignExt, SatConv, BulkMem, RefTypes, SIMD };

struct OpcodeInfo {
  const char *text;
  uint8_t prefix; // 0, 0xfc or 0xfd
  uint32_t code;
  ImmKind imm;
  const char *sig; // "params:results", "" when typed by hand
  Feature feature;
};

/// Static facts about \p op.
const OpcodeInfo &getOpcodeInfo(Opcode op);

inline const char *getOpcodeText(Opcode op) { return getOpcodeInfo(op).text; }

/// Access width in bytes of a memory instruction (0 for others).
unsigned getMemoryAccessWidth(Opcode op);

} // namespace wasmkiln

#endif
