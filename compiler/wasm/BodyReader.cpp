//===- BodyReader.cpp - Streaming reader for function bodies --------------===//
//
// Decodes one instruction per call: the opcode through lookup tables
// expanded from Opcodes.def at compile time (one for single-byte opcodes,
// one per prefix for the LEB128 sub-opcodes), then its immediates by ImmKind.
// No allocation per instruction: br_table targets go to the reader's own
// vector, everything else into the caller's Instr.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/BodyReader.h"
#include "ByteReader.h"

#include "llvm/ADT/Twine.h"

#include <cstring>

using namespace llvm;
using namespace wasmkiln;

namespace {
struct Encoding {
  uint8_t prefix;
  uint32_t code;
  ImmKind imm;
};

constexpr Encoding Encodings[] = {
#define WASM_OP(Name, Text, Prefix, Code, Imm, Sig, Ext, Feature)              \
  {Prefix, Code, ImmKind::Imm},
#include "wasmkiln/wasm/Opcodes.def"
};

constexpr uint16_t NoOpcode = 0xffff;

/// memarg flags: bit 6 says a memory index follows (multiple memories);
/// the bits below it are the alignment, flags from bit 7 up are malformed.
constexpr uint32_t MemArgHasMemoryIndex = 1u << 6;
constexpr uint32_t MemArgFlagsLimit = 1u << 7;

/// Maps the code after \p Prefix (0: the opcode byte itself) to an Opcode.
template <uint8_t Prefix, unsigned Size> struct OpcodeTable {
  uint16_t ops[Size];
  constexpr OpcodeTable() : ops() {
    for (unsigned i = 0; i < Size; ++i)
      ops[i] = NoOpcode;
    for (unsigned i = 0; i < NumOpcodes; ++i)
      if (Encodings[i].prefix == Prefix && Encodings[i].code < Size)
        ops[Encodings[i].code] = static_cast<uint16_t>(i);
  }
  uint16_t lookup(uint32_t code) const {
    return code < Size ? ops[code] : NoOpcode;
  }
};

constexpr OpcodeTable<0, 256> SingleByteOps;
constexpr OpcodeTable<0xfc, 32> PrefixFCOps;
// Relaxed SIMD's codes run to 0x113.
constexpr OpcodeTable<0xfd, 0x114> PrefixFDOps;
// The threads proposal's atomics run to 0x4e.
constexpr OpcodeTable<0xfe, 0x4f> PrefixFEOps;
} // namespace

static Error readBlockType(ByteReader &r, BlockType &out) {
  size_t at = r.offset();
  if (r.atEnd())
    return r.unexpectedEnd();
  uint8_t b = r.bytes()[r.position()];
  if (b == 0x40 || isValTypeByte(b)) {
    r.setPosition(r.position() + 1);
    out.kind = b == 0x40 ? BlockType::Empty : BlockType::Value;
    out.value = static_cast<ValType>(b);
    return Error::success();
  }
  if (b == RefNullByte || b == RefByte || isAbstractHeapByte(b)) {
    out.kind = BlockType::Value;
    return readValType(r, out.value);
  }
  int64_t index = 0;
  if (Error e = r.readS33(index))
    return e;
  if (index < 0)
    return malformed(at, "malformed block type");
  out.kind = BlockType::TypeIndex;
  out.typeIndex = static_cast<uint32_t>(index);
  return Error::success();
}

/// memarg: alignment flags, then (3.0, multiple memories) a memory index
/// when bit 6 of the flags is set, then the offset.
static Error readMemArg(ByteReader &r, const BodyEncoding &enc, MemArg &out) {
  size_t at = r.offset();
  uint32_t flags = 0;
  if (Error e = r.readU32(flags))
    return e;
  out.memory = 0;
  if (enc.memoryIndexIsZeroByte) {
    out.alignLog2 = flags; // the validator refuses one above natural
  } else {
    if (flags >= MemArgFlagsLimit)
      return malformed(at, "malformed memop flags");
    if (flags & MemArgHasMemoryIndex) {
      if (Error e = r.readU32(out.memory))
        return e;
    }
    out.alignLog2 = flags & ~MemArgHasMemoryIndex;
  }
  if (enc.offsetIs32Bit) {
    uint32_t offset = 0;
    if (Error e = r.readU32(offset))
      return e;
    out.offset = offset;
    return Error::success();
  }
  // A u64 since memory64; validation bounds it by the address type.
  if (Error e = r.readU64(out.offset))
    return e;
  return Error::success();
}

/// A memory index: a u32 since multiple memories, a zero byte before.
static Error readMemoryIndex(ByteReader &r, const BodyEncoding &enc,
                             uint32_t &out) {
  if (!enc.memoryIndexIsZeroByte)
    return r.readU32(out);
  size_t at = r.offset();
  uint8_t byte = 0;
  if (Error e = r.readByte(byte))
    return e;
  if (byte != 0)
    return malformed(at, "zero byte expected (a memory index needs feature "
                         "multi-memory, which is disabled)");
  out = 0;
  return Error::success();
}

static Error readV128(ByteReader &r, std::array<uint8_t, 16> &out) {
  ArrayRef<uint8_t> bytes;
  if (Error e = r.readBytes(16, bytes))
    return e;
  std::memcpy(out.data(), bytes.data(), 16);
  return Error::success();
}

static Error readSelectTypes(ByteReader &r, Instr &out) {
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  // The validator rejects any count but one ("invalid result arity"); keep
  // the count for it in index and the first type in type.
  out.index = count;
  for (uint32_t i = 0; i < count; ++i) {
    ValType type;
    if (Error e = readValType(r, type))
      return e;
    if (i == 0)
      out.type = type;
  }
  return Error::success();
}

static Error readBrTable(ByteReader &r, SmallVectorImpl<uint32_t> &targets,
                         Instr &out) {
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  targets.resize(count);
  for (uint32_t &target : targets)
    if (Error e = r.readU32(target))
      return e;
  out.targets = targets;
  return r.readU32(out.index);
}

/// try_table's immediates: a block type, then the catch clauses.
static Error readTryTable(ByteReader &r, SmallVectorImpl<CatchClause> &catches,
                          Instr &out) {
  if (Error e = readBlockType(r, out.block))
    return e;
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  catches.resize(count);
  for (CatchClause &clause : catches) {
    size_t at = r.offset();
    uint8_t kind = 0;
    if (Error e = r.readByte(kind))
      return e;
    if (kind > CatchClause::CatchAllRef)
      return malformed(at, "malformed catch clause");
    clause.kind = static_cast<CatchClause::Kind>(kind);
    if (clause.hasTag())
      if (Error e = r.readU32(clause.tag))
        return e;
    if (Error e = r.readU32(clause.label))
      return e;
  }
  out.catches = catches;
  return Error::success();
}

/// Reads the opcode at the reader's position and returns its index in
/// Opcodes.def (or an "illegal opcode" error).
static Error readOpcode(ByteReader &r, uint16_t &out) {
  size_t at = r.offset();
  uint8_t b = 0;
  if (Error e = r.readByte(b))
    return e;
  if (b != 0xfc && b != 0xfd && b != 0xfe) {
    out = SingleByteOps.lookup(b);
    if (out == NoOpcode)
      return malformed(at, "illegal opcode 0x" + Twine::utohexstr(b));
    return Error::success();
  }
  uint32_t code;
  if (Error e = r.readU32(code))
    return e;
  out = b == 0xfc   ? PrefixFCOps.lookup(code)
        : b == 0xfd ? PrefixFDOps.lookup(code)
                    : PrefixFEOps.lookup(code);
  if (out == NoOpcode)
    return malformed(at, "illegal opcode 0x" + Twine::utohexstr(b) + " 0x" +
                             Twine::utohexstr(code));
  return Error::success();
}

static Error readImmediates(ByteReader &r, const BodyEncoding &enc,
                            ImmKind imm, Instr &out,
                            SmallVectorImpl<uint32_t> &targets,
                            SmallVectorImpl<CatchClause> &catches) {
  switch (imm) {
  case ImmKind::None:
    return Error::success();
  case ImmKind::Block:
    return readBlockType(r, out.block);
  case ImmKind::Label:
  case ImmKind::Func:
  case ImmKind::Local:
  case ImmKind::Global:
  case ImmKind::Table:
  case ImmKind::Data:
  case ImmKind::Elem:
  case ImmKind::Tag:
    return r.readU32(out.index);
  case ImmKind::TryTable:
    return readTryTable(r, catches, out);
  case ImmKind::BrTable:
    return readBrTable(r, targets, out);
  case ImmKind::CallIndirect:
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
    if (Error e = r.readU32(out.index))
      return e;
    return r.readU32(out.index2);
  case ImmKind::Mem:
    return readMemoryIndex(r, enc, out.index);
  case ImmKind::MemoryInit:
    if (Error e = r.readU32(out.index))
      return e;
    return readMemoryIndex(r, enc, out.index2);
  case ImmKind::MemoryCopy:
    if (Error e = readMemoryIndex(r, enc, out.index))
      return e;
    return readMemoryIndex(r, enc, out.index2);
  case ImmKind::MemArg1:
  case ImmKind::MemArg2:
  case ImmKind::MemArg4:
  case ImmKind::MemArg8:
  case ImmKind::MemArg16:
    return readMemArg(r, enc, out.mem);
  case ImmKind::MemArgLane1:
  case ImmKind::MemArgLane2:
  case ImmKind::MemArgLane4:
  case ImmKind::MemArgLane8:
    if (Error e = readMemArg(r, enc, out.mem))
      return e;
    return r.readByte(out.lane);
  case ImmKind::Lane2:
  case ImmKind::Lane4:
  case ImmKind::Lane8:
  case ImmKind::Lane16:
    return r.readByte(out.lane);
  case ImmKind::I32: {
    int32_t v = 0;
    if (Error e = r.readS32(v))
      return e;
    out.value = static_cast<uint64_t>(static_cast<int64_t>(v));
    return Error::success();
  }
  case ImmKind::I64: {
    int64_t v = 0;
    if (Error e = r.readS64(v))
      return e;
    out.value = static_cast<uint64_t>(v);
    return Error::success();
  }
  case ImmKind::F32:
    return r.readFixed(4, out.value);
  case ImmKind::F64:
    return r.readFixed(8, out.value);
  case ImmKind::V128:
  case ImmKind::Shuffle:
    return readV128(r, out.bytes);
  case ImmKind::SelectT:
    return readSelectTypes(r, out);
  case ImmKind::RefType: {
    HeapType heap = 0;
    if (Error e = readHeapType(r, heap))
      return e;
    out.type = makeRefType(/*nullable=*/true, heap);
    return Error::success();
  }
  case ImmKind::Type:
    return r.readU32(out.index);
  case ImmKind::Reserved: {
    size_t at = r.offset();
    uint8_t byte = 0;
    if (Error e = r.readByte(byte))
      return e;
    return byte == 0 ? Error::success() : malformed(at, "zero byte expected");
  }
  }
  return Error::success();
}

Error BodyReader::next(Instr &out) {
  ByteReader r(code, base, /*wholeInput=*/false);
  r.setPosition(pos);
  out.offset = r.offset();
  uint16_t index;
  Error e = readOpcode(r, index);
  if (!e) {
    out.op = static_cast<Opcode>(index);
    e = readImmediates(r, encoding, Encodings[index].imm, out, targets,
                       catches);
  }
  pos = r.position();
  return e;
}
