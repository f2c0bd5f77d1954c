//===- LoopAddressing.cpp - Wrap-free addresses in versioned loops --------===//
//
// See LoopAddressing.h. For an innermost loop with a computable trip count,
// PredicatedScalarEvolution turns each memory access's address
// base + zext({start,+,step}) into the affine {base + zext(start),+,step}
// under the predicate that the i32 recurrence does not wrap; the
// predicate's runtime check guards the rewritten loop, an untouched clone
// runs otherwise. The shape follows llvm::LoopVersioning, whose checks come
// from loop-access analysis instead.
//
//===----------------------------------------------------------------------===//

#include "LoopAddressing.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

/// Loops larger than this are not duplicated (code size, compile time).
constexpr unsigned MaxLoopInstructions = 200;
/// Nor are loops whose check would need more predicates than this.
constexpr unsigned MaxPredicateComplexity = 8;

struct Access {
  Instruction *inst;
  const SCEVAddRecExpr *address;
};

class LoopVersioner {
public:
  LoopVersioner(Loop &loop, LoopInfo &li, DominatorTree &dt,
                ScalarEvolution &se)
      : loop(loop), li(li), dt(dt), se(se), pse(se, loop) {}

  bool run();

private:
  bool findAccesses();
  void version(Value *wraps);
  void rewriteAccesses();

  Loop &loop;
  LoopInfo &li;
  DominatorTree &dt;
  ScalarEvolution &se;
  PredicatedScalarEvolution pse;
  SmallVector<Access, 8> accesses;
};

} // namespace

/// Collects the loads and stores whose address is affine only under a
/// no-wrap predicate.
bool LoopVersioner::findAccesses() {
  unsigned size = 0;
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block) {
      if (++size > MaxLoopInstructions)
        return false;
      Value *ptr = getLoadStorePointerOperand(&inst);
      if (!ptr || isa<SCEVAddRecExpr>(se.getSCEV(ptr)))
        continue;
      const SCEVAddRecExpr *address = pse.getAsAddRec(ptr);
      if (address && address->getLoop() == &loop && address->isAffine())
        accesses.push_back({&inst, address});
    }
  return !accesses.empty() &&
         pse.getPredicate().getComplexity() <= MaxPredicateComplexity;
}

bool LoopVersioner::run() {
  if (!loop.isLoopSimplifyForm() || !loop.isLCSSAForm(dt) ||
      !loop.getUniqueExitBlock() ||
      isa<SCEVCouldNotCompute>(se.getBackedgeTakenCount(&loop)) ||
      !findAccesses())
    return false;
  BasicBlock *check = loop.getLoopPreheader();
  const DataLayout &layout = check->getDataLayout();
  SCEVExpander expander(se, layout, "wrap.check");
  Value *wraps = expander.expandCodeForPredicate(&pse.getPredicate(),
                                                 check->getTerminator());
  version(wraps);
  rewriteAccesses();
  se.forgetLoop(&loop);
  return true;
}

/// Loop metadata that keeps later passes from unrolling or vectorising.
static MDNode *makeFollowupLoopID(LLVMContext &ctx) {
  auto flag = [&](StringRef name, bool value) {
    return MDNode::get(ctx, {MDString::get(ctx, name),
                             ConstantAsMetadata::get(ConstantInt::get(
                                 Type::getInt1Ty(ctx), value))});
  };
  MDNode *disableUnroll =
      MDNode::get(ctx, {MDString::get(ctx, "llvm.loop.unroll.disable")});
  TempMDTuple placeholder = MDNode::getTemporary(ctx, {});
  MDNode *id =
      MDNode::getDistinct(ctx, {placeholder.get(), disableUnroll,
                                flag("llvm.loop.vectorize.enable", false)});
  id->replaceOperandWith(0, id);
  return id;
}

/// Duplicates the loop: the preheader branches on \p wraps to the copy,
/// which keeps 32-bit addresses, or to the loop itself, rewritten next.
void LoopVersioner::version(Value *wraps) {
  BasicBlock *check = loop.getLoopPreheader();
  BasicBlock *exit = loop.getUniqueExitBlock();
  BasicBlock *preheader =
      SplitBlock(check, check->getTerminator(), &dt, &li, nullptr,
                 loop.getHeader()->getName() + ".wide.ph");
  ValueToValueMapTy map;
  SmallVector<BasicBlock *, 8> copyBlocks;
  Loop *copy = cloneLoopWithPreheader(preheader, check, &loop, map, ".wrap",
                                      &li, &dt, copyBlocks);
  remapInstructionsInBlocks(copyBlocks, map);
  // The copy runs only when an address wraps: not worth unrolling or
  // vectorising (code size, compile time).
  copy->setLoopID(makeFollowupLoopID(copy->getHeader()->getContext()));

  Instruction *oldBranch = check->getTerminator();
  MDBuilder md(check->getContext());
  BranchInst::Create(copy->getLoopPreheader(), preheader, wraps, check)
      ->setMetadata(LLVMContext::MD_prof, md.createUnlikelyBranchWeights());
  oldBranch->eraseFromParent();
  dt.changeImmediateDominator(exit, check);

  // LCSSA: every value leaving the loop goes through a phi of the exit
  // block, which now also has the copy's exiting blocks as predecessors.
  for (PHINode &phi : exit->phis()) {
    unsigned incoming = phi.getNumIncomingValues();
    for (unsigned i = 0; i < incoming; ++i) {
      BasicBlock *from = phi.getIncomingBlock(i);
      if (!loop.contains(from))
        continue;
      Value *value = phi.getIncomingValue(i);
      Value *copied = value;
      if (map.count(value))
        copied = map[value];
      phi.addIncoming(copied, cast<BasicBlock>(map[from]));
    }
  }
}

/// In the loop that runs when nothing wraps, each access uses its affine
/// 64-bit address (a pointer induction variable for LSR to fold).
void LoopVersioner::rewriteAccesses() {
  const DataLayout &layout = loop.getHeader()->getDataLayout();
  SCEVExpander expander(se, layout, "wide");
  for (const Access &access : accesses) {
    Value *ptr = getLoadStorePointerOperand(access.inst);
    Value *wide =
        expander.expandCodeFor(access.address, ptr->getType(), access.inst);
    unsigned operand = isa<LoadInst>(access.inst) ? 0 : 1;
    access.inst->setOperand(operand, wide);
  }
}

PreservedAnalyses LoopAddressingPass::run(Function &f,
                                          FunctionAnalysisManager &fam) {
  auto &li = fam.getResult<LoopAnalysis>(f);
  auto &dt = fam.getResult<DominatorTreeAnalysis>(f);
  auto &se = fam.getResult<ScalarEvolutionAnalysis>(f);
  SmallVector<Loop *, 8> innermost;
  for (Loop *loop : li.getLoopsInPreorder())
    if (loop->isInnermost())
      innermost.push_back(loop);
  bool changed = false;
  for (Loop *loop : innermost)
    changed |= LoopVersioner(*loop, li, dt, se).run();
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses kept;
  kept.preserve<DominatorTreeAnalysis>();
  kept.preserve<LoopAnalysis>();
  return kept;
}
