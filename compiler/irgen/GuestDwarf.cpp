//===- GuestDwarf.cpp - Reading the module's own DWARF for `-g` -----------===//
//
// The module's .debug_* custom sections go to LLVM's DWARF library as
// in-memory sections (not through object::WasmObjectFile, which refuses
// modules using proposals it does not know). From its line tables and
// inlined-subroutine trees comes one row per line-table row: the chain of
// source frames at that wasm code offset. Everything is copied into plain
// data (GuestDebugInfo), so the DWARFContext is gone before parts compile
// on threads. Sequences of code the linker dropped (tombstone addresses,
// or 0: no function starts at the code section's count) are skipped.
//
// Each wasm function's own parameters and variables are read with their
// types and lexical blocks, and so are the file-scope variables. Of wasm
// DWARF's locations three kinds are kept, the ones clang uses for whole
// scopes: DW_OP_fbreg (linear memory at the frame base, itself a wasm
// local), a wasm local (DW_OP_WASM_location 0 N) and, at file scope,
// DW_OP_addr (an address in linear memory). Location lists and other
// expressions become "no location", so gdb says <optimized out> rather
// than show a wrong value. Each function's first prologue_end row is kept:
// where its frame base is set.
//
//===----------------------------------------------------------------------===//

#include "IRGenDebugInfo.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/DebugInfo/DWARF/DWARFCompileUnit.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace llvm;
using namespace wasmkiln;

using FileKind = DILineInfoSpecifier::FileLineInfoKind;

namespace {

class GuestDwarfReader {
public:
  GuestDwarfReader(const wasmkiln::Module &wasm, DWARFContext &dwarf)
      : wasm(wasm), dwarf(dwarf) {}
  std::unique_ptr<GuestDebugInfo> read();
  /// Why the DWARF does not describe the code it came with (empty: it
  /// does, as far as read() could tell).
  std::string mismatch() const;

private:
  void readUnit(DWARFUnit &unit);
  void addRow(DWARFUnit &unit, const DWARFDebugLine::LineTable &table,
              const DWARFDebugLine::Row &row, uint32_t unitIndex);
  uint32_t fileIndex(StringRef path);
  uint32_t subprogramIndex(DWARFDie die, uint32_t unit);
  void readBody(uint32_t sub, DWARFDie die);
  bool readGlobal(DWARFDie die, uint32_t unit, int32_t function = -1);
  void readScope(uint32_t sub, DWARFDie scope, int32_t block,
                 unsigned depth = 0);
  void readVariable(DWARFDie die, int32_t block, uint32_t &args);
  int32_t typeIndex(DWARFDie die, unsigned depth = 0);
  int32_t innermostBlock(uint32_t sub, uint64_t address) const;

  const wasmkiln::Module &wasm;
  DWARFContext &dwarf;
  std::unique_ptr<GuestDebugInfo> info = std::make_unique<GuestDebugInfo>();
  StringMap<uint32_t> fileIndices;
  DenseMap<uint64_t, uint32_t> subprogramIndices;    // by DIE offset
  DenseMap<const DWARFUnit *, uint32_t> unitIndices; // those with lines
  DenseMap<uint64_t, int32_t> typeIndices;           // by DIE offset
  /// The lexical blocks of a subprogram in DIE order (so the last one
  /// holding an address is the innermost) and their code ranges.
  DenseMap<uint32_t, std::vector<std::pair<int32_t, DWARFAddressRangesVector>>>
      blockRanges;
  uint64_t codeSize = 0;
  /// Each function's code addresses, ascending: where its body begins
  /// after the size field (wasm DWARF's low_pc), where its instructions
  /// begin, and its end. A line sequence begins between the first two
  /// (clang -O2: at the first instruction) and ends by the third.
  struct BodyRange {
    uint64_t start, code, end;
  };
  std::vector<BodyRange> bodyRanges;
  unsigned numTables = 0, numSequences = 0;
  /// Sequences inside the code that begin where no function does.
  unsigned numMisplaced = 0;
  uint64_t firstMisplaced = 0;
};

} // namespace

uint32_t GuestDwarfReader::fileIndex(StringRef path) {
  auto [it, inserted] = fileIndices.try_emplace(path, info->files.size());
  if (inserted)
    info->files.push_back(
        {sys::path::parent_path(path).str(), sys::path::filename(path).str()});
  return it->second;
}

/// The subprogram a DIE of an inlined chain stands for: an inlined
/// subroutine's or a concrete instance's abstract origin, a definition's
/// declaration (DW_AT_specification) are one function.
uint32_t GuestDwarfReader::subprogramIndex(DWARFDie die, uint32_t unit) {
  DWARFDie origin = die;
  while (DWARFDie next = origin.getAttributeValueAsReferencedDie(
             dwarf::DW_AT_abstract_origin))
    origin = next;
  auto [it, inserted] = subprogramIndices.try_emplace(origin.getOffset(),
                                                      info->subprograms.size());
  if (!inserted)
    return it->second;
  GuestDebugInfo::Subprogram sub;
  if (const char *name = die.getSubroutineName(DINameKind::ShortName))
    sub.name = name;
  if (const char *linkage = die.getSubroutineName(DINameKind::LinkageName))
    if (sub.name != linkage)
      sub.linkageName = linkage;
  sub.file = fileIndex(die.getDeclFile(FileKind::AbsoluteFilePath));
  sub.line = die.getDeclLine();
  sub.unit = unit;
  info->subprograms.push_back(std::move(sub));
  return it->second;
}

namespace {

/// Where a DWARF location expression puts a variable, for the two kinds
/// of location kept (see the file comment).
struct WasmLocation {
  GuestDebugInfo::Variable::Kind kind = GuestDebugInfo::Variable::Nowhere;
  int64_t offset = 0;
  uint32_t local = 0;
};

WasmLocation parseLocation(ArrayRef<uint8_t> expr) {
  WasmLocation loc;
  const uint8_t *p = expr.data(), *end = p + expr.size();
  const char *error = nullptr;
  unsigned n = 0;
  if (p == end)
    return loc;
  uint8_t op = *p++;
  if (op == dwarf::DW_OP_fbreg) {
    loc.offset = decodeSLEB128(p, &n, end, &error);
    p += n;
    loc.kind = GuestDebugInfo::Variable::FrameOffset;
  } else if (op == dwarf::DW_OP_WASM_location) {
    uint64_t kind = decodeULEB128(p, &n, end, &error);
    p += n;
    if (error || kind != 0) // 0: a local; globals, operands are not kept
      return loc;
    uint64_t index = decodeULEB128(p, &n, end, &error);
    p += n;
    if (index > UINT32_MAX)
      return loc;
    loc.local = uint32_t(index);
    loc.kind = GuestDebugInfo::Variable::Local;
    if (p != end && *p == dwarf::DW_OP_stack_value)
      ++p;
  }
  if (error || p != end)
    return WasmLocation();
  return loc;
}

/// The DIE an attribute of \p die is inherited from, if \p die has none:
/// a concrete variable's or function's abstract origin, a definition's
/// declaration.
DWARFDie withAttribute(DWARFDie die, dwarf::Attribute attr) {
  for (unsigned depth = 0; die && depth < 8; ++depth) {
    if (die.find(attr))
      return die;
    DWARFDie next =
        die.getAttributeValueAsReferencedDie(dwarf::DW_AT_abstract_origin);
    if (!next)
      next = die.getAttributeValueAsReferencedDie(dwarf::DW_AT_specification);
    die = next;
  }
  return DWARFDie();
}

} // namespace

/// Types nest as deep as the source's declarations; DWARF that nests
/// deeper (or cycles without a composite in between) is cut off to void.
constexpr unsigned MaxTypeDepth = 64;

int32_t GuestDwarfReader::typeIndex(DWARFDie die, unsigned depth) {
  if (!die || depth > MaxTypeDepth)
    return -1;
  auto [it, inserted] = typeIndices.try_emplace(die.getOffset(), -1);
  if (!inserted)
    return it->second;
  GuestDebugInfo::Type type;
  type.tag = die.getTag();
  switch (type.tag) {
  case dwarf::DW_TAG_base_type:
  case dwarf::DW_TAG_unspecified_type:
  case dwarf::DW_TAG_pointer_type:
  case dwarf::DW_TAG_reference_type:
  case dwarf::DW_TAG_rvalue_reference_type:
  case dwarf::DW_TAG_const_type:
  case dwarf::DW_TAG_volatile_type:
  case dwarf::DW_TAG_restrict_type:
  case dwarf::DW_TAG_atomic_type:
  case dwarf::DW_TAG_typedef:
  case dwarf::DW_TAG_array_type:
  case dwarf::DW_TAG_structure_type:
  case dwarf::DW_TAG_class_type:
  case dwarf::DW_TAG_union_type:
  case dwarf::DW_TAG_enumeration_type:
  case dwarf::DW_TAG_subroutine_type:
    break;
  default:
    return -1;
  }
  int32_t index = info->types.size();
  it->second = index; // before the parts: a struct may point to itself
  info->types.emplace_back();
  if (const char *name = die.getShortName())
    type.name = name;
  type.size = dwarf::toUnsigned(die.find(dwarf::DW_AT_byte_size), 0);
  type.encoding = dwarf::toUnsigned(die.find(dwarf::DW_AT_encoding), 0);
  type.line = die.getDeclLine();
  std::string declFile = die.getDeclFile(FileKind::AbsoluteFilePath);
  if (!declFile.empty())
    type.file = fileIndex(declFile);
  if (type.tag != dwarf::DW_TAG_subroutine_type)
    type.base = typeIndex(
        die.getAttributeValueAsReferencedDie(dwarf::DW_AT_type), depth + 1);
  std::vector<GuestDebugInfo::Member> members;
  for (DWARFDie child : die.children()) {
    GuestDebugInfo::Member m;
    if (const char *name = child.getShortName())
      m.name = name;
    switch (child.getTag()) {
    case dwarf::DW_TAG_member:
      if (type.tag == dwarf::DW_TAG_array_type ||
          type.tag == dwarf::DW_TAG_enumeration_type)
        continue;
      m.type = typeIndex(
          child.getAttributeValueAsReferencedDie(dwarf::DW_AT_type), depth + 1);
      m.value =
          dwarf::toUnsigned(child.find(dwarf::DW_AT_data_member_location), 0);
      m.bitSize = dwarf::toUnsigned(child.find(dwarf::DW_AT_bit_size), 0);
      m.bitOffset =
          dwarf::toUnsigned(child.find(dwarf::DW_AT_data_bit_offset), 0);
      break;
    case dwarf::DW_TAG_enumerator:
      if (type.tag != dwarf::DW_TAG_enumeration_type)
        continue;
      if (std::optional<DWARFFormValue> v =
              child.find(dwarf::DW_AT_const_value))
        m.value = v->getAsSignedConstant().value_or(0);
      break;
    case dwarf::DW_TAG_subrange_type:
      if (type.tag != dwarf::DW_TAG_array_type)
        continue;
      if (std::optional<uint64_t> count =
              dwarf::toUnsigned(child.find(dwarf::DW_AT_count)))
        m.value = *count;
      else if (std::optional<uint64_t> upper =
                   dwarf::toUnsigned(child.find(dwarf::DW_AT_upper_bound)))
        m.value = *upper + 1;
      else
        m.value = UINT64_MAX; // unknown: a flexible array
      break;
    default:
      continue;
    }
    members.push_back(std::move(m));
  }
  type.firstMember = info->members.size();
  type.numMembers = members.size();
  for (auto &m : members)
    info->members.push_back(std::move(m));
  info->types[index] = std::move(type);
  return index;
}

void GuestDwarfReader::readVariable(DWARFDie die, int32_t block,
                                    uint32_t &args) {
  GuestDebugInfo::Variable var;
  if (die.getTag() == dwarf::DW_TAG_formal_parameter)
    var.arg = ++args;
  DWARFDie named = withAttribute(die, dwarf::DW_AT_name);
  if (!named)
    return;
  var.name = named.getShortName();
  var.line = named.getDeclLine();
  var.file = fileIndex(named.getDeclFile(FileKind::AbsoluteFilePath));
  DWARFDie typed = withAttribute(die, dwarf::DW_AT_type);
  var.type =
      typed
          ? typeIndex(typed.getAttributeValueAsReferencedDie(dwarf::DW_AT_type))
          : -1;
  if (var.type < 0)
    return; // a variable of no known type is not shown at all
  var.block = block;
  if (std::optional<DWARFFormValue> loc = die.find(dwarf::DW_AT_location))
    if (loc->isFormClass(DWARFFormValue::FC_Exprloc) ||
        loc->isFormClass(DWARFFormValue::FC_Block))
      if (std::optional<ArrayRef<uint8_t>> expr = loc->getAsBlock()) {
        WasmLocation where = parseLocation(*expr);
        var.kind = where.kind;
        var.offset = where.offset;
        var.local = where.local;
      }
  info->variables.push_back(std::move(var));
}

/// Lexical blocks nested deeper than this (only a crafted module has
/// them) are left out with their variables: the recursion stays shallow.
constexpr unsigned MaxScopeDepth = 256;

void GuestDwarfReader::readScope(uint32_t sub, DWARFDie scope, int32_t block,
                                 unsigned depth) {
  if (depth > MaxScopeDepth)
    return;
  uint32_t args = 0;
  for (DWARFDie child : scope.children()) {
    switch (child.getTag()) {
    case dwarf::DW_TAG_variable:
      // A static (in a block too: gdb finds it from the whole function).
      if (readGlobal(child, info->subprograms[sub].unit, int32_t(sub)))
        break;
      readVariable(child, block, args);
      break;
    case dwarf::DW_TAG_formal_parameter:
      readVariable(child, block, args);
      break;
    case dwarf::DW_TAG_lexical_block: {
      bool hasVariables = llvm::any_of(child.children(), [](DWARFDie d) {
        return d.getTag() == dwarf::DW_TAG_variable;
      });
      int32_t inner = block;
      if (hasVariables) {
        Expected<DWARFAddressRangesVector> ranges = child.getAddressRanges();
        if (!ranges) {
          consumeError(ranges.takeError());
          break; // its variables would have no scope to live in
        }
        inner = info->blocks.size();
        GuestDebugInfo::Block out;
        out.parent = block;
        out.line = child.getDeclLine();
        info->blocks.push_back(out);
        blockRanges[sub].emplace_back(inner, std::move(*ranges));
      }
      readScope(sub, child, inner, depth + 1);
      break;
    }
    default:
      break; // inlined subroutines: their variables are not translated
    }
  }
}

/// A variable whose location is DW_OP_addr (an address in linear memory):
/// file-scope, or a static of subprogram \p function. Whether it was one;
/// declarations without a location and other locations (a TLS offset,
/// say) are not. One without a name or known type is left out.
bool GuestDwarfReader::readGlobal(DWARFDie die, uint32_t unit,
                                  int32_t function) {
  std::optional<DWARFFormValue> loc = die.find(dwarf::DW_AT_location);
  if (!loc || !(loc->isFormClass(DWARFFormValue::FC_Exprloc) ||
                loc->isFormClass(DWARFFormValue::FC_Block)))
    return false;
  std::optional<ArrayRef<uint8_t>> expr = loc->getAsBlock();
  unsigned size = die.getDwarfUnit()->getAddressByteSize();
  if (!expr || expr->size() != 1 + size || (*expr)[0] != dwarf::DW_OP_addr ||
      (size != 4 && size != 8))
    return false;
  GuestDebugInfo::Global g;
  for (unsigned i = 0; i < size; ++i)
    g.address |= uint64_t((*expr)[1 + i]) << (8 * i);
  DWARFDie named = withAttribute(die, dwarf::DW_AT_name);
  DWARFDie typed = withAttribute(die, dwarf::DW_AT_type);
  if (!named || !typed)
    return true;
  g.name = named.getShortName();
  g.type = typeIndex(typed.getAttributeValueAsReferencedDie(dwarf::DW_AT_type));
  if (g.type < 0)
    return true;
  g.unit = unit;
  g.function = function;
  g.line = named.getDeclLine();
  g.file = fileIndex(named.getDeclFile(FileKind::AbsoluteFilePath));
  DWARFDie external = withAttribute(die, dwarf::DW_AT_external);
  g.external =
      external && dwarf::toUnsigned(external.find(dwarf::DW_AT_external), 0);
  info->globals.push_back(std::move(g));
  return true;
}

void GuestDwarfReader::readBody(uint32_t sub, DWARFDie die) {
  if (info->subprograms[sub].hasVariables)
    return;
  info->subprograms[sub].hasVariables = true;
  int32_t returnType = -1, frameBaseLocal = -1;
  if (DWARFDie typed = withAttribute(die, dwarf::DW_AT_type))
    returnType =
        typeIndex(typed.getAttributeValueAsReferencedDie(dwarf::DW_AT_type));
  if (std::optional<DWARFFormValue> base = die.find(dwarf::DW_AT_frame_base))
    if (std::optional<ArrayRef<uint8_t>> expr = base->getAsBlock()) {
      WasmLocation where = parseLocation(*expr);
      if (where.kind == GuestDebugInfo::Variable::Local)
        frameBaseLocal = int32_t(where.local);
    }
  uint32_t first = info->variables.size();
  readScope(sub, die, -1);
  GuestDebugInfo::Subprogram &s = info->subprograms[sub];
  s.returnType = returnType;
  s.frameBaseLocal = frameBaseLocal;
  s.firstVariable = first;
  s.numVariables = info->variables.size() - first;
}

int32_t GuestDwarfReader::innermostBlock(uint32_t sub, uint64_t address) const {
  auto it = blockRanges.find(sub);
  if (it == blockRanges.end())
    return -1;
  int32_t innermost = -1;
  for (const auto &[block, ranges] : it->second)
    if (llvm::any_of(ranges, [&](const DWARFAddressRange &r) {
          return r.LowPC <= address && address < r.HighPC;
        }))
      innermost = block;
  return innermost;
}

void GuestDwarfReader::addRow(DWARFUnit &unit,
                              const DWARFDebugLine::LineTable &table,
                              const DWARFDebugLine::Row &row,
                              uint32_t unitIndex) {
  GuestDebugInfo::Row out;
  out.address = uint32_t(row.Address.Address);
  out.firstFrame = info->frames.size();
  SmallVector<DWARFDie, 4> chain;
  if (!row.EndSequence)
    unit.getInlinedChainForAddress(row.Address.Address, chain);
  StringRef compDir = unit.getCompilationDir();
  uint32_t file = row.File, line = row.Line, column = row.Column;
  for (size_t k = 0; k < chain.size(); ++k) {
    std::string path;
    table.getFileNameByIndex(file, compDir, FileKind::AbsoluteFilePath, path);
    GuestDebugInfo::Frame frame;
    frame.sub = subprogramIndex(chain[k], unitIndex);
    frame.file = fileIndex(path);
    frame.line = line;
    frame.column = column;
    if (k + 1 == chain.size()) {
      readBody(frame.sub, chain[k]);
      frame.block = innermostBlock(frame.sub, row.Address.Address);
    }
    info->frames.push_back(frame);
    // The caller's line is where chain[k] was inlined.
    uint32_t discriminator = 0;
    chain[k].getCallerFrame(file, line, column, discriminator);
  }
  out.numFrames = info->frames.size() - out.firstFrame;
  if (row.PrologueEnd && out.numFrames) {
    GuestDebugInfo::Subprogram &outer =
        info->subprograms[info->frames.back().sub];
    if (!outer.prologueEnd)
      outer.prologueEnd = out.address;
  }
  info->rows.push_back(out);
}

void GuestDwarfReader::readUnit(DWARFUnit &unit) {
  const DWARFDebugLine::LineTable *table = dwarf.getLineTableForUnit(&unit);
  if (!table)
    return;
  ++numTables;
  numSequences += table->Sequences.size();
  DWARFDie die = unit.getUnitDIE(/*ExtractUnitDIEOnly=*/false);
  uint32_t unitIndex = info->units.size();
  unitIndices[&unit] = unitIndex;
  GuestDebugInfo::Unit out;
  std::string name = dwarf::toString(die.find(dwarf::DW_AT_name), "");
  SmallString<256> path(unit.getCompilationDir());
  sys::path::append(path, name);
  out.file = fileIndex(sys::path::is_absolute(name) ? StringRef(name)
                                                    : StringRef(path));
  out.producer = dwarf::toString(die.find(dwarf::DW_AT_producer), "");
  out.language =
      dwarf::toUnsigned(die.find(dwarf::DW_AT_language), dwarf::DW_LANG_C99);
  info->units.push_back(std::move(out));
  for (DWARFDie child : die.children())
    if (child.getTag() == dwarf::DW_TAG_variable)
      readGlobal(child, unitIndex);
  for (const DWARFDebugLine::Sequence &seq : table->Sequences) {
    if (!seq.isValid() || seq.LowPC == 0 || seq.HighPC > codeSize)
      continue;
    auto body = std::upper_bound(
        bodyRanges.begin(), bodyRanges.end(), seq.LowPC,
        [](uint64_t a, const BodyRange &b) { return a < b.start; });
    if (body == bodyRanges.begin() || seq.LowPC > std::prev(body)->code ||
        seq.HighPC > std::prev(body)->end) {
      if (!numMisplaced++)
        firstMisplaced = seq.LowPC;
      continue;
    }
    for (unsigned i = seq.FirstRowIndex; i < seq.LastRowIndex; ++i)
      addRow(unit, *table, table->Rows[i], unitIndex);
  }
}

std::unique_ptr<GuestDebugInfo> GuestDwarfReader::read() {
  if (!wasm.bodies.empty()) {
    const FunctionBody &last = wasm.bodies.back();
    codeSize = last.codeOffset + last.code.size() - wasm.codeSectionOffset;
  }
  for (const FunctionBody &body : wasm.bodies) {
    uint64_t code = body.codeOffset - wasm.codeSectionOffset;
    bodyRanges.push_back({body.localsOffset - wasm.codeSectionOffset, code,
                          code + body.code.size()});
  }
  for (const auto &unit : dwarf.compile_units())
    readUnit(*unit);
  if (info->rows.empty())
    return nullptr;
  // Rows of one address: the last one holds (as in DWARF line lookups).
  std::stable_sort(
      info->rows.begin(), info->rows.end(),
      [](const auto &a, const auto &b) { return a.address < b.address; });
  info->funcSubprogram.assign(wasm.bodies.size(), -1);
  for (size_t i = 0; i < wasm.bodies.size(); ++i) {
    uint64_t address = wasm.bodies[i].codeOffset - wasm.codeSectionOffset;
    DWARFCompileUnit *unit = dwarf.getCompileUnitForCodeAddress(address);
    if (!unit)
      continue;
    DWARFDie sub = unit->getSubroutineForAddress(address);
    if (!sub)
      continue;
    auto index = unitIndices.find(static_cast<const DWARFUnit *>(unit));
    if (index == unitIndices.end())
      continue;
    info->funcSubprogram[i] = subprogramIndex(sub, index->second);
    readBody(info->funcSubprogram[i], sub);
  }
  return std::move(info);
}

const GuestDebugInfo::Row *GuestDebugInfo::rowAt(uint32_t address) const {
  auto it = std::upper_bound(
      rows.begin(), rows.end(), address,
      [](uint32_t a, const Row &row) { return a < row.address; });
  if (it == rows.begin())
    return nullptr;
  --it;
  return it->numFrames ? &*it : nullptr;
}

std::string GuestDwarfReader::mismatch() const {
  // binaryen's wasm-opt (which clang runs after linking when it is on
  // PATH) rewrites the code and drops the line programs' rows.
  if (numTables && !numSequences)
    return "the module's DWARF has line tables without lines";
  if (numMisplaced)
    return "the module's DWARF does not match its code: " +
           std::to_string(numMisplaced) +
           " line sequence(s) begin where no function does (the first at "
           "code address 0x" +
           utohexstr(firstMisplaced, /*LowerCase=*/true) + ")";
  return "";
}

std::unique_ptr<GuestDebugInfo>
wasmkiln::readGuestDebugInfo(const wasmkiln::Module &wasm,
                             const WarningHandler &warn) {
  if (wasm.debugSections.empty())
    return nullptr;
  StringMap<std::unique_ptr<MemoryBuffer>> sections;
  size_t lineOffset = wasm.debugSections.front().offset;
  for (const wasmkiln::Module::DebugSection &s : wasm.debugSections) {
    sections[StringRef(s.name).drop_front()] = MemoryBuffer::getMemBuffer(
        toStringRef(s.bytes), s.name, /*RequiresNullTerminator=*/false);
    if (s.name == ".debug_line")
      lineOffset = s.offset;
  }
  auto ignore = [](Error err) { consumeError(std::move(err)); };
  std::unique_ptr<DWARFContext> dwarf = DWARFContext::create(
      sections, /*AddrSize=*/4, /*isLittleEndian=*/true, ignore, ignore);
  GuestDwarfReader reader(wasm, *dwarf);
  std::unique_ptr<GuestDebugInfo> info = reader.read();
  std::string mismatch = reader.mismatch();
  if (mismatch.empty())
    return info;
  // Lines of other code would be wrong ones: none is better.
  if (warn)
    warn({lineOffset, mismatch + ": it was rewritten after linking (by "
                                 "wasm-opt?); -g gives wasm code offsets "
                                 "instead of source lines"});
  return nullptr;
}
