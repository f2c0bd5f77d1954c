//===- IRGenDebugInfo.cpp - DISubprograms and DebugLocs for `-g` ----------===//
//
// Each part gets a DICompileUnit per guest compile unit it has functions of
// (a DIBuilder each: a DIBuilder makes one unit), plus one for the module
// itself, `<module>.wasm`, whose functions the guest DWARF does not
// describe: their lines are wasm code offsets (the instruction's byte
// offset in the .wasm file, as wasm-objdump prints it), so perf annotate,
// gdb and addr2line still lead back to the module. A guest location with
// inlined frames becomes a DILocation chain through inlinedAt, each frame
// scoped to the DISubprogram of its source function (shared by every
// function of the part that inlined it). A line inside a lexical block
// with variables is scoped to that block, so that gdb shows the block's
// variables there only.
//
// Types become DITypes as the guest declared them, with one difference:
// a pointer is a DW_ATE_address base type of the guest's size (4 bytes in
// wasm32), since its value is an address in linear memory, not a native
// one. Variables in linear memory (DW_OP_fbreg) are declared on a slot of
// the native frame that holds the address of the guest frame (memory base
// + frame base local; written by a volatile store wherever the function
// sets that local: code `-g` adds only to functions with such variables),
// read through by DW_OP_deref, DW_OP_plus_uconst. File-scope variables
// are read the same way through a native variable holding memory 0's base.
// A variable that is itself a pointer (there, not in a wasm local) is
// shown as a native pointer, so that gdb dereferences it: its location
// computes memory base + wasm address (null stays null) from the base the
// slot (or that native variable) also holds.
//
//===----------------------------------------------------------------------===//

#include "IRGenDebugInfo.h"
#include "IRGenInternal.h"

using namespace llvm;
using namespace wasmkiln;

DebugInfoGen::DebugInfoGen(ModuleGen &mg, const GuestDebugInfo *guest)
    : mg(mg), guest(guest) {
  builders.resize((guest ? guest->units.size() : 0) + 1);
  if (guest) {
    files.assign(guest->files.size(), nullptr);
    subprograms.assign(guest->subprograms.size(), nullptr);
    types.assign(guest->types.size(), nullptr);
    typeInProgress.assign(guest->types.size(), false);
    blocks.assign(guest->blocks.size(), nullptr);
  }
  mg.ir.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
  mg.ir.addModuleFlag(llvm::Module::Warning, "Debug Info Version",
                      DEBUG_METADATA_VERSION);
}

DebugInfoGen::~DebugInfoGen() = default;

/// No .debug_names, as clang makes for gdb: gdb 13 takes an index that
/// leaves out the runtime's units for complete, and then finds no function
/// by name (`break scale`: "not defined").
constexpr auto NoNameTable = DICompileUnit::DebugNameTableKind::None;

/// Without -g the locations are only for the pc map: no .debug_* sections.
DICompileUnit::DebugEmissionKind DebugInfoGen::emissionKind() const {
  return mg.options.debugInfo ? DICompileUnit::FullDebug
                              : DICompileUnit::NoDebug;
}

DIBuilder &DebugInfoGen::builderFor(int32_t unit) {
  size_t index = unit < 0 ? builders.size() - 1 : size_t(unit);
  std::unique_ptr<DIBuilder> &builder = builders[index];
  if (builder)
    return *builder;
  builder = std::make_unique<DIBuilder>(mg.ir);
  units.resize(builders.size());
  if (unit < 0) {
    wasmFile = DIFile::get(mg.ctx, mg.options.moduleName + ".wasm", "");
    units[index] = builder->createCompileUnit(
        dwarf::DW_LANG_C99, wasmFile, OffsetUnitProducer,
        /*isOptimized=*/true, "", 0, "", emissionKind(), 0, true, false,
        NoNameTable);
  } else {
    const GuestDebugInfo::Unit &u = guest->units[unit];
    units[index] = builder->createCompileUnit(
        u.language, file(u.file), u.producer,
        /*isOptimized=*/true, "", 0, "", emissionKind(), 0, true, false,
        NoNameTable);
  }
  return *builder;
}

DIFile *DebugInfoGen::file(uint32_t index) {
  if (!files[index])
    files[index] =
        DIFile::get(mg.ctx, guest->files[index].name, guest->files[index].dir);
  return files[index];
}

DISubprogram *DebugInfoGen::createSubprogram(DIBuilder &builder, DIScope *scope,
                                             StringRef name,
                                             StringRef linkageName,
                                             DIFile *file, unsigned line,
                                             DISubroutineType *type) {
  if (!voidType)
    voidType = builder.createSubroutineType(builder.getOrCreateTypeArray({}));
  return builder.createFunction(
      scope, name, linkageName, file, line, type ? type : voidType, line,
      DINode::FlagPrototyped, DISubprogram::SPFlagDefinition);
}

DISubprogram *DebugInfoGen::subprogram(uint32_t index) {
  if (!subprograms[index]) {
    const GuestDebugInfo::Subprogram &sub = guest->subprograms[index];
    DIFile *f = file(sub.file);
    subprograms[index] =
        createSubprogram(builderFor(sub.unit), f, sub.name, sub.linkageName, f,
                         sub.line, subroutineType(index));
  }
  return subprograms[index];
}

void DebugInfoGen::beginFunction(uint32_t funcIndex) {
  const wasmkiln::Module &wasm = mg.wasm;
  currentGuest = -1;
  current = nullptr;
  if (guest) {
    int32_t sub = guest->funcSubprogram[funcIndex - wasm.numImportedFuncs];
    // A DISubprogram belongs to one function: should the DWARF name one
    // source function for two wasm functions, the second gets offsets.
    if (sub >= 0 && !attached.contains(sub)) {
      attached.insert(sub);
      currentGuest = sub;
      current = subprogram(sub);
    }
  }
  if (!current) {
    DIBuilder &builder = builderFor(-1);
    current =
        createSubprogram(builder, wasmFile, mg.displayNames[funcIndex], "",
                         wasmFile, unsigned(wasm.body(funcIndex).bodyOffset));
  }
  mg.functions[funcIndex]->setSubprogram(current);
  // Up to the guest's prologue_end, line 0: LLVM puts the native
  // prologue_end at the first instruction with a line, where gdb stops for
  // `break function`, and the variables in the guest's frame are there by
  // then (not so at the function's first instruction).
  prologueEnd =
      currentGuest < 0 ? 0 : guest->subprograms[currentGuest].prologueEnd;
  entry =
      DILocation::get(mg.ctx, prologueEnd ? 0 : current->getLine(), 0, current);
}

DILocation *DebugInfoGen::guestLocation(const GuestDebugInfo::Row &row) {
  DILocation *&cached = rowLocations[&row];
  if (cached)
    return cached;
  DILocation *loc = nullptr;
  for (uint32_t k = row.numFrames; k-- > 0;) {
    const GuestDebugInfo::Frame &frame = guest->frames[row.firstFrame + k];
    bool outermost = k + 1 == row.numFrames;
    DISubprogram *sp = outermost ? current : subprogram(frame.sub);
    DILocalScope *scope = outermost ? blockScope(frame.block) : sp;
    // A line of another file than the function's (an #include inside it).
    if (file(frame.file) != sp->getFile())
      scope = DILexicalBlockFile::get(mg.ctx, scope, file(frame.file), 0);
    loc = DILocation::get(mg.ctx, frame.line, frame.column, scope, loc);
  }
  cached = loc;
  return loc;
}

DILocation *DebugInfoGen::locationAt(size_t offset) {
  // Distinct: every offset is a location of its own, and uniquing
  // millions of them cost a tenth of -O0's compile time.
  if (currentGuest < 0)
    return DILocation::getDistinct(mg.ctx, unsigned(offset), 0, current);
  // Code the guest's line table does not cover: line 0, no source line.
  DILocation *loc = DILocation::get(mg.ctx, 0, 0, current);
  if (offset >= mg.wasm.codeSectionOffset + prologueEnd)
    if (const GuestDebugInfo::Row *row =
            guest->rowAt(uint32_t(offset - mg.wasm.codeSectionOffset))) {
      const GuestDebugInfo::Frame &outer =
          guest->frames[row->firstFrame + row->numFrames - 1];
      if (int32_t(outer.sub) == currentGuest)
        loc = guestLocation(*row);
    }
  // A source line covers many instructions: for trap backtraces to name
  // the instruction, each gets a scope of its own, a distinct lexical block
  // file (transparent to scopes and lines), with its offset in the
  // module's table (OffsetsMetadata; read by driver/PcMap.cpp). The scope,
  // not the location: LLVM's inliner gives an inlined instruction a new
  // location, with the scope of the old.
  DILocalScope *scope = loc->getScope();
  if (auto *blockFile = dyn_cast<DILexicalBlockFile>(scope))
    scope = blockFile->getScope();
  auto *marker =
      DILexicalBlockFile::getDistinct(mg.ctx, scope, loc->getFile(), 0);
  DILocation *site = DILocation::getDistinct(
      mg.ctx, loc->getLine(), loc->getColumn(), marker, loc->getInlinedAt());
  Metadata *entry[] = {marker, ConstantAsMetadata::get(ConstantInt::get(
                                   Type::getInt32Ty(mg.ctx), offset))};
  offsets.push_back(MDTuple::get(mg.ctx, entry));
  return site;
}

//===-- Types and variables -----------------------------------------------===//

/// The size of \p t in bits, through typedefs and qualifiers (which have
/// none of their own).
static uint64_t sizeInBits(DIType *t) {
  for (unsigned depth = 0; t && depth < 64; ++depth) {
    if (t->getSizeInBits())
      return t->getSizeInBits();
    auto *derived = dyn_cast<DIDerivedType>(t);
    if (!derived)
      return 0;
    t = derived->getBaseType();
  }
  return 0;
}

constexpr unsigned MaxTypeNesting = 256;

DIType *DebugInfoGen::type(int32_t index) {
  if (index < 0 || !guest)
    return nullptr;
  if (types[index])
    return types[index];
  if (typeInProgress[index]) {
    // A cycle, as in struct S { struct S *child[2]; }: the pointer is
    // reached again through S's members. S's placeholder is cached by now,
    // so a second pointer to it closes the cycle (uniquing makes the two
    // one node once S is complete).
    const GuestDebugInfo::Type &t = guest->types[index];
    bool derived = t.tag != dwarf::DW_TAG_structure_type &&
                   t.tag != dwarf::DW_TAG_class_type &&
                   t.tag != dwarf::DW_TAG_union_type;
    return derived && t.base >= 0 && types[t.base] ? createType(t, index)
                                                   : nullptr;
  }
  // The guest's types nest through members and bases as deep as its
  // declarations; a crafted module's deeper nesting is cut off to void
  // (uncached, so the type is whole where it is reached less deep).
  if (typeDepth >= MaxTypeNesting)
    return nullptr;
  ++typeDepth;
  typeInProgress[index] = true;
  DIType *t = createType(guest->types[index], index);
  typeInProgress[index] = false;
  --typeDepth;
  types[index] = t;
  return t;
}

DINodeArray DebugInfoGen::members(const GuestDebugInfo::Type &t, DIType *of) {
  DIBuilder &builder = builderFor(-1);
  SmallVector<Metadata *, 16> elements;
  for (uint32_t i = 0; i < t.numMembers; ++i) {
    const GuestDebugInfo::Member &m = guest->members[t.firstMember + i];
    if (t.tag == dwarf::DW_TAG_enumeration_type) {
      elements.push_back(
          builder.createEnumerator(m.name, int64_t(m.value), false));
      continue;
    }
    DIType *memberType = type(m.type);
    DIFile *f = file(t.file);
    if (m.bitSize)
      elements.push_back(builder.createBitFieldMemberType(
          of, m.name, f, 0, m.bitSize, m.bitOffset, 0, DINode::FlagZero,
          memberType));
    else
      elements.push_back(
          builder.createMemberType(of, m.name, f, 0, sizeInBits(memberType), 0,
                                   m.value * 8, DINode::FlagZero, memberType));
  }
  return builder.getOrCreateArray(elements);
}

/// The C spelling of guest type \p index, as far as a pointer's name needs
/// it: "point *", "const char *".
std::string DebugInfoGen::pointerName(int32_t index, unsigned depth) const {
  if (index < 0 || depth > 16)
    return "void";
  const GuestDebugInfo::Type &t = guest->types[index];
  switch (t.tag) {
  case dwarf::DW_TAG_pointer_type:
    return pointerName(t.base, depth + 1) + " *";
  case dwarf::DW_TAG_reference_type:
    return pointerName(t.base, depth + 1) + " &";
  case dwarf::DW_TAG_rvalue_reference_type:
    return pointerName(t.base, depth + 1) + " &&";
  case dwarf::DW_TAG_const_type:
    return "const " + pointerName(t.base, depth + 1);
  case dwarf::DW_TAG_volatile_type:
    return "volatile " + pointerName(t.base, depth + 1);
  case dwarf::DW_TAG_restrict_type:
  case dwarf::DW_TAG_atomic_type:
    return pointerName(t.base, depth + 1);
  case dwarf::DW_TAG_subroutine_type:
    return "void (*)()";
  default:
    return t.name.empty() ? "?" : t.name;
  }
}

DIType *DebugInfoGen::createType(const GuestDebugInfo::Type &t, int32_t index) {
  DIBuilder &builder = builderFor(-1);
  DIType *base = type(t.base);
  DIFile *f = guest->files.empty() ? nullptr : file(t.file);
  uint64_t bits = t.size * 8;
  switch (t.tag) {
  case dwarf::DW_TAG_base_type:
    return builder.createBasicType(t.name, bits, t.encoding);
  case dwarf::DW_TAG_unspecified_type:
    return builder.createUnspecifiedType(t.name);
  case dwarf::DW_TAG_pointer_type:
  case dwarf::DW_TAG_reference_type:
  case dwarf::DW_TAG_rvalue_reference_type:
    // A wasm address, not a native one: a native pointer type would be
    // read as 8 bytes (LLVM writes no size for pointers, gdb takes none
    // but its own). An address-typed base of the guest's size prints the
    // same and reads right, in structs and arrays too.
    return builder.createBasicType(pointerName(index), bits ? bits : 32,
                                   dwarf::DW_ATE_address);
  case dwarf::DW_TAG_const_type:
  case dwarf::DW_TAG_volatile_type:
  case dwarf::DW_TAG_restrict_type:
  case dwarf::DW_TAG_atomic_type:
    return builder.createQualifiedType(t.tag, base);
  case dwarf::DW_TAG_typedef:
    return builder.createTypedef(base, t.name, f, t.line, nullptr);
  case dwarf::DW_TAG_subroutine_type:
    return builder.createSubroutineType(builder.getOrCreateTypeArray({}));
  case dwarf::DW_TAG_array_type: {
    if (!base)
      return nullptr; // of an unknown element type: not shown
    SmallVector<Metadata *, 2> ranges;
    uint64_t total = sizeInBits(base);
    for (uint32_t i = 0; i < t.numMembers; ++i) {
      uint64_t count = guest->members[t.firstMember + i].value;
      ranges.push_back(builder.getOrCreateSubrange(
          0, count == UINT64_MAX ? -1 : int64_t(count)));
      total = count == UINT64_MAX ? 0 : total * count;
    }
    return builder.createArrayType(total, 0, base,
                                   builder.getOrCreateArray(ranges));
  }
  case dwarf::DW_TAG_enumeration_type:
    return builder.createEnumerationType(nullptr, t.name, f, t.line, bits, 0,
                                         members(t, nullptr), base);
  default: { // structure, class, union
    // Members may point back to the type: they are made with a
    // placeholder in the cache, replaced once the type is complete.
    TempDIType placeholder(builder.createReplaceableCompositeType(
        t.tag, t.name, nullptr, f, t.line, 0, bits, 0, DINode::FlagZero));
    types[index] = placeholder.get();
    DINodeArray elements = members(t, placeholder.get());
    DICompositeType *done =
        t.tag == dwarf::DW_TAG_union_type
            ? builder.createUnionType(nullptr, t.name, f, t.line, bits, 0,
                                      DINode::FlagZero, elements)
        : t.tag == dwarf::DW_TAG_class_type
            ? builder.createClassType(nullptr, t.name, f, t.line, bits, 0, 0,
                                      DINode::FlagZero, nullptr, elements)
            : builder.createStructType(nullptr, t.name, f, t.line, bits, 0,
                                       DINode::FlagZero, nullptr, elements);
    return builder.replaceTemporary(std::move(placeholder), done);
  }
  }
}

DIType *DebugInfoGen::nativePointerType(int32_t index, unsigned depth) {
  if (index < 0 || depth >= MaxTypeNesting)
    return nullptr;
  const GuestDebugInfo::Type &t = guest->types[index];
  DIBuilder &builder = builderFor(-1);
  uint64_t bits = mg.ir.getDataLayout().getPointerSizeInBits();
  switch (t.tag) {
  case dwarf::DW_TAG_pointer_type:
    return builder.createPointerType(type(t.base), bits);
  case dwarf::DW_TAG_reference_type:
  case dwarf::DW_TAG_rvalue_reference_type:
    return builder.createReferenceType(t.tag, type(t.base), bits);
  case dwarf::DW_TAG_typedef:
    if (DIType *native = nativePointerType(t.base, depth + 1))
      return builder.createTypedef(native, t.name, file(t.file), t.line,
                                   nullptr);
    return nullptr;
  case dwarf::DW_TAG_const_type:
  case dwarf::DW_TAG_volatile_type:
  case dwarf::DW_TAG_restrict_type:
  case dwarf::DW_TAG_atomic_type:
    if (DIType *native = nativePointerType(t.base, depth + 1))
      return builder.createQualifiedType(t.tag, native);
    return nullptr;
  default:
    return nullptr;
  }
}

/// Appends to \p ops, which leave [memory base, address of a wasm pointer
/// of \p bytes bytes] on the DWARF stack, what turns that into the
/// pointer's native value: base + wasm address, or 0 for null.
static void appendNativePointer(SmallVectorImpl<uint64_t> &ops,
                                uint64_t bytes) {
  ops.append({dwarf::DW_OP_deref_size, bytes, dwarf::DW_OP_swap,
              dwarf::DW_OP_over, dwarf::DW_OP_lit0, dwarf::DW_OP_ne,
              dwarf::DW_OP_mul, dwarf::DW_OP_plus, dwarf::DW_OP_stack_value});
}

DISubroutineType *DebugInfoGen::subroutineType(uint32_t subprogram) {
  const GuestDebugInfo::Subprogram &sub = guest->subprograms[subprogram];
  if (!sub.hasVariables)
    return nullptr;
  SmallVector<Metadata *, 8> signature{type(sub.returnType)};
  for (uint32_t i = 0; i < sub.numVariables; ++i) {
    const GuestDebugInfo::Variable &var =
        guest->variables[sub.firstVariable + i];
    if (var.arg)
      signature.push_back(type(var.type));
  }
  DIBuilder &builder = builderFor(sub.unit);
  return builder.createSubroutineType(builder.getOrCreateTypeArray(signature));
}

DILocalScope *DebugInfoGen::blockScope(int32_t block) {
  if (block < 0)
    return current;
  if (!blocks[block]) {
    const GuestDebugInfo::Block &b = guest->blocks[block];
    blocks[block] = builderFor(-1).createLexicalBlock(
        blockScope(b.parent), current->getFile(), b.line, 0);
  }
  return blocks[block];
}

int32_t DebugInfoGen::frameBaseLocal() const {
  if (currentGuest < 0)
    return -1;
  const GuestDebugInfo::Subprogram &sub = guest->subprograms[currentGuest];
  for (uint32_t i = 0; i < sub.numVariables; ++i)
    if (guest->variables[sub.firstVariable + i].kind ==
        GuestDebugInfo::Variable::FrameOffset)
      return sub.frameBaseLocal;
  return -1; // no variable needs it: no slot, no code
}

void DebugInfoGen::declareVariables(
    BasicBlock *entry, Value *frameBase,
    function_ref<AllocaInst *(uint32_t, uint64_t)> localSlot) {
  if (currentGuest < 0)
    return;
  const GuestDebugInfo::Subprogram &sub = guest->subprograms[currentGuest];
  DIBuilder &builder = builderFor(sub.unit);
  for (uint32_t i = 0; i < sub.numVariables; ++i) {
    const GuestDebugInfo::Variable &var =
        guest->variables[sub.firstVariable + i];
    DIType *t = type(var.type);
    if (!t)
      continue;
    DIType *native = var.kind == GuestDebugInfo::Variable::FrameOffset
                         ? nativePointerType(var.type)
                         : nullptr;
    DILocalScope *scope = blockScope(var.block);
    DIFile *f = file(var.file);
    DILocalVariable *variable =
        var.arg ? builder.createParameterVariable(scope, var.name, var.arg, f,
                                                  var.line, native ? native : t,
                                                  true)
                : builder.createAutoVariable(scope, var.name, f, var.line,
                                             native ? native : t, true);
    DILocation *loc = DILocation::get(mg.ctx, var.line, 0, scope);
    if (var.kind == GuestDebugInfo::Variable::FrameOffset && frameBase) {
      // The slot: {frame address, memory base}.
      SmallVector<uint64_t, 16> ops;
      if (native)
        ops.append({dwarf::DW_OP_dup, dwarf::DW_OP_plus_uconst,
                    mg.ir.getDataLayout().getPointerSize(), dwarf::DW_OP_deref,
                    dwarf::DW_OP_swap});
      ops.push_back(dwarf::DW_OP_deref);
      if (var.offset >= 0)
        ops.append({dwarf::DW_OP_plus_uconst, uint64_t(var.offset)});
      else
        ops.append(
            {dwarf::DW_OP_constu, uint64_t(-var.offset), dwarf::DW_OP_minus});
      if (native)
        appendNativePointer(ops, sizeInBits(t) / 8);
      builder.insertDeclare(frameBase, variable, builder.createExpression(ops),
                            loc, entry);
    } else if (var.kind == GuestDebugInfo::Variable::Local) {
      if (AllocaInst *slot = localSlot(var.local, sizeInBits(t)))
        builder.insertDeclare(slot, variable, builder.createExpression(), loc,
                              entry);
    }
  }
}

void DebugInfoGen::declareGlobal(const GuestDebugInfo::Global &g,
                                 GlobalVariable *memoryBase) {
  DIType *t = type(g.type);
  if (!t)
    return;
  DIBuilder &builder = builderFor(g.unit);
  DIType *native = nativePointerType(g.type);
  SmallVector<uint64_t, 16> ops{dwarf::DW_OP_deref};
  if (native)
    ops.push_back(dwarf::DW_OP_dup);
  ops.append({dwarf::DW_OP_plus_uconst, g.address});
  if (native)
    appendNativePointer(ops, sizeInBits(t) / 8);
  DIExpression *where = builder.createExpression(ops);
  DIScope *scope =
      g.function >= 0 ? static_cast<DIScope *>(subprogram(uint32_t(g.function)))
                      : units[g.unit];
  memoryBase->addDebugInfo(builder.createGlobalVariableExpression(
      scope, g.name, "", file(g.file), g.line, native ? native : t, !g.external,
      /*isDefined=*/true, where));
}

void DebugInfoGen::declareGlobals(GlobalVariable *memoryBase) {
  DIBuilder &own = builderFor(-1);
  DIType *byte =
      own.createBasicType("unsigned char", 8, dwarf::DW_ATE_unsigned_char);
  memoryBase->addDebugInfo(own.createGlobalVariableExpression(
      units.back(), "__wasm_memory", "", wasmFile, 0,
      own.createPointerType(byte, mg.ir.getDataLayout().getPointerSizeInBits()),
      /*IsLocalToUnit=*/true));
  if (!guest)
    return;
  for (const GuestDebugInfo::Global &g : guest->globals)
    if (g.function < 0)
      declareGlobal(g, memoryBase);
}

std::string DebugInfoGen::memoryBaseName() const {
  return "wasm:" + mg.options.moduleName + ":debug_memory_base";
}

void DebugInfoGen::finalize() {
  // A static belongs to its function's subprogram, which only the part
  // that defines the function has.
  GlobalVariable *base = nullptr;
  if (guest && !mg.wasm.memories.empty())
    for (const GuestDebugInfo::Global &g : guest->globals) {
      if (g.function < 0 || !attached.contains(g.function))
        continue;
      if (!base)
        base = mg.ir.getNamedGlobal(memoryBaseName());
      if (!base) {
        base = new GlobalVariable(mg.ir, PointerType::getUnqual(mg.ctx), false,
                                  GlobalValue::ExternalLinkage, nullptr,
                                  memoryBaseName());
        base->setVisibility(GlobalValue::HiddenVisibility);
      }
      declareGlobal(g, base);
    }
  for (auto &builder : builders)
    if (builder)
      builder->finalize();
  if (!offsets.empty()) {
    NamedMDNode *table = mg.ir.getOrInsertNamedMetadata(OffsetsMetadata);
    for (MDNode *entry : offsets)
      table->addOperand(entry);
  }
}
