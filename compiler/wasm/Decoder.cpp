//===- Decoder.cpp - The binary format decoder: module framing ------------===//
//
// The header, the section loop (ids, sizes, order), the checks that relate
// sections to each other (function/code and data count/data lengths), the
// custom "name" section, and constant expressions. The sections' contents
// are read in DecoderSections.cpp.
//
// Constant expressions that are well-formed but not constant (or not exactly
// one instruction) are invalid rather than malformed. Such an error is kept
// aside and decoding goes on, so that a malformed module is reported as
// malformed whatever invalid content precedes the malformed part.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Decoder.h"
#include "DecoderImpl.h"
#include "wasmkiln/wasm/BodyReader.h"

using namespace llvm;
using namespace wasmkiln;

namespace {
enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElemId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
  TagId = 13,
};
} // namespace

/// Position of a known section in the required order (data count sits
/// between element and code, tag between memory and global).
static unsigned getSectionRank(uint8_t id) {
  switch (id) {
  case DataCountId:
    return 2 * ElemId + 1;
  case TagId:
    return 2 * MemoryId + 1;
  default:
    return 2 * id;
  }
}

Expected<std::unique_ptr<Module>> ModuleDecoder::decode() {
  module = std::make_unique<Module>();
  module->disabledFeatures = disabled;
  if (Error e = decodeAll())
    return Expected<std::unique_ptr<Module>>(std::move(e));
  if (pendingDisabled)
    return featureDisabled(pendingDisabled->offset, pendingDisabled->feature,
                           pendingDisabled->what);
  if (pendingInvalid)
    return invalid(pendingInvalid->first, pendingInvalid->second);
  return std::move(module);
}

Error ModuleDecoder::decodeAll() {
  ByteReader r(input, 0, /*wholeInput=*/true);
  uint64_t magic = 0, version = 0;
  if (Error e = r.readFixed(4, magic))
    return e;
  if (magic != 0x6d736100) // "\0asm"
    return malformed(0, "magic header not detected");
  if (Error e = r.readFixed(4, version))
    return e;
  if (version != 1)
    return malformed(4, "unknown binary version");

  unsigned lastRank = 0;
  while (!r.atEnd()) {
    size_t idOffset = r.offset();
    uint8_t id = 0;
    uint32_t size = 0;
    if (Error e = r.readByte(id))
      return e;
    if (id > TagId)
      return malformed(idOffset, "malformed section id");
    if (Error e = r.readU32(size))
      return e;
    if (size > r.remaining())
      return malformed(r.offset(), "length out of bounds");
    if (id != CustomId) {
      unsigned rank = getSectionRank(id);
      if (rank <= lastRank)
        return malformed(idOffset, "unexpected content after last section");
      lastRank = rank;
    }
    size_t start = r.position();
    ByteReader section(input.slice(start, size), start,
                       /*wholeInput=*/false);
    if (Error e = decodeSection(id, section))
      return e;
    if (!section.atEnd())
      return malformed(section.offset(), "section size mismatch");
    r.setPosition(start + size);
  }
  return finishModule(input.size());
}

Error ModuleDecoder::decodeSection(uint8_t id, ByteReader &r) {
  switch (id) {
  case CustomId:
    return readCustomSection(r);
  case TypeId:
    return readTypeSection(r);
  case ImportId:
    return readImportSection(r);
  case FunctionId:
    return readFunctionSection(r);
  case TableId:
    return readTableSection(r);
  case MemoryId:
    return readMemorySection(r);
  case GlobalId:
    return readGlobalSection(r);
  case ExportId:
    return readExportSection(r);
  case StartId:
    return readStartSection(r);
  case ElemId:
    return readElemSection(r);
  case DataCountId:
    return readDataCountSection(r);
  case CodeId:
    return readCodeSection(r);
  case DataId:
    return readDataSection(r);
  case TagId:
    return readTagSection(r);
  }
  return malformed(r.offset(), "malformed section id");
}

Error ModuleDecoder::finishModule(size_t endOffset) {
  if (!sawCodeSection && numDeclaredFuncs != 0)
    return malformed(endOffset,
                     "function and code section have inconsistent lengths");
  if (!sawDataSection && module->dataCount && *module->dataCount != 0)
    return malformed(endOffset,
                     "data count and data section have inconsistent lengths");
  return Error::success();
}

void ModuleDecoder::deferInvalid(size_t offset, const Twine &message) {
  if (!pendingInvalid)
    pendingInvalid.emplace(offset, message.str());
}

void ModuleDecoder::useFeature(Feature f, size_t offset, const Twine &what) {
  module->usedFeatures.add(f);
  if (disabled.has(f) && !pendingDisabled)
    pendingDisabled = FeatureUse{offset, f, what.str()};
}

//===----------------------------------------------------------------------===//
// Custom sections
//===----------------------------------------------------------------------===//

Error ModuleDecoder::readCustomSection(ByteReader &r) {
  std::string name;
  if (Error e = r.readName(name))
    return e;
  if (name == "name") {
    // The contents of custom sections are not part of the module's
    // well-formedness: a broken name section is ignored.
    ByteReader names(r.bytes().drop_front(r.position()), r.offset(),
                     /*wholeInput=*/false);
    readNameSection(names);
  } else if (llvm::StringRef(name).starts_with(".debug_")) {
    module->debugSections.push_back(
        {name, r.bytes().drop_front(r.position()), r.offset()});
  }
  r.setPosition(r.bytes().size());
  return Error::success();
}

/// Reads subsections until the first problem, keeping what came before.
void ModuleDecoder::readNameSection(ByteReader &r) {
  while (!r.atEnd()) {
    uint8_t id = 0;
    uint32_t size = 0;
    ArrayRef<uint8_t> content;
    if (Error e = r.readByte(id)) {
      consumeError(std::move(e));
      return;
    }
    if (Error e = r.readU32(size)) {
      consumeError(std::move(e));
      return;
    }
    size_t contentOffset = r.offset();
    if (Error e = r.readBytes(size, content)) {
      consumeError(std::move(e));
      return;
    }
    ByteReader sub(content, contentOffset, /*wholeInput=*/false);
    Error e = Error::success();
    if (id == 0) {
      std::string name;
      e = sub.readName(name);
      if (!e)
        module->moduleName = std::move(name);
    } else if (id == 1) {
      e = readFunctionNames(sub);
    }
    if (e) {
      consumeError(std::move(e));
      return;
    }
  }
}

Error ModuleDecoder::readFunctionNames(ByteReader &r) {
  uint32_t count = 0;
  if (Error e = r.readCount(count))
    return e;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t index = 0;
    std::string name;
    if (Error e = r.readU32(index))
      return e;
    if (Error e = r.readName(name))
      return e;
    module->funcNames[index] = std::move(name);
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Constant expressions
//===----------------------------------------------------------------------===//

/// Stores \p instr in \p out if it is a constant instruction; false if not.
static bool setConstExpr(const Instr &instr, ConstExpr &out) {
  switch (instr.op) {
  case Opcode::I32Const:
    out.kind = ConstExpr::I32Const;
    out.bits = instr.value;
    return true;
  case Opcode::I64Const:
    out.kind = ConstExpr::I64Const;
    out.bits = instr.value;
    return true;
  case Opcode::F32Const:
    out.kind = ConstExpr::F32Const;
    out.bits = instr.value;
    return true;
  case Opcode::F64Const:
    out.kind = ConstExpr::F64Const;
    out.bits = instr.value;
    return true;
  case Opcode::V128Const:
    out.kind = ConstExpr::V128Const;
    out.v128 = instr.bytes;
    return true;
  case Opcode::RefNull:
    out.kind = ConstExpr::RefNull;
    out.refType = instr.type;
    return true;
  case Opcode::RefFunc:
    out.kind = ConstExpr::RefFunc;
    out.index = instr.index;
    return true;
  case Opcode::GlobalGet:
    out.kind = ConstExpr::GlobalGet;
    out.index = instr.index;
    return true;
  case Opcode::I32Add:
    out.kind = ConstExpr::I32Add;
    return true;
  case Opcode::I32Sub:
    out.kind = ConstExpr::I32Sub;
    return true;
  case Opcode::I32Mul:
    out.kind = ConstExpr::I32Mul;
    return true;
  case Opcode::I64Add:
    out.kind = ConstExpr::I64Add;
    return true;
  case Opcode::I64Sub:
    out.kind = ConstExpr::I64Sub;
    return true;
  case Opcode::I64Mul:
    out.kind = ConstExpr::I64Mul;
    return true;
  default:
    return false;
  }
}

/// Every function that ref.func names in \p expr.
static void addFuncRefs(const ConstExpr &expr, DenseSet<uint32_t> &out) {
  if (expr.kind == ConstExpr::RefFunc)
    out.insert(expr.index);
  for (const ConstExpr &op : expr.ops)
    addFuncRefs(op, out);
}

/// Arithmetic in a constant expression and global.get of a defined global
/// came with 3.0 (extended constants; the defined globals with the GC
/// proposal, which wasmkiln counts here as it implements no GC). Without
/// the feature, 2.0 knows only the imported globals: "unknown global".
void ModuleDecoder::noteExtendedConst(const ConstExpr &op, const char *text) {
  switch (op.kind) {
  case ConstExpr::I32Add:
  case ConstExpr::I32Sub:
  case ConstExpr::I32Mul:
  case ConstExpr::I64Add:
  case ConstExpr::I64Sub:
  case ConstExpr::I64Mul:
    return useFeature(Feature::ExtendedConst, op.offset,
                      Twine(text) + " in a constant expression");
  case ConstExpr::GlobalGet:
    if (op.index >= module->numImportedGlobals &&
        op.index < module->globals.size())
      useFeature(Feature::ExtendedConst, op.offset,
                 "global.get of a defined global in a constant expression");
    return;
  default:
    return;
  }
}

/// Reads instructions up to the `end` that closes the expression (nested
/// blocks included, so that a non-constant expression is still skipped
/// whole), then checks that each was a constant instruction. One
/// instruction is the expression itself; several make an Extended one,
/// whose typing the validator checks. ref.func in it declares the function
/// (3.0's C.refs).
Error ModuleDecoder::readConstExpr(ByteReader &r, ConstExpr &out) {
  out = ConstExpr();
  out.offset = r.offset();
  BodyReader body(r.bytes().drop_front(r.position()), r.offset());
  Instr instr;
  unsigned count = 0, depth = 0;
  std::optional<size_t> nonConstant;
  for (;;) {
    if (body.atEnd()) {
      r.setPosition(r.bytes().size());
      return r.unexpectedEnd();
    }
    if (Error e = body.next(instr))
      return e;
    if (instr.op == Opcode::End && depth == 0)
      break;
    if (instr.op == Opcode::Block || instr.op == Opcode::Loop ||
        instr.op == Opcode::If)
      ++depth;
    else if (instr.op == Opcode::End)
      --depth;
    ConstExpr &op = out.ops.emplace_back();
    op.offset = instr.offset;
    ++count;
    if (!setConstExpr(instr, op) && !nonConstant)
      nonConstant = instr.offset;
    noteExtendedConst(op, getOpcodeText(instr.op));
  }
  r.setPosition(r.position() + (body.offset() - r.offset()));
  if (nonConstant) {
    deferInvalid(*nonConstant, "constant expression required");
    out.ops.clear();
  } else if (count == 0) {
    deferInvalid(instr.offset, "type mismatch");
  } else if (count == 1) {
    size_t at = out.offset;
    ConstExpr single = std::move(out.ops.front());
    out = std::move(single);
    out.offset = at;
  } else {
    out.kind = ConstExpr::Extended;
  }
  addFuncRefs(out, module->declaredFuncRefs);
  return Error::success();
}

Expected<std::unique_ptr<Module>>
wasmkiln::decodeModule(ArrayRef<uint8_t> bytes, FeatureSet disabled) {
  return ModuleDecoder(bytes, disabled).decode();
}
