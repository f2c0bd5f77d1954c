//===- BoundsCheckOpt.cpp - Fewer explicit bounds checks ------------------===//
//
// With --bounds-checks=explicit every access to linear memory is preceded by
// a check (FuncEnv::getAddress) "trap unless zext(index) + need <= size",
// size being a load of wk_memory.size. LLVM cannot remove any of them: size
// is reloaded after every call, and nothing tells LLVM that a memory never
// shrinks. This pass uses that fact, after GVN has made equal indices one
// SSA value:
//
// 1. Merging: in straight-line code where nothing but pure instructions and
//    other bounds checks that branch to the same trap block lie between two
//    checks of one index, the first check is widened to the largest need of
//    the group (p->a, p->b, p->c: one check of p + 12). The trap then comes
//    at the first check instead of a later one; nothing observable (a store,
//    a call, another kind of trap) lies between, so the outcome is the same.
// 2. Dominance: a check of (index, need) dominated by the passing edge of a
//    check of (index, need' >= need) on the same memory always passes, even
//    across calls and memory.grow, because size only grows. It is removed.
//
// The pass recognises checks by their shape, not by markers that LLVM could
// drop: an icmp of zext(i32 index) + c against size - c' (any predicate and
// operand order InstCombine leaves), size being an i64 load at offset 8 of a
// pointer loaded from the instance field of a wk_memory (MemorySlotsMetadata
// lists those fields). Any branch of that shape states a true fact on its
// passing edge, so nothing else about it needs to be trusted.
//
// LoopBoundsChecks (end of file) serves a loop versioner: the checks of a
// loop whose index is affine are decided once in the preheader.
//
// What it buys is measured where the benchmarks are: docs/performance.md
// ("Explicit mode"), from bench/run.py.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/passes/BoundsCheckOpt.h"
#include "wasmkiln/abi/RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#include <optional>

using namespace llvm;
using namespace wasmkiln;

namespace {

/// One compare of a bounds check: true iff it fails (failIfTrue) or iff it
/// passes, the check passing iff zext(index) + need <= size.
struct Leaf {
  Use *use = nullptr;       // the compare's use in its branch condition
  Value *index = nullptr;   // the i32 index; null for a constant address
  Value *index64 = nullptr; // its zext
  uint64_t memory = 0;      // instance offset of the wk_memory pointer
  int64_t need = 0;
  Value *size = nullptr; // the i64 load of wk_memory.size
  bool failIfTrue = false;
  // exact: the compare means the above in every execution. Otherwise it is
  // an unsigned compare that agrees with it whenever the check passes (and
  // may pass when it should not): it may be removed, but is no evidence.
  bool exact = false;
};

/// A conditional branch to \p pass iff all of its leaves pass: a check, or
/// several that SimplifyCFG or-ed into one branch.
struct Guard {
  BranchInst *br = nullptr;
  BasicBlock *pass = nullptr;
  BasicBlock *fail = nullptr;
  SmallVector<Leaf, 2> leaves;
};

using CheckKey = std::pair<Value *, uint64_t>;

/// base + c, for a value built of adds and subs of small constants.
struct Term {
  Value *base = nullptr; // null: the value is the constant c
  int64_t c = 0;
};

// Offsets and sizes here are below 2^34; anything larger is not ours.
constexpr int64_t MaxConstant = int64_t(1) << 40;

std::optional<Term> decompose(Value *v) {
  Term t;
  for (int depth = 0; depth < 4; ++depth) {
    if (auto *ci = dyn_cast<ConstantInt>(v)) {
      if (ci->getValue().getSignificantBits() > 41)
        return std::nullopt;
      t.c += ci->getSExtValue();
      return std::abs(t.c) < MaxConstant ? std::optional<Term>(t)
                                         : std::nullopt;
    }
    auto *op = dyn_cast<BinaryOperator>(v);
    if (!op || (op->getOpcode() != Instruction::Add &&
                op->getOpcode() != Instruction::Sub))
      break;
    auto *ci = dyn_cast<ConstantInt>(op->getOperand(1));
    if (!ci || ci->getValue().getSignificantBits() > 41)
      break;
    int64_t k = ci->getSExtValue();
    t.c += op->getOpcode() == Instruction::Add ? k : -k;
    if (std::abs(t.c) >= MaxConstant)
      return std::nullopt;
    v = op->getOperand(0);
  }
  t.base = v;
  return t;
}

class BoundsCheckOpt {
public:
  BoundsCheckOpt(Function &f, ArrayRef<uint64_t> memorySlots)
      : f(f), dl(f.getDataLayout()),
        memorySlots(memorySlots.begin(), memorySlots.end()) {}

  bool run(DominatorTree &dt);
  std::optional<Guard> match(BranchInst *br) const;

private:
  std::optional<uint64_t> sizeSlot(Value *v) const;
  std::optional<Leaf> matchLeaf(Use &use, bool failIfTrue) const;
  void mergeChains(DominatorTree &dt);
  SmallVector<Guard *, 8> chainFrom(Guard &head);
  void widen(Leaf &leaf, int64_t need);
  void removeDominated(DominatorTree &dt);
  Guard *guardOf(Instruction *terminator);

  Function &f;
  const DataLayout &dl;
  SmallVector<uint64_t, 4> memorySlots;
  std::vector<Guard> guards;
  DenseMap<BranchInst *, size_t> guardIndex;
  bool changed = false;
};

/// The memory whose size \p v is (the instance offset of its wk_memory
/// pointer), if \p v is a load of wk_memory.size.
std::optional<uint64_t> BoundsCheckOpt::sizeSlot(Value *v) const {
  auto *load = dyn_cast_or_null<LoadInst>(v);
  if (!load || !load->isSimple() || !load->getType()->isIntegerTy(64))
    return std::nullopt;
  Value *ptr = load->getPointerOperand();
  APInt off(dl.getIndexTypeSizeInBits(ptr->getType()), 0);
  auto *memory =
      dyn_cast<LoadInst>(ptr->stripAndAccumulateConstantOffsets(dl, off, true));
  if (!memory || off != abi::MemorySize || !memory->getType()->isPointerTy())
    return std::nullopt;
  Value *slotPtr = memory->getPointerOperand();
  APInt slot(dl.getIndexTypeSizeInBits(slotPtr->getType()), 0);
  Value *instance = slotPtr->stripAndAccumulateConstantOffsets(dl, slot, true);
  if (f.arg_empty() || instance != f.getArg(0) ||
      !is_contained(memorySlots, slot.getZExtValue()))
    return std::nullopt;
  return slot.getZExtValue();
}

/// \p use (of a compare) as a leaf whose true value means failure iff
/// \p failIfTrue.
std::optional<Leaf> BoundsCheckOpt::matchLeaf(Use &use, bool failIfTrue) const {
  auto *cmp = dyn_cast<ICmpInst>(use.get());
  if (!cmp || !cmp->getOperand(0)->getType()->isIntegerTy(64))
    return std::nullopt;
  std::optional<Term> lhs = decompose(cmp->getOperand(0));
  std::optional<Term> rhs = decompose(cmp->getOperand(1));
  if (!lhs || !rhs)
    return std::nullopt;
  CmpInst::Predicate pred = cmp->getPredicate();
  std::optional<uint64_t> slot = sizeSlot(rhs->base);
  if (!slot) {
    slot = sizeSlot(lhs->base);
    std::swap(lhs, rhs);
    pred = CmpInst::getSwappedPredicate(pred);
  }
  // Now the compare is "lhs pred rhs", rhs = size + c.
  if (!slot || sizeSlot(lhs->base))
    return std::nullopt;
  Leaf leaf;
  leaf.use = &use;
  leaf.memory = *slot;
  leaf.size = rhs->base;
  leaf.failIfTrue = failIfTrue;
  if (lhs->base) {
    auto *zext = dyn_cast<ZExtInst>(lhs->base);
    if (!zext || !zext->getSrcTy()->isIntegerTy(32))
      return std::nullopt;
    leaf.index = zext->getOperand(0);
    leaf.index64 = zext;
  }
  // Both sides lie in (-2^41, 2^41): signed and mathematical order agree.
  // Unsigned order agrees if neither side can be negative; if only the
  // size side can, it still agrees whenever the check passes (then
  // size side >= index side >= 0).
  leaf.exact = CmpInst::isSigned(pred) || rhs->c >= 0;
  if (CmpInst::isUnsigned(pred) && lhs->c < 0)
    return std::nullopt;
  leaf.need = lhs->c - rhs->c;
  bool passIfTrue;
  switch (pred) {
  case CmpInst::ICMP_SLT:
  case CmpInst::ICMP_ULT:
    leaf.need += 1;
    [[fallthrough]];
  case CmpInst::ICMP_SLE:
  case CmpInst::ICMP_ULE:
    passIfTrue = true;
    break;
  case CmpInst::ICMP_SGE:
  case CmpInst::ICMP_UGE:
    leaf.need += 1;
    [[fallthrough]];
  case CmpInst::ICMP_SGT:
  case CmpInst::ICMP_UGT:
    passIfTrue = false;
    break;
  default:
    return std::nullopt;
  }
  if (passIfTrue == failIfTrue)
    return std::nullopt;
  return leaf;
}

/// \p br as a guard: its condition is a check, or an or-tree of checks
/// with the trap on the true edge, or an and-tree with it on the false
/// edge. Leaves of other shapes stay untouched.
std::optional<Guard> BoundsCheckOpt::match(BranchInst *br) const {
  if (!br->isConditional() || br->getSuccessor(0) == br->getSuccessor(1))
    return std::nullopt;
  for (bool failIfTrue : {true, false}) {
    Guard guard;
    guard.br = br;
    guard.fail = br->getSuccessor(failIfTrue ? 0 : 1);
    guard.pass = br->getSuccessor(failIfTrue ? 1 : 0);
    SmallVector<Use *, 8> work{&br->getOperandUse(0)};
    unsigned budget = 16;
    while (!work.empty() && --budget != 0) {
      Use *use = work.pop_back_val();
      Value *v = use->get();
      auto *tree = dyn_cast<Instruction>(v);
      bool inner =
          tree && tree->hasOneUse() &&
          (failIfTrue ? PatternMatch::match(v, PatternMatch::m_LogicalOr())
                      : PatternMatch::match(v, PatternMatch::m_LogicalAnd()));
      if (inner) {
        // or a, b / select a, true, b (and a, b / select a, b, false).
        work.push_back(&tree->getOperandUse(0));
        work.push_back(
            &tree->getOperandUse(isa<SelectInst>(tree) && failIfTrue ? 2 : 1));
        continue;
      }
      if (v->hasOneUse())
        if (std::optional<Leaf> leaf = matchLeaf(*use, failIfTrue))
          guard.leaves.push_back(*leaf);
    }
    if (!guard.leaves.empty())
      return guard;
  }
  return std::nullopt;
}

Guard *BoundsCheckOpt::guardOf(Instruction *terminator) {
  auto it = guardIndex.find(dyn_cast_or_null<BranchInst>(terminator));
  return it == guardIndex.end() ? nullptr : &guards[it->second];
}

/// Whether \p block only calls a noreturn function (a trap) whose
/// arguments do not depend on the edge that reached it.
static bool isTrapBlock(BasicBlock *block) {
  if (!block->phis().empty() || !isa<UnreachableInst>(block->getTerminator()))
    return false;
  auto *call = dyn_cast_or_null<CallInst>(
      block->getTerminator()->getPrevNonDebugInstruction());
  return call && call->doesNotReturn() && &block->front() == call;
}

/// The guards that run whenever \p head passes, with nothing observable
/// before them but traps through the same block: \p head first.
SmallVector<Guard *, 8> BoundsCheckOpt::chainFrom(Guard &head) {
  SmallVector<Guard *, 8> chain{&head};
  if (!isTrapBlock(head.fail))
    return chain;
  BasicBlock *block = head.pass;
  unsigned budget = 512;
  while (block->getSinglePredecessor() && --budget != 0) {
    for (Instruction &inst : block->instructionsWithoutDebug()) {
      if (inst.isTerminator())
        break;
      if (--budget == 0 || inst.mayHaveSideEffects() ||
          (isa<CallBase>(inst) && !isa<IntrinsicInst>(inst)))
        return chain;
    }
    auto *br = dyn_cast<BranchInst>(block->getTerminator());
    if (br && br->isUnconditional()) {
      block = br->getSuccessor(0);
      continue;
    }
    Guard *next = guardOf(br);
    if (!next || next->fail != head.fail)
      break;
    chain.push_back(next);
    block = next->pass;
  }
  return chain;
}

/// Makes \p leaf pass iff zext(index) + need <= size.
void BoundsCheckOpt::widen(Leaf &leaf, int64_t need) {
  auto *user = cast<Instruction>(leaf.use->getUser());
  IRBuilder<> b(user);
  Value *index64 =
      leaf.index ? b.CreateZExt(leaf.index, b.getInt64Ty()) : b.getInt64(0);
  Value *limit = b.CreateSub(leaf.size, b.getInt64(need), "limit",
                             /*HasNUW=*/false, /*HasNSW=*/true);
  Value *old = leaf.use->get();
  leaf.use->set(leaf.failIfTrue ? b.CreateICmpSGT(index64, limit)
                                : b.CreateICmpSLE(index64, limit));
  RecursivelyDeleteTriviallyDeadInstructions(old);
  leaf.need = need;
  changed = true;
}

void BoundsCheckOpt::mergeChains(DominatorTree &dt) {
  DenseSet<Guard *> seen;
  // Blocks in dominator-tree preorder: a chain's head comes before the
  // guards it runs into, which are in no other chain.
  for (DomTreeNode *node : depth_first(dt.getRootNode())) {
    Guard *head = guardOf(node->getBlock()->getTerminator());
    if (!head || seen.count(head))
      continue;
    SmallVector<Guard *, 8> chain = chainFrom(*head);
    seen.insert(chain.begin(), chain.end());
    if (chain.size() < 2)
      continue;
    DenseMap<CheckKey, Leaf *> first;
    DenseMap<CheckKey, int64_t> most;
    for (Guard *guard : chain)
      for (Leaf &leaf : guard->leaves) {
        if (!leaf.exact)
          continue;
        CheckKey key{leaf.index, leaf.memory};
        first.try_emplace(key, &leaf);
        auto [pos, fresh] = most.try_emplace(key, leaf.need);
        if (!fresh)
          pos->second = std::max(pos->second, leaf.need);
      }
    for (auto &[key, leaf] : first)
      if (most[key] > leaf->need)
        widen(*leaf, most[key]);
  }
}

/// Whether another exact leaf of \p guard, compared with the same size
/// value, fails whenever \p leaf does (of equal ones, the first stays).
static bool impliedBySibling(const Guard &guard, const Leaf &leaf) {
  bool earlier = true;
  for (const Leaf &other : guard.leaves) {
    if (&other == &leaf) {
      earlier = false;
      continue;
    }
    if (other.exact && other.index == leaf.index &&
        other.memory == leaf.memory && other.size == leaf.size &&
        (other.need > leaf.need || (earlier && other.need == leaf.need)))
      return true;
  }
  return false;
}

void BoundsCheckOpt::removeDominated(DominatorTree &dt) {
  // Facts (index, memory) -> need known to hold, scoped by the dominator
  // tree; an undo log restores a scope's entries when it is left.
  DenseMap<CheckKey, int64_t> known;
  SmallVector<std::pair<CheckKey, std::optional<int64_t>>, 32> undo;
  SmallVector<Leaf *, 16> redundant;
  auto learn = [&](const Leaf &leaf) {
    CheckKey key{leaf.index, leaf.memory};
    auto pos = known.find(key);
    if (pos != known.end() && pos->second >= leaf.need)
      return;
    undo.push_back({key, pos == known.end()
                             ? std::nullopt
                             : std::optional<int64_t>(pos->second)});
    known[key] = leaf.need;
  };
  struct Frame {
    DomTreeNode *node;
    DomTreeNode::const_iterator next;
    size_t undoSize;
  };
  auto enter = [&](DomTreeNode *node) {
    BasicBlock *block = node->getBlock();
    Frame frame{node, node->begin(), undo.size()};
    // A guard's passing edge to a block with no other predecessor: its
    // facts hold in the whole subtree (size never shrinks).
    if (BasicBlock *pred = block->getSinglePredecessor())
      if (Guard *guard = guardOf(pred->getTerminator());
          guard && guard->pass == block)
        for (const Leaf &leaf : guard->leaves)
          if (leaf.exact)
            learn(leaf);
    if (Guard *guard = guardOf(block->getTerminator()))
      for (Leaf &leaf : guard->leaves) {
        auto pos = known.find({leaf.index, leaf.memory});
        if ((pos != known.end() && pos->second >= leaf.need) ||
            impliedBySibling(*guard, leaf))
          redundant.push_back(&leaf);
      }
    return frame;
  };
  SmallVector<Frame, 32> stack{enter(dt.getRootNode())};
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next == top.node->end()) {
      while (undo.size() > top.undoSize) {
        auto [key, old] = undo.pop_back_val();
        if (old)
          known[key] = *old;
        else
          known.erase(key);
      }
      stack.pop_back();
      continue;
    }
    DomTreeNode *child = *top.next++;
    stack.push_back(enter(child));
  }
  // A redundant leaf becomes the constant "passes"; SimplifyCFG and
  // InstCombine then drop the branch or the or-tree operand.
  for (Leaf *leaf : redundant) {
    Value *old = leaf->use->get();
    leaf->use->set(ConstantInt::getBool(f.getContext(), !leaf->failIfTrue));
    RecursivelyDeleteTriviallyDeadInstructions(old);
    changed = true;
  }
}

bool BoundsCheckOpt::run(DominatorTree &dt) {
  for (BasicBlock &block : f)
    if (auto *br = dyn_cast<BranchInst>(block.getTerminator()))
      if (std::optional<Guard> guard = match(br)) {
        guardIndex[br] = guards.size();
        guards.push_back(std::move(*guard));
      }
  if (guards.empty())
    return false;
  mergeChains(dt);
  removeDominated(dt);
  return changed;
}

} // namespace

PreservedAnalyses BoundsCheckOptPass::run(Function &f,
                                          FunctionAnalysisManager &fam) {
  BoundsCheckOpt opt(f, memorySlots);
  if (!opt.run(fam.getResult<DominatorTreeAnalysis>(f)))
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

SmallVector<uint64_t, 4> BoundsCheckOptPass::memorySlotsOf(const Module &m) {
  SmallVector<uint64_t, 4> slots;
  if (NamedMDNode *md = m.getNamedMetadata(MemorySlotsMetadata))
    for (MDNode *op : md->operands())
      if (op->getNumOperands() == 1)
        if (auto *c = mdconst::dyn_extract<ConstantInt>(op->getOperand(0)))
          slots.push_back(c->getZExtValue());
  return slots;
}

//===-- Checks in versioned loops -----------------------------------------===//

struct LoopBoundsChecks::Impl {
  struct Item {
    Leaf leaf;
    const SCEV *index; // of leaf.index64: an affine recurrence or invariant
  };
  Loop &loop;
  PredicatedScalarEvolution &pse;
  SmallVector<Item, 8> items;
  Impl(Loop &loop, PredicatedScalarEvolution &pse) : loop(loop), pse(pse) {}
  const SCEV *indexOf(const Leaf &leaf);
};

/// The index of \p leaf as an affine recurrence of the loop (with a
/// constant step below 2^31) or a loop-invariant value, or null. A no-wrap
/// predicate is added only if it is one the versioner knows how to check.
const SCEV *LoopBoundsChecks::Impl::indexOf(const Leaf &leaf) {
  ScalarEvolution &se = *pse.getSE();
  if (!leaf.index64)
    return se.getZero(Type::getInt64Ty(loop.getHeader()->getContext()));
  const SCEV *plain = se.getSCEV(leaf.index64);
  if (se.isLoopInvariant(plain, &loop))
    return plain;
  PredicatedScalarEvolution probe(se, loop);
  const SCEVAddRecExpr *rec = probe.getAsAddRec(leaf.index64);
  if (!rec || rec->getLoop() != &loop || !rec->isAffine() ||
      !se.isLoopInvariant(rec->getStart(), &loop))
    return nullptr;
  auto *step = dyn_cast<SCEVConstant>(rec->getStepRecurrence(se));
  if (!step || step->getAPInt().abs().uge(uint64_t(1) << 31))
    return nullptr;
  for (const SCEVPredicate *pred :
       cast<SCEVUnionPredicate>(probe.getPredicate()).getPredicates()) {
    auto *wrap = dyn_cast<SCEVWrapPredicate>(pred);
    if (!wrap || wrap->getFlags() != SCEVWrapPredicate::IncrementNUSW ||
        wrap->getExpr()->getLoop() != &loop ||
        wrap->getExpr()->getType()->getIntegerBitWidth() > 32)
      return nullptr;
  }
  return pse.getAsAddRec(leaf.index64);
}

LoopBoundsChecks::LoopBoundsChecks(Loop &loop, PredicatedScalarEvolution &pse)
    : impl(std::make_unique<Impl>(loop, pse)) {
  Function &f = *loop.getHeader()->getParent();
  SmallVector<uint64_t, 4> slots =
      BoundsCheckOptPass::memorySlotsOf(*f.getParent());
  if (slots.empty())
    return;
  BoundsCheckOpt matcher(f, slots);
  for (BasicBlock *block : loop.blocks()) {
    auto *br = dyn_cast<BranchInst>(block->getTerminator());
    std::optional<Guard> guard = br ? matcher.match(br) : std::nullopt;
    if (!guard)
      continue;
    for (const Leaf &leaf : guard->leaves) {
      // The preheader reads the size through the same pointer.
      Value *sizePtr = cast<LoadInst>(leaf.size)->getPointerOperand();
      if (!loop.isLoopInvariant(sizePtr))
        continue;
      if (const SCEV *index = impl->indexOf(leaf))
        impl->items.push_back({leaf, index});
    }
  }
}

LoopBoundsChecks::LoopBoundsChecks(LoopBoundsChecks &&) = default;
LoopBoundsChecks::~LoopBoundsChecks() = default;

bool LoopBoundsChecks::empty() const { return impl->items.empty(); }

Value *LoopBoundsChecks::emitAllPass(IRBuilder<> &b, SCEVExpander &expander,
                                     Value *maxTrips) {
  Type *i64 = b.getInt64Ty();
  Instruction *at = &*b.GetInsertPoint();
  DenseMap<Value *, Value *> sizes; // size pointer -> size in the preheader
  Value *allPass = b.getTrue();
  for (const Impl::Item &item : impl->items) {
    auto *sizeLoad = cast<LoadInst>(item.leaf.size);
    Value *&size = sizes[sizeLoad->getPointerOperand()];
    if (!size) {
      LoadInst *load = b.CreateLoad(i64, sizeLoad->getPointerOperand());
      load->copyMetadata(*sizeLoad, {LLVMContext::MD_tbaa});
      size = load;
    }
    // The largest index: at iteration maxTrips for a rising recurrence, at
    // entry otherwise. The sum could only overflow if the recurrence
    // wrapped, which the versioner's wrap check catches; checked anyway.
    Value *largest;
    Value *overflow = b.getFalse();
    if (auto *rec = dyn_cast<SCEVAddRecExpr>(item.index)) {
      largest = expander.expandCodeFor(rec->getStart(), i64, at);
      int64_t step =
          cast<SCEVConstant>(rec->getStepRecurrence(*impl->pse.getSE()))
              ->getAPInt()
              .getSExtValue();
      if (step > 0) {
        Value *sum =
            b.CreateBinaryIntrinsic(Intrinsic::sadd_with_overflow, largest,
                                    b.CreateMul(maxTrips, b.getInt64(step)));
        largest = b.CreateExtractValue(sum, 0);
        overflow = b.CreateExtractValue(sum, 1);
      }
    } else {
      largest = expander.expandCodeFor(item.index, i64, at);
    }
    Value *limit = b.CreateSub(size, b.getInt64(item.leaf.need), "", false,
                               /*HasNSW=*/true);
    Value *passes =
        b.CreateAnd(b.CreateNot(overflow), b.CreateICmpSLE(largest, limit));
    allPass = b.CreateAnd(allPass, passes);
  }
  return allPass;
}

void LoopBoundsChecks::drop() {
  for (Impl::Item &item : impl->items) {
    Leaf &leaf = item.leaf;
    Value *old = leaf.use->get();
    leaf.use->set(ConstantInt::getBool(old->getContext(), !leaf.failIfTrue));
    RecursivelyDeleteTriviallyDeadInstructions(old);
  }
  impl->items.clear();
}
