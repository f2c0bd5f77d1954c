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
//===----------------------------------------------------------------------===//

#include "IRGenDebugInfo.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/DebugInfo/DWARF/DWARFCompileUnit.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
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

private:
  void readUnit(DWARFUnit &unit);
  void addRow(DWARFUnit &unit, const DWARFDebugLine::LineTable &table,
              const DWARFDebugLine::Row &row, uint32_t unitIndex);
  uint32_t fileIndex(StringRef path);
  uint32_t subprogramIndex(DWARFDie die, uint32_t unit);

  const wasmkiln::Module &wasm;
  DWARFContext &dwarf;
  std::unique_ptr<GuestDebugInfo> info = std::make_unique<GuestDebugInfo>();
  StringMap<uint32_t> fileIndices;
  DenseMap<uint64_t, uint32_t> subprogramIndices;    // by DIE offset
  DenseMap<const DWARFUnit *, uint32_t> unitIndices; // those with lines
  uint64_t codeSize = 0;
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
    info->frames.push_back(frame);
    // The caller's line is where chain[k] was inlined.
    uint32_t discriminator = 0;
    chain[k].getCallerFrame(file, line, column, discriminator);
  }
  out.numFrames = info->frames.size() - out.firstFrame;
  info->rows.push_back(out);
}

void GuestDwarfReader::readUnit(DWARFUnit &unit) {
  const DWARFDebugLine::LineTable *table = dwarf.getLineTableForUnit(&unit);
  if (!table)
    return;
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
  for (const DWARFDebugLine::Sequence &seq : table->Sequences) {
    if (!seq.isValid() || seq.LowPC == 0 || seq.HighPC > codeSize)
      continue;
    for (unsigned i = seq.FirstRowIndex; i < seq.LastRowIndex; ++i)
      addRow(unit, *table, table->Rows[i], unitIndex);
  }
}

std::unique_ptr<GuestDebugInfo> GuestDwarfReader::read() {
  if (!wasm.bodies.empty()) {
    const FunctionBody &last = wasm.bodies.back();
    codeSize = last.codeOffset + last.code.size() - wasm.codeSectionOffset;
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

std::unique_ptr<GuestDebugInfo>
wasmkiln::readGuestDebugInfo(const wasmkiln::Module &wasm) {
  if (wasm.debugSections.empty())
    return nullptr;
  StringMap<std::unique_ptr<MemoryBuffer>> sections;
  for (const auto &[name, bytes] : wasm.debugSections)
    sections[StringRef(name).drop_front()] = MemoryBuffer::getMemBuffer(
        toStringRef(bytes), name, /*RequiresNullTerminator=*/false);
  auto ignore = [](Error err) { consumeError(std::move(err)); };
  std::unique_ptr<DWARFContext> dwarf = DWARFContext::create(
      sections, /*AddrSize=*/4, /*isLittleEndian=*/true, ignore, ignore);
  return GuestDwarfReader(wasm, *dwarf).read();
}
