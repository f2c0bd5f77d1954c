//===- PcMap.cpp - Native pc -> wasm location tables for backtraces -------===//
//
// See PcMap.h. Each entry's DebugLoc says where the instruction came from:
// a chain through inlinedAt, innermost first. The lines of DebugLocs whose
// compile unit wasmkiln made itself (producer "wasmkiln": functions without
// guest DWARF) are wasm code offsets; those of guest units are source lines,
// and their wasm offsets come from the module's `wasmkiln.offsets` table
// (IRGenDebugInfo.cpp gives each instruction under -g a distinct scope, a
// lexical block file, and lists it there; the scope stays with the
// instruction when LLVM inlines it). A trap block's call that several sites
// share has line 0 (IRGenEnv.cpp attributeTrapSite): the offset is not known,
// the inlined frames are.
//
// The pass labels each entry's instruction (a faulting access before it, a
// call after it: the return address) and keeps the entry's data; the
// AsmPrinter handler writes the function's record when the AsmPrinter has
// finished the function: its entries in instruction order, each address as
// the distance from the one before, which the assembler resolves (the
// labels are in one section), so that a record needs one relocation. (LLVM's
// own !pcsections would do it too, but writes a function's entries in the order
// of a pointer-keyed map, so that the object's bytes would differ from run to
// run.)
//
//===----------------------------------------------------------------------===//

#include "PcMap.h"

#include "wasmkiln/irgen/IRGen.h"
#include "wasmkiln/runtime.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/AsmPrinterHandler.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/MachineMemOperand.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCStreamer.h"
#include "llvm/Support/LEB128.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

/// One function's tables, from the pass to the AsmPrinter handler.
struct FunctionTables {
  struct Entry {
    MCSymbol *address;
    size_t end; // of its data (head and frames) in `data`
  };
  std::vector<Entry> entries;
  SmallString<1024> data; // the entries' data, encoded
  SmallString<256> strings;
};

/// What the pass hands on: the tables of the function the AsmPrinter works
/// on next (the legacy pass manager runs all machine passes of a function,
/// then the AsmPrinter on it, before the next function).
struct PcMapState {
  const MachineFunction *function = nullptr;
  FunctionTables tables;
};

class PcMapPass : public MachineFunctionPass {
public:
  static char ID;
  explicit PcMapPass(PcMapState &state)
      : MachineFunctionPass(ID), state(state) {}

  StringRef getPassName() const override { return "wasmkiln pc map"; }

  void getAnalysisUsage(AnalysisUsage &au) const override {
    au.setPreservesAll();
    MachineFunctionPass::getAnalysisUsage(au);
  }

  bool doInitialization(llvm::Module &m) override;
  bool runOnMachineFunction(MachineFunction &mf) override;

private:
  bool isLinearMemoryAccess(const MachineInstr &mi) const;
  uint32_t codeOffset(const DILocation *loc) const;
  uint32_t string(StringRef s);
  MCSymbol *label(MachineFunction &mf, MachineInstr &mi, bool after);

  PcMapState &state;
  bool faultingAccesses = false;
  DenseMap<const DIScope *, uint32_t> offsets; // by instruction scope
  StringMap<uint32_t> stringOffsets; // into state.tables.strings
};

/// Writes the tables of each function the pass described.
class PcMapWriter : public AsmPrinterHandler {
public:
  PcMapWriter(AsmPrinter &printer, PcMapState &state)
      : printer(printer), state(state) {}

  void endModule() override {}
  void beginFunction(const MachineFunction *) override;
  void markFunctionEnd() override;
  void endFunction(const MachineFunction *mf) override;

private:
  MCSection *section(const char *name);

  AsmPrinter &printer;
  PcMapState &state;
  MCSymbol *begin = nullptr, *end = nullptr;
};

} // namespace

char PcMapPass::ID = 0;

void wasmkiln::addPcMap(legacy::PassManager &pm, AsmPrinter &printer) {
  auto state = std::make_shared<PcMapState>();
  pm.add(new PcMapPass(*state));
  // The writer owns the state: the AsmPrinter (which owns the writer) is
  // the last of the two to go.
  struct OwningWriter : PcMapWriter {
    OwningWriter(AsmPrinter &printer, std::shared_ptr<PcMapState> state)
        : PcMapWriter(printer, *state), owned(std::move(state)) {}
    std::shared_ptr<PcMapState> owned;
  };
  printer.addAsmPrinterHandler(
      std::make_unique<OwningWriter>(printer, std::move(state)));
}

bool PcMapPass::doInitialization(llvm::Module &m) {
  faultingAccesses = m.getNamedMetadata(GuardPagesMetadata) != nullptr;
  offsets.clear();
  if (NamedMDNode *table = m.getNamedMetadata(OffsetsMetadata))
    for (const MDNode *entry : table->operands()) {
      if (entry->getNumOperands() != 2)
        continue;
      auto *scope = dyn_cast<DILexicalBlockFile>(entry->getOperand(0));
      auto *offset = mdconst::dyn_extract<ConstantInt>(entry->getOperand(1));
      if (scope && offset)
        offsets[scope] = uint32_t(offset->getZExtValue());
    }
  return false;
}

/// Lines of wasmkiln's own units are wasm offsets, not source lines.
static bool linesAreOffsets(const DILocation *loc) {
  const DISubprogram *sp = loc->getScope()->getSubprogram();
  return sp && sp->getUnit() && sp->getUnit()->getProducer() == OffsetUnitProducer;
}

uint32_t PcMapPass::codeOffset(const DILocation *loc) const {
  auto it = offsets.find(loc->getScope());
  if (it != offsets.end())
    return it->second;
  return linesAreOffsets(loc) ? loc->getLine() : 0;
}

/// IR generation tags linear memory's loads and stores with the TBAA type
/// "linear memory" (IRGen.cpp tagMemoryAccesses).
bool PcMapPass::isLinearMemoryAccess(const MachineInstr &mi) const {
  if (!mi.mayLoadOrStore())
    return false;
  for (const MachineMemOperand *mmo : mi.memoperands()) {
    const MDNode *tag = mmo->getAAInfo().TBAA;
    if (!tag || tag->getNumOperands() < 2)
      continue;
    auto *type = dyn_cast<MDNode>(tag->getOperand(1));
    if (!type || type->getNumOperands() < 1)
      continue;
    if (auto *name = dyn_cast<MDString>(type->getOperand(0)))
      if (name->getString() == LinearMemoryTBAA)
        return true;
  }
  return false;
}

uint32_t PcMapPass::string(StringRef s) {
  SmallString<256> &strings = state.tables.strings;
  auto [it, inserted] = stringOffsets.try_emplace(s, strings.size());
  if (inserted) {
    strings.append(s);
    strings.push_back('\0');
  }
  return it->second;
}

MCSymbol *PcMapPass::label(MachineFunction &mf, MachineInstr &mi,
                           bool after) {
  MCSymbol *symbol = after ? mi.getPostInstrSymbol() : mi.getPreInstrSymbol();
  if (symbol)
    return symbol;
  symbol = mf.getContext().createTempSymbol();
  if (after)
    mi.setPostInstrSymbol(mf, symbol);
  else
    mi.setPreInstrSymbol(mf, symbol);
  return symbol;
}

bool PcMapPass::runOnMachineFunction(MachineFunction &mf) {
  state.function = nullptr;
  FunctionTables &tables = state.tables;
  tables.entries.clear();
  tables.data.clear();
  tables.strings.clear();
  int64_t previousOffset = 0;
  stringOffsets.clear();
  // Wasm functions are those with a frame info (IRGenFrameInfo.cpp).
  if (!mf.getFunction().hasPrefixData())
    return false;
  for (MachineBasicBlock &block : mf)
    for (MachineInstr &mi : block) {
      unsigned kind = mi.isCall()                   ? WK_PC_CALL
                      : faultingAccesses &&
                              isLinearMemoryAccess(mi) ? WK_PC_ACCESS
                                                       : 0;
      if (!kind)
        continue;
      const DILocation *site = mi.getDebugLoc().get();
      if (!site)
        continue;
      // Wasm offsets are deltas from the one before in the function's
      // record: the entries are in the order of the code, mostly of the
      // wasm code too.
      SmallString<32> frameData;
      raw_svector_ostream frameOut(frameData);
      unsigned frames = 0;
      // Functions the guest's compiler inlined are at the instruction of
      // the next frame inwards that the offsets table lists: the
      // instruction of their wasm function (the innermost frame, or the
      // call that LLVM's inliner inlined a wasm function at).
      uint32_t innerOffset = 0;
      for (const DILocation *loc = site; loc; loc = loc->getInlinedAt()) {
        bool outermost = !loc->getInlinedAt();
        uint32_t offset = codeOffset(loc);
        if (!offset)
          offset = innerOffset;
        innerOffset = offset;
        int64_t value = offset ? int64_t(offset) + 1 : 0;
        encodeSLEB128(value - previousOffset, frameOut);
        previousOffset = value;
        const DISubprogram *sp = loc->getScope()->getSubprogram();
        uint64_t name = outermost || !sp ? 0 : string(sp->getName()) + 1;
        unsigned line = linesAreOffsets(loc) ? 0 : loc->getLine();
        encodeULEB128(name << 1 | (line != 0), frameOut);
        if (line) {
          encodeULEB128(line, frameOut);
          encodeULEB128(loc->getColumn(), frameOut);
          encodeULEB128(string(loc->getFilename()), frameOut);
        }
        ++frames;
      }
      raw_svector_ostream out(tables.data);
      encodeULEB128(frames << 2 | kind, out);
      out << frameData;
      tables.entries.push_back(
          {label(mf, mi, kind == WK_PC_CALL), tables.data.size()});
    }
  if (!tables.entries.empty())
    state.function = &mf;
  return !tables.entries.empty();
}

MCSection *PcMapWriter::section(const char *name) {
  return printer.OutContext.getELFSection(name, ELF::SHT_PROGBITS,
                                          ELF::SHF_ALLOC);
}

void PcMapWriter::beginFunction(const MachineFunction *) {
  // Right after the entry label: the entry. A temporary symbol of its own,
  // as the function's symbol may be preemptible (shared objects) and so
  // cannot be the target of a relative reference.
  begin = printer.OutContext.createTempSymbol();
  printer.OutStreamer->emitLabel(begin);
  end = nullptr;
}

void PcMapWriter::markFunctionEnd() {
  // Still in the function's section: its end.
  end = printer.OutContext.createTempSymbol();
  printer.OutStreamer->emitLabel(end);
}

void PcMapWriter::endFunction(const MachineFunction *mf) {
  if (state.function != mf || !end)
    return;
  state.function = nullptr;
  const FunctionTables &tables = state.tables;
  MCStreamer &out = *printer.OutStreamer;
  MCContext &ctx = printer.OutContext;
  out.pushSection();
  out.switchSection(section(WK_PC_MAP_SECTION));
  // The only absolute reference: all else is relative to the entry, so the
  // record needs one relocation.
  MCSymbol *here = ctx.createTempSymbol();
  out.emitLabel(here);
  printer.emitLabelDifference(begin, here, 4);
  printer.emitLabelDifferenceAsULEB128(end, begin);
  out.emitULEB128IntValue(tables.strings.size());
  out.emitBytes(tables.strings);
  MCSymbol *entriesBegin = ctx.createTempSymbol();
  MCSymbol *entriesEnd = ctx.createTempSymbol();
  printer.emitLabelDifferenceAsULEB128(entriesEnd, entriesBegin);
  out.emitLabel(entriesBegin);
  const MCSymbol *previous = begin;
  size_t dataBegin = 0;
  for (const FunctionTables::Entry &entry : tables.entries) {
    printer.emitLabelDifferenceAsULEB128(entry.address, previous);
    previous = entry.address;
    out.emitBytes(StringRef(tables.data).slice(dataBegin, entry.end));
    dataBegin = entry.end;
  }
  out.emitLabel(entriesEnd);
  out.popSection();
}
