//===- PcMap.cpp - Native pc -> wasm location tables for backtraces -------===//
//
// See PcMap.h. Each entry's DebugLoc says where the instruction came from:
// a chain through inlinedAt, innermost first. The lines of DebugLocs whose
// compile unit wasmkiln made itself (producer "wasmkiln": functions without
// guest DWARF) are wasm code offsets; those of guest units are source lines,
// and their wasm offsets come from the module's `wasmkiln.offsets` table
// (IRGenDebugInfo.cpp gives each instruction under -g a distinct DILocation
// and lists it there). A call without a location of its own is a trap
// block's call (shared by the sites of one trap kind); with one predecessor,
// its site is where that predecessor branches from.
//
// The AsmPrinter writes one entry per MDNode with the addresses of all the
// instructions that carry it, so every instruction gets a distinct node: an
// entry is then always one address and its data, as runtime.h says.
//
//===----------------------------------------------------------------------===//

#include "PcMap.h"

#include "wasmkiln/irgen/IRGen.h"
#include "wasmkiln/runtime.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/MachineMemOperand.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

class PcMapPass : public MachineFunctionPass {
public:
  static char ID;
  PcMapPass() : MachineFunctionPass(ID) {}

  StringRef getPassName() const override { return "wasmkiln pc map"; }

  void getAnalysisUsage(AnalysisUsage &au) const override {
    au.setPreservesAll();
    MachineFunctionPass::getAnalysisUsage(au);
  }

  bool doInitialization(llvm::Module &m) override;
  bool runOnMachineFunction(MachineFunction &mf) override;

private:
  /// The DebugLoc that says where \p mi came from, or null.
  const DILocation *siteOf(const MachineInstr &mi) const;
  bool isLinearMemoryAccess(const MachineInstr &mi) const;
  uint32_t codeOffset(const DILocation *loc) const;
  uint32_t string(StringRef s);

  bool faultingAccesses = false;
  DenseMap<const DILocation *, uint32_t> offsets;
  // Per function.
  SmallString<256> strings;
  StringMap<uint32_t> stringOffsets;
};

} // namespace

char PcMapPass::ID = 0;

MachineFunctionPass *wasmkiln::createPcMapPass() { return new PcMapPass(); }

bool PcMapPass::doInitialization(llvm::Module &m) {
  faultingAccesses = m.getNamedMetadata(GuardPagesMetadata) != nullptr;
  offsets.clear();
  if (NamedMDNode *table = m.getNamedMetadata(OffsetsMetadata))
    for (const MDNode *entry : table->operands()) {
      if (entry->getNumOperands() != 2)
        continue;
      auto *loc = dyn_cast<DILocation>(entry->getOperand(0));
      auto *offset = mdconst::dyn_extract<ConstantInt>(entry->getOperand(1));
      if (loc && offset)
        offsets[loc] = uint32_t(offset->getZExtValue());
    }
  return false;
}

/// Lines of wasmkiln's own units are wasm offsets, not source lines.
static bool linesAreOffsets(const DILocation *loc) {
  const DISubprogram *sp = loc->getScope()->getSubprogram();
  return sp && sp->getUnit() && sp->getUnit()->getProducer() == OffsetUnitProducer;
}

uint32_t PcMapPass::codeOffset(const DILocation *loc) const {
  auto it = offsets.find(loc);
  if (it != offsets.end())
    return it->second;
  return linesAreOffsets(loc) ? loc->getLine() : 0;
}

const DILocation *PcMapPass::siteOf(const MachineInstr &mi) const {
  const DILocation *loc = mi.getDebugLoc().get();
  if (loc && (loc->getLine() || !mi.isCall()))
    return loc;
  if (!mi.isCall())
    return nullptr;
  const MachineBasicBlock *block = mi.getParent();
  if (block->pred_size() != 1)
    return nullptr;
  const MachineBasicBlock *pred = *block->pred_begin();
  for (auto it = pred->rbegin(); it != pred->rend(); ++it)
    if (!it->isDebugInstr() && it->getDebugLoc())
      return it->getDebugLoc().get();
  return nullptr;
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
  auto [it, inserted] = stringOffsets.try_emplace(s, strings.size());
  if (inserted) {
    strings.append(s);
    strings.push_back('\0');
  }
  return it->second;
}

bool PcMapPass::runOnMachineFunction(MachineFunction &mf) {
  // Wasm functions are those with a frame info (IRGenFrameInfo.cpp).
  auto &func = const_cast<Function &>(mf.getFunction());
  if (!func.hasPrefixData())
    return false;
  LLVMContext &ctx = func.getContext();
  Type *i32 = Type::getInt32Ty(ctx);
  auto word = [&](uint64_t v) {
    return ConstantAsMetadata::get(ConstantInt::get(i32, v));
  };
  // "!C": the AsmPrinter writes the integers as ULEB128.
  MDString *mapSection = MDString::get(ctx, WK_PC_MAP_SECTION "!C");
  strings.clear();
  stringOffsets.clear();
  bool any = false;
  SmallVector<Metadata *, 16> data;
  for (MachineBasicBlock &block : mf)
    for (MachineInstr &mi : block) {
      unsigned kind = mi.isCall()                   ? WK_PC_CALL
                      : faultingAccesses &&
                              isLinearMemoryAccess(mi) ? WK_PC_ACCESS
                                                       : 0;
      if (!kind)
        continue;
      const DILocation *site = siteOf(mi);
      if (!site)
        continue;
      unsigned frames = 0;
      data.assign(1, nullptr);
      for (const DILocation *loc = site; loc; loc = loc->getInlinedAt()) {
        bool outermost = !loc->getInlinedAt();
        uint32_t offset = codeOffset(loc);
        data.push_back(word(offset ? uint64_t(offset) + 1 : 0));
        const DISubprogram *sp = loc->getScope()->getSubprogram();
        data.push_back(
            word(outermost || !sp ? 0 : uint64_t(string(sp->getName())) + 1));
        unsigned line = linesAreOffsets(loc) ? 0 : loc->getLine();
        data.push_back(word(line));
        if (line) {
          data.push_back(word(loc->getColumn()));
          data.push_back(word(string(loc->getFilename())));
        }
        ++frames;
      }
      data[0] = word(uint64_t(frames) << 2 | kind);
      mi.setPCSections(mf, MDNode::getDistinct(
                               ctx, {mapSection, MDNode::get(ctx, data)}));
      any = true;
    }
  if (!any)
    return true;
  Metadata *funcData[] = {
      word(strings.size()),
      ConstantAsMetadata::get(ConstantDataArray::getRaw(
          StringRef(strings.data(), strings.size()), strings.size(),
          Type::getInt8Ty(ctx))),
  };
  // An empty i8 array would be one zero byte: the length says there is none.
  Metadata *funcEntry[] = {MDString::get(ctx, WK_PC_FUNCS_SECTION "!C"),
                           MDNode::get(ctx, ArrayRef(funcData).take_front(
                                                strings.empty() ? 1 : 2))};
  func.setMetadata(LLVMContext::MD_pcsections, MDNode::get(ctx, funcEntry));
  return true;
}
