//===- InlineDepthLimit.cpp - Bound the inlined-at chains of locations ----===//
//
// See InlineDepthLimit.h. A cut chain keeps its innermost MaxInlineDepth-1
// frames, rebuilt to end in the original outermost one (the function's
// own, which the verifier requires); the copies are shared by every
// location that had the same chain.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/passes/InlineDepthLimit.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

class ChainCutter {
public:
  /// \p loc, or its copy with a cut chain if it is deeper than the limit.
  DILocation *cut(DILocation *loc) {
    if (!loc || depthAtMost(loc, InlineDepthLimitPass::MaxInlineDepth))
      return loc;
    auto [it, inserted] = cache.try_emplace(loc, nullptr);
    if (!inserted)
      return it->second;
    SmallVector<DILocation *, 64> kept;
    DILocation *outermost = loc;
    for (; outermost->getInlinedAt(); outermost = outermost->getInlinedAt())
      if (kept.size() + 1 < InlineDepthLimitPass::MaxInlineDepth)
        kept.push_back(outermost);
    // Rebuilt outward in: each frame's copy is inlined at the next one's.
    DILocation *at = outermost;
    for (size_t i = kept.size(); i-- > 1;)
      at = DILocation::getDistinct(loc->getContext(), kept[i]->getLine(),
                                   kept[i]->getColumn(), kept[i]->getScope(),
                                   at);
    DILocation *copy = DILocation::get(loc->getContext(), loc->getLine(),
                                       loc->getColumn(), loc->getScope(), at);
    it->second = copy;
    return copy;
  }

private:
  static bool depthAtMost(const DILocation *loc, unsigned n) {
    for (; loc; loc = loc->getInlinedAt())
      if (n-- == 0)
        return false;
    return true;
  }

  DenseMap<DILocation *, DILocation *> cache;
};

} // namespace

PreservedAnalyses InlineDepthLimitPass::run(Function &f,
                                            FunctionAnalysisManager &) {
  ChainCutter cutter;
  auto update = [&](auto &carrier) {
    DILocation *loc = carrier.getDebugLoc().get();
    if (DILocation *cut = cutter.cut(loc); cut != loc)
      carrier.setDebugLoc(DebugLoc(cut));
  };
  for (BasicBlock &block : f)
    for (Instruction &inst : block) {
      update(inst);
      for (DbgRecord &record : inst.getDbgRecordRange())
        update(record);
    }
  // Only metadata changed: every analysis still holds.
  return PreservedAnalyses::all();
}
