//===- DecoderSections.cpp - The binary format decoder: section contents --===//
//
// One reader per known section, and the encodings several sections share
// (value and reference types, limits, element and data segments, function
// bodies). Each reads from a ByteReader bounded by its section and appends
// to the Module; vectors are reserved only after their length has been
// checked against the bytes that remain.
//
//===----------------------------------------------------------------------===//

#include "DecoderImpl.h"

#include "llvm/ADT/Twine.h"

#include <algorithm>

using namespace llvm;
using namespace wasmkiln;

/// Appends \p count items to \p v, each read by \p readItem(T &). Reserves
/// room for at most what the bytes left could hold (an item takes at least
/// \p minItemBytes): a count is only a claim.
template <typename T, typename ReadItem>
static Error readItems(ByteReader &r, std::vector<T> &v, uint32_t count,
                       unsigned minItemBytes, ReadItem readItem) {
  v.reserve(v.size() + std::min<size_t>(count, r.remaining() / minItemBytes));
  for (uint32_t i = 0; i < count; ++i)
    if (Error e = readItem(v.emplace_back()))
      return e;
  return Error::success();
}

/// A vector in the binary format: a count, then the items.
template <typename T, typename ReadItem>
static Error readVector(ByteReader &r, std::vector<T> &v, unsigned minItemBytes,
                        ReadItem readItem) {
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  return readItems(r, v, count, minItemBytes, readItem);
}

//===----------------------------------------------------------------------===//
// Shared encodings
//===----------------------------------------------------------------------===//

/// Limits flag bits: 0 a maximum follows, 2 the index type is i64
/// (memory64, table64), 3 a page size follows (custom-page-sizes, memories
/// only). Bit 1 (shared, threads) is not supported.
enum : uint8_t {
  LimitsHasMax = 1,
  LimitsShared = 2,
  LimitsIs64 = 4,
  LimitsPageSize = 8
};

static Error readLimits(ByteReader &r, Limits &out, uint8_t allowedFlags,
                        uint8_t *flagsOut) {
  size_t at = r.offset();
  uint8_t flags = 0;
  if (Error e = r.readByte(flags))
    return e;
  // The flags were a varuint1 before WebAssembly 2.0 made them a byte; the
  // spec suite still expects the LEB128 wording.
  if (flags & 0x80)
    return malformed(at, "integer representation too long");
  if (flags & ~allowedFlags)
    return malformed(at, "integer too large");
  *flagsOut = flags;
  // 64-bit limits are u64, 32-bit ones u32.
  auto readBound = [&](uint64_t &bound) -> Error {
    if (flags & LimitsIs64)
      return r.readU64(bound);
    uint32_t v;
    if (Error e = r.readU32(v))
      return e;
    bound = v;
    return Error::success();
  };
  if (Error e = readBound(out.min))
    return e;
  out.max.reset();
  if (flags & LimitsHasMax) {
    uint64_t max = 0;
    if (Error e = readBound(max))
      return e;
    out.max = max;
  }
  return Error::success();
}

static Error readMemoryType(ByteReader &r, MemoryType &out) {
  out.offset = r.offset();
  uint8_t flags;
  if (Error e = readLimits(r, out.limits,
                           LimitsHasMax | LimitsShared | LimitsIs64 |
                               LimitsPageSize,
                           &flags))
    return e;
  out.is64 = flags & LimitsIs64;
  out.shared = flags & LimitsShared;
  out.pageSizeLog2 = DefaultPageSizeLog2;
  if (flags & LimitsPageSize) {
    size_t at = r.offset();
    if (Error e = r.readU32(out.pageSizeLog2))
      return e;
    // A page size that does not fit in 64 bits cannot even be represented;
    // the other powers of two are valid syntax but rejected by validation.
    if (out.pageSizeLog2 >= 64)
      return malformed(at, "invalid custom page size");
  }
  return Error::success();
}

static Error readTableType(ByteReader &r, TableType &out) {
  if (Error e = readRefType(r, out.elemType))
    return e;
  uint8_t flags;
  if (Error e = readLimits(r, out.limits, LimitsHasMax | LimitsIs64, &flags))
    return e;
  out.is64 = flags & LimitsIs64;
  return Error::success();
}

/// A tag type: the attribute byte (0, an exception) and a type index.
static Error readTagType(ByteReader &r, uint32_t &typeIndex) {
  size_t at = r.offset();
  uint8_t attribute = 0;
  if (Error e = r.readByte(attribute))
    return e;
  if (attribute != 0)
    return malformed(at, "malformed tag attribute");
  return r.readU32(typeIndex);
}

static Error readGlobalType(ByteReader &r, GlobalType &out) {
  if (Error e = readValType(r, out.type))
    return e;
  size_t at = r.offset();
  uint8_t mut = 0;
  if (Error e = r.readByte(mut))
    return e;
  if (mut > 1)
    return malformed(at, "malformed mutability");
  out.isMutable = mut == 1;
  return Error::success();
}

void ModuleDecoder::useTypeFeatures(const MemoryType &memory, size_t at) {
  if (memory.is64)
    useFeature(Feature::Memory64, at, "a 64-bit memory");
  if (memory.pageSizeLog2 != DefaultPageSizeLog2)
    useFeature(Feature::CustomPageSizes, at, "a custom page size");
  if (memory.shared)
    useFeature(Feature::Threads, at, "a shared memory");
}

void ModuleDecoder::useTypeFeatures(const TableType &table, size_t at) {
  if (table.is64)
    useFeature(Feature::Memory64, at, "a 64-bit table");
}

//===----------------------------------------------------------------------===//
// Type, import, function, table, memory, global, export, start
//===----------------------------------------------------------------------===//

static Error readValTypes(ByteReader &r, SmallVectorImpl<ValType> &out) {
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  out.resize(count);
  for (ValType &t : out)
    if (Error e = readValType(r, t))
      return e;
  return Error::success();
}

Error ModuleDecoder::readTypeSection(ByteReader &r) {
  return readVector(r, module->types, 3, [&](FuncType &type) -> Error {
    size_t at = r.offset();
    uint8_t form = 0;
    if (Error e = r.readByte(form))
      return e;
    if (form != 0x60)
      return malformed(at,
                       "malformed function type 0x" + Twine::utohexstr(form));
    if (Error e = readValTypes(r, type.params))
      return e;
    if (Error e = readValTypes(r, type.results))
      return e;
    if (type.results.size() > 1)
      useFeature(Feature::MultiValue, at,
                 "a function type with several results");
    if (type.params.size() > MaxFunctionParams)
      return makeError(WasmError::ImplLimit, at,
                       "too many params (" + Twine(type.params.size()) +
                           ", the limit is " + Twine(MaxFunctionParams) + ")");
    if (type.results.size() > MaxFunctionResults)
      return makeError(WasmError::ImplLimit, at,
                       "too many results (" + Twine(type.results.size()) +
                           ", the limit is " + Twine(MaxFunctionResults) + ")");
    return Error::success();
  });
}

Error ModuleDecoder::readImportSection(ByteReader &r) {
  return readVector(r, module->imports, 4, [&](Import &import) -> Error {
    if (Error e = r.readName(import.module))
      return e;
    if (Error e = r.readName(import.field))
      return e;
    size_t at = r.offset();
    uint8_t kind = 0;
    if (Error e = r.readByte(kind))
      return e;
    Error e = Error::success();
    switch (kind) {
    case 0:
      import.kind = ExternKind::Func;
      e = r.readU32(import.funcType);
      module->funcs.push_back(import.funcType);
      ++module->numImportedFuncs;
      break;
    case 1:
      import.kind = ExternKind::Table;
      e = readTableType(r, import.table);
      useTypeFeatures(import.table, at);
      if (!module->tables.empty())
        useFeature(Feature::RefTypes, at, "a second table");
      module->tables.push_back(import.table);
      ++module->numImportedTables;
      break;
    case 2:
      import.kind = ExternKind::Memory;
      e = readMemoryType(r, import.memory);
      useTypeFeatures(import.memory, at);
      if (!module->memories.empty())
        useFeature(Feature::MultiMemory, at, "a second memory");
      module->memories.push_back(import.memory);
      ++module->numImportedMemories;
      break;
    case 3:
      import.kind = ExternKind::Global;
      e = readGlobalType(r, import.global);
      if (import.global.isMutable)
        useFeature(Feature::MutableGlobals, at,
                   "an import of a mutable global");
      module->globals.push_back(import.global);
      ++module->numImportedGlobals;
      break;
    case 4:
      import.kind = ExternKind::Tag;
      e = readTagType(r, import.tagType);
      module->tags.push_back(import.tagType);
      ++module->numImportedTags;
      break;
    default:
      return malformed(at, "malformed import kind");
    }
    if (e)
      return e;
    return Error::success();
  });
}

Error ModuleDecoder::readFunctionSection(ByteReader &r) {
  size_t imported = module->funcs.size();
  if (Error e = readVector(r, module->funcs, 1,
                           [&](uint32_t &type) { return r.readU32(type); }))
    return e;
  numDeclaredFuncs = module->funcs.size() - imported;
  return Error::success();
}

/// A table: its type, or (3.0) 0x40 0x00, its type and an initialiser.
Error ModuleDecoder::readTableSection(ByteReader &r) {
  return readVector(r, module->tables, 2, [&](TableType &table) -> Error {
    if (module->tables.size() > 1) // a table besides the one 1.0 allowed
      useFeature(Feature::RefTypes, r.offset(), "a second table");
    std::optional<ConstExpr> &init = module->tableInits.emplace_back();
    bool hasInit = !r.atEnd() && r.bytes()[r.position()] == 0x40;
    if (hasInit) {
      useFeature(Feature::FuncRefs, r.offset(), "a table initialiser");
      r.setPosition(r.position() + 1);
      size_t at = r.offset();
      uint8_t zero = 0;
      if (Error e = r.readByte(zero))
        return e;
      if (zero != 0)
        return malformed(at, "malformed table");
    }
    size_t at = r.offset();
    if (Error e = readTableType(r, table))
      return e;
    useTypeFeatures(table, at);
    if (!hasInit)
      return Error::success();
    return readConstExpr(r, init.emplace());
  });
}

Error ModuleDecoder::readMemorySection(ByteReader &r) {
  return readVector(r, module->memories, 2, [&](MemoryType &memory) -> Error {
    size_t at = r.offset();
    if (module->memories.size() > 1)
      useFeature(Feature::MultiMemory, at, "a second memory");
    if (Error e = readMemoryType(r, memory))
      return e;
    useTypeFeatures(memory, at);
    return Error::success();
  });
}

Error ModuleDecoder::readGlobalSection(ByteReader &r) {
  return readVector(r, module->globalInits, 3, [&](ConstExpr &init) -> Error {
    GlobalType type;
    if (Error e = readGlobalType(r, type))
      return e;
    if (Error e = readConstExpr(r, init))
      return e;
    module->globals.push_back(type);
    return Error::success();
  });
}

Error ModuleDecoder::readExportSection(ByteReader &r) {
  return readVector(r, module->exports, 3, [&](Export &exp) -> Error {
    if (Error e = r.readName(exp.name))
      return e;
    size_t at = r.offset();
    uint8_t kind = 0;
    if (Error e = r.readByte(kind))
      return e;
    if (kind > uint8_t(ExternKind::Tag))
      return malformed(at, "malformed export kind");
    exp.kind = static_cast<ExternKind>(kind);
    if (Error e = r.readU32(exp.index))
      return e;
    if (exp.kind == ExternKind::Func)
      module->declaredFuncRefs.insert(exp.index);
    if (exp.kind == ExternKind::Global && exp.index < module->globals.size() &&
        module->globals[exp.index].isMutable)
      useFeature(Feature::MutableGlobals, at, "an export of a mutable global");
    return Error::success();
  });
}

Error ModuleDecoder::readTagSection(ByteReader &r) {
  return readVector(r, module->tags, 2,
                    [&](uint32_t &type) { return readTagType(r, type); });
}

Error ModuleDecoder::readStartSection(ByteReader &r) {
  uint32_t index = 0;
  if (Error e = r.readU32(index))
    return e;
  module->start = index;
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Element segments
//===----------------------------------------------------------------------===//

Error ModuleDecoder::readElemSection(ByteReader &r) {
  return readVector(r, module->elems, 3, [&](ElemSegment &segment) -> Error {
    if (Error e = readElemSegment(r, segment))
      return e;
    return Error::success();
  });
}

/// The eight encodings are the combinations of three flag bits: bit 0
/// passive or declarative (else active), bit 1 explicit table index (active)
/// or declarative (otherwise), bit 2 expressions instead of function indices.
Error ModuleDecoder::readElemSegment(ByteReader &r, ElemSegment &out) {
  size_t at = r.offset();
  uint32_t flags = 0;
  if (Error e = r.readU32(flags))
    return e;
  if (flags > 7)
    return malformed(at, "malformed elements segment kind");
  bool passiveOrDeclarative = flags & 1, explicitTable = flags & 2,
       usesExprs = flags & 4;
  if (passiveOrDeclarative) {
    useFeature(Feature::BulkMem, at, "a passive or declarative segment");
    out.mode = explicitTable ? SegmentMode::Declarative : SegmentMode::Passive;
  } else
    out.mode = SegmentMode::Active;
  out.table = 0;
  out.type = ValType::FuncRef;
  if (out.mode == SegmentMode::Active) {
    if (explicitTable)
      if (Error e = r.readU32(out.table))
        return e;
    if (Error e = readConstExpr(r, out.offset))
      return e;
  }
  // Encodings 0 and 4 imply funcref; the others spell the element type.
  if (passiveOrDeclarative || explicitTable) {
    if (usesExprs) {
      if (Error e = readRefType(r, out.type))
        return e;
    } else {
      size_t kindAt = r.offset();
      uint8_t kind = 0;
      if (Error e = r.readByte(kind))
        return e;
      if (kind != 0x00)
        return malformed(kindAt, "malformed element kind");
    }
  }
  // Function indices are never null: 3.0 types them `(ref func)`.
  if (!usesExprs)
    out.type = makeRefType(/*nullable=*/false, HeapFunc);
  return usesExprs ? readElemExprs(r, out) : readElemFuncIndices(r, out);
}

Error ModuleDecoder::readElemExprs(ByteReader &r, ElemSegment &out) {
  return readVector(r, out.items, 1, [&](ConstExpr &item) -> Error {
    return readConstExpr(r, item);
  });
}

Error ModuleDecoder::readElemFuncIndices(ByteReader &r, ElemSegment &out) {
  return readVector(r, out.items, 1, [&](ConstExpr &item) -> Error {
    item.offset = r.offset();
    item.kind = ConstExpr::RefFunc;
    if (Error e = r.readU32(item.index))
      return e;
    module->declaredFuncRefs.insert(item.index);
    return Error::success();
  });
}

//===----------------------------------------------------------------------===//
// Data count, code and data
//===----------------------------------------------------------------------===//

Error ModuleDecoder::readDataCountSection(ByteReader &r) {
  useFeature(Feature::BulkMem, r.offset(), "the data count section");
  uint32_t count = 0;
  if (Error e = r.readU32(count))
    return e;
  module->dataCount = count;
  return Error::success();
}

Error ModuleDecoder::readCodeSection(ByteReader &r) {
  sawCodeSection = true;
  size_t at = r.offset();
  module->codeSectionOffset = at;
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  if (count != numDeclaredFuncs)
    return malformed(at, "function and code section have inconsistent lengths");
  return readItems(r, module->bodies, count, 2, [&](FunctionBody &body) {
    return readFunctionBody(r, body);
  });
}

Error ModuleDecoder::readFunctionBody(ByteReader &r, FunctionBody &out) {
  out.bodyOffset = r.offset();
  uint32_t size = 0;
  ArrayRef<uint8_t> bytes;
  if (Error e = r.readU32(size))
    return e;
  size_t bodyStart = r.offset();
  out.localsOffset = bodyStart;
  if (Error e = r.readBytes(size, bytes))
    return e;
  ByteReader body(bytes, bodyStart, /*wholeInput=*/false);

  uint32_t groups = 0;
  if (Error e = body.readCount(groups))
    return e;
  out.localGroups.resize(groups);
  uint64_t total = 0;
  for (auto &group : out.localGroups) {
    size_t at = body.offset();
    if (Error e = body.readU32(group.first))
      return e;
    total += group.first;
    if (total > UINT32_MAX)
      return malformed(at, "too many locals");
    if (Error e = readValType(body, group.second))
      return e;
  }
  if (total > MaxFunctionLocals)
    return makeError(WasmError::ImplLimit, bodyStart,
                     "too many locals (" + Twine(total) + ", the limit is " +
                         Twine(MaxFunctionLocals) + ")");
  out.numLocals = total;
  out.codeOffset = body.offset();
  out.code = bytes.drop_front(body.position());
  // The body's last instruction must be `end`; whether that byte really is
  // an instruction (and not an immediate) is checked when the body is read.
  if (out.code.empty() || out.code.back() != 0x0b)
    return malformed(bodyStart + size, "END opcode expected");
  return Error::success();
}

Error ModuleDecoder::readDataSection(ByteReader &r) {
  sawDataSection = true;
  size_t at = r.offset();
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  if (module->dataCount && *module->dataCount != count)
    return malformed(at,
                     "data count and data section have inconsistent lengths");
  return readItems(r, module->datas, count, 2, [&](DataSegment &segment) {
    return readDataSegment(r, segment);
  });
}

Error ModuleDecoder::readDataSegment(ByteReader &r, DataSegment &out) {
  size_t at = r.offset();
  uint32_t flags = 0;
  if (Error e = r.readU32(flags))
    return e;
  if (flags > 2)
    return malformed(at, "malformed data segment kind");
  out.mode = flags == 1 ? SegmentMode::Passive : SegmentMode::Active;
  if (out.mode == SegmentMode::Passive)
    useFeature(Feature::BulkMem, at, "a passive segment");
  out.memory = 0;
  if (flags == 2)
    if (Error e = r.readU32(out.memory))
      return e;
  if (out.mode == SegmentMode::Active)
    if (Error e = readConstExpr(r, out.offset))
      return e;
  uint32_t size = 0;
  if (Error e = r.readU32(size))
    return e;
  return r.readBytes(size, out.bytes);
}
