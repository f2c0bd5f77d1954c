//===- Opcode.h - Opcode enum and static opcode information -----*- C++ -*-===//
//
// Expands Opcodes.def into the Opcode enum and a table of per-opcode facts
// (text name, encoding, immediate kind, fixed signature, load extension,
// feature). Everything
// that dispatches on opcodes goes through these. The table is constexpr and
// its Sig column is parsed here, once, at compile time (letters as in
// ValTypes.def), so that users can static_assert on it and none of them reads
// the signature strings.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_OPCODE_H
#define WASMKILN_OPCODE_H

#include "wasmkiln/wasm/Feature.h"
#include "wasmkiln/wasm/ValType.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace wasmkiln {

enum class Opcode : uint16_t {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Ext, Feature) Name,
#include "wasmkiln/wasm/Opcodes.def"
};

constexpr unsigned NumOpcodes = 0
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Ext, Feature) +1
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
  RefType,    // heaptype (ref.null; a reftype byte in 2.0)
  MemoryInit, // dataidx memidx
  Data,       // dataidx
  MemoryCopy, // memidx memidx
  TableInit,  // elemidx tableidx
  Elem,       // elemidx
  TableCopy,  // tableidx tableidx
  Type,       // typeidx (call_ref, return_call_ref)
  Tag,        // tagidx
  Reserved,   // a 0x00 byte (atomic.fence)
  TryTable,   // blocktype vec(catch)
};

/// How a load widens bytes narrower than its result (the Ext column).
enum class Extend : uint8_t { None, Sign, Zero };


/// The Sig column of one row: the operand and result types of an operator
/// whose type is fixed ("ii:i"). Operators typed by hand (the column is "")
/// have fixed == false and no types.
struct OpcodeSig {
  // i64.add128 takes four operands and yields two (wide arithmetic).
  static constexpr unsigned MaxParams = 4, MaxResults = 2;
  bool fixed = false;
  uint8_t numParams = 0, numResults = 0;
  ValType params[MaxParams] = {};
  ValType results[MaxResults] = {};

  llvm::ArrayRef<ValType> paramTypes() const { return {params, numParams}; }
  llvm::ArrayRef<ValType> resultTypes() const { return {results, numResults}; }
  /// Fixed and not ":" (an operator that takes or yields something).
  constexpr bool typed() const { return numParams + numResults != 0; }
};

namespace detail {
struct ParsedSig {
  OpcodeSig sig;
  bool bad = false; // not "letters:letters" within the Max* counts
};

constexpr ParsedSig parseOpcodeSig(const char *s) {
  ParsedSig out{};
  if (!*s)
    return out;
  out.sig.fixed = true;
  bool inResults = false;
  for (; *s; ++s) {
    if (*s == ':') {
      out.bad |= inResults;
      inResults = true;
      continue;
    }
    ValType t{};
    out.bad |= !valTypeForSigLetter(*s, t);
    OpcodeSig &sig = out.sig;
    if (!inResults && sig.numParams < OpcodeSig::MaxParams)
      sig.params[sig.numParams++] = t;
    else if (inResults && sig.numResults < OpcodeSig::MaxResults)
      sig.results[sig.numResults++] = t;
    else
      out.bad = true;
  }
  out.bad |= !inResults;
  return out;
}

inline constexpr ParsedSig ParsedSigs[] = {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Ext, Feature)              \
  parseOpcodeSig(Sig),
#include "wasmkiln/wasm/Opcodes.def"
};

constexpr bool allSigsParse() {
  for (const ParsedSig &parsed : ParsedSigs)
    if (parsed.bad)
      return false;
  return true;
}
static_assert(allSigsParse(), "Opcodes.def has a malformed Sig column");
} // namespace detail

struct OpcodeInfo {
  const char *text;
  uint8_t prefix; // 0, 0xfc, 0xfd or 0xfe
  uint32_t code;
  ImmKind imm;
  OpcodeSig sig;
  Extend ext;
  Feature feature;
};

inline constexpr OpcodeInfo OpcodeTable[] = {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Ext, Feat)                 \
  {Text,                                                                       \
   Prefix,                                                                     \
   Code,                                                                       \
   ImmKind::Imm,                                                               \
   detail::ParsedSigs[unsigned(Opcode::Name)].sig,                             \
   Extend::Ext,                                                                \
   Feature::Feat},
#include "wasmkiln/wasm/Opcodes.def"
};

/// Static facts about \p op.
constexpr const OpcodeInfo &getOpcodeInfo(Opcode op) {
  return OpcodeTable[static_cast<unsigned>(op)];
}

inline const char *getOpcodeText(Opcode op) { return getOpcodeInfo(op).text; }

/// Access width in bytes of a memory instruction (0 for others).
unsigned getMemoryAccessWidth(Opcode op);

} // namespace wasmkiln

#endif
