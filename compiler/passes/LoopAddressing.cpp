//===- LoopAddressing.cpp - Wrap-free addresses in versioned loops --------===//
//
// See LoopAddressing.h. An innermost loop that runs to a count (exits to
// traps aside) is versioned when its accesses' addresses
// base + zext({start,+,step}) can be the affine {base + zext(start),+,step}:
// - with no call in the loop and memory 0 unshared, memory cannot grow
//   while it runs, and one compare of memory 0's size decides
//   (trapOrderedAddress): an address cannot wrap without an earlier access
//   trapping first;
// - otherwise PredicatedScalarEvolution's no-wrap predicates over the trip
//   count decide (emitWrapCheck), and with them whether every explicit
//   bounds check of the loop passes (BoundsCheckOpt's LoopBoundsChecks),
//   which the fast loop then drops.
// An untouched clone runs when the check fails. The cloning follows
// llvm::LoopVersioning, whose checks come from loop-access analysis.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/passes/LoopAddressing.h"
#include "wasmkiln/abi/RuntimeABI.h"

#include "wasmkiln/passes/BoundsCheckOpt.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <optional>

using namespace llvm;
using namespace wasmkiln;

namespace {

/// Loops larger than this are not duplicated (code size, compile time).
constexpr unsigned MaxLoopInstructions = 200;
/// Nor are loops whose check would need more predicates than this.
constexpr unsigned MaxPredicateComplexity = 8;
/// Nor are loops in which fewer than one instruction in this many is a
/// load or store with such an address.
constexpr unsigned MinAccessShare = 16;
/// Largest step of a recurrence whose wrap an earlier access traps (the
/// memory must be at least this much smaller than 4 GiB).
constexpr uint64_t MaxTrapOrderedStep = 64 * 1024;
/// Loops that run fewer times than this are not versioned.
constexpr unsigned MinConstantTrips = 16;
/// At most this many loops of a function are versioned (each recomputes
/// the dominator tree).
constexpr unsigned MaxVersionedLoops = 32;

/// Largest step of a recurrence whose range the preheader bounds (the check
/// computes in i128 and must not overflow).
constexpr uint64_t MaxRangedStep = uint64_t(1) << 32;

struct Access {
  Instruction *inst;
  const SCEVAddRecExpr *address;
};

/// The offsets from memory 0's base that an access reaches in iterations
/// 0..trips, when its offset is start + step * k (start and step
/// loop-invariant) computed in \p bits-bit arithmetic and zero-extended,
/// plus \p offset: bits is 64 for an offset that is itself an i64 affine
/// recurrence (or invariant: step 0), 32 or less for zext({s,+,d}) + c.
/// Accesses whose starts and offsets differ by constants share one extent
/// (addExtent): their starts are start + [minDelta, maxDelta], and their
/// last bytes end before start + offset + end (an unrolled loop's a[i],
/// a[i + 1], ...: one range check).
struct Extent {
  const SCEV *start;
  int64_t step;
  unsigned bits;
  const SCEV *offset; // i64, loop-invariant
  int64_t minDelta, maxDelta, end;
};

class LoopVersioner {
public:
  LoopVersioner(Loop &loop, LoopInfo &li, DominatorTree &dt,
                ScalarEvolution &se)
      : loop(loop), li(li), dt(dt), se(se), pse(se, loop) {}

  bool run();

private:
  unsigned collectAccesses(
      function_ref<const SCEVAddRecExpr *(Instruction &, Value *)> widen);
  bool worthVersioning(unsigned size, bool dropsChecks) const;
  bool findAccesses(bool dropsChecks);
  bool findTrapOrderedAccesses();
  bool findRangedAccesses();
  std::optional<Extent> extentOf(const SCEV *offset, uint64_t bytes);
  void addExtent(const Extent &extent);
  const SCEVAddRecExpr *trapOrderedAddress(const SCEV *address);
  const SCEV *tripCount();
  Value *emitWrapCheck(const SCEV *maxTrips, LoopBoundsChecks &bounds);
  Value *emitMemory0Size(IRBuilder<> &b);
  Value *emitSizeCheck();
  Value *emitRangeCheck(const SCEV *trips);
  void version(Value *wraps);
  void rewriteAccesses();
  void makeAccessesPlain();

  Loop &loop;
  LoopInfo &li;
  DominatorTree &dt;
  ScalarEvolution &se;
  PredicatedScalarEvolution pse;
  SmallVector<Access, 8> accesses;
  LoadInst *memoryBase = nullptr; // memory 0's, for emitSizeCheck
  // findRangedAccesses: every access of memory 0 in the loop, and its extent.
  SmallVector<Instruction *, 8> memory0Accesses;
  SmallVector<Extent, 8> extents;
};

} // namespace

/// Whether memory 0's size may change while the loop runs: always for a
/// shared memory (other threads grow it); otherwise memory.grow and imported
/// functions are calls, intrinsics (memory.copy, memory.fill) and the
/// noreturn trap calls are not.
static bool mayGrowMemory(const Loop &loop) {
  const Module *m = loop.getHeader()->getModule();
  if (m->getNamedMetadata(SharedMemory0Metadata))
    return true;
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block)
      if (auto *call = dyn_cast<CallBase>(&inst))
        if (!isa<IntrinsicInst>(call) && !call->doesNotReturn())
          return true;
  return false;
}

/// The load of memory 0's base, the instance's first field, as IRGen emits
/// it; null for anything else.
static LoadInst *asMemory0Base(const SCEV *value) {
  auto *unknown = dyn_cast<SCEVUnknown>(value);
  auto *load = unknown ? dyn_cast<LoadInst>(unknown->getValue()) : nullptr;
  if (!load)
    return nullptr;
  Function *f = load->getFunction();
  return load->getType()->isPointerTy() && f->arg_size() &&
                 load->getPointerOperand() == f->getArg(0)
             ? load
             : nullptr;
}

/// For base + zext({start,+,step}) + offset, with memory 0's base, a 32-bit
/// recurrence of this loop and 0 < step < 64 KiB: the address as the 64-bit
/// {base + zext(start) + offset,+,step}, which it equals as long as the
/// recurrence has not wrapped. It cannot wrap unseen: before it does, an
/// access reaches 2^32 - step or above, out of bounds of any memory that is
/// at least 64 KiB smaller than 4 GiB, and traps (emitSizeCheck).
const SCEVAddRecExpr *LoopVersioner::trapOrderedAddress(const SCEV *address) {
  auto *sum = dyn_cast<SCEVAddExpr>(address);
  if (!sum)
    return nullptr;
  LoadInst *base = nullptr;
  const SCEVAddRecExpr *rec = nullptr;
  const SCEV *offset = nullptr;
  for (const SCEV *op : sum->operands()) {
    if (auto *constant = dyn_cast<SCEVConstant>(op)) {
      if (offset || constant->getAPInt().isNegative())
        return nullptr;
      offset = constant;
    } else if (auto *zext = dyn_cast<SCEVZeroExtendExpr>(op)) {
      if (rec)
        return nullptr;
      rec = dyn_cast<SCEVAddRecExpr>(zext->getOperand());
      if (!rec)
        return nullptr;
    } else if (LoadInst *load = asMemory0Base(op); load && !base) {
      base = load;
    } else {
      return nullptr;
    }
  }
  auto *step =
      rec ? dyn_cast<SCEVConstant>(rec->getStepRecurrence(se)) : nullptr;
  if (!base || !step || rec->getLoop() != &loop || !rec->isAffine() ||
      rec->getType()->getIntegerBitWidth() != 32 ||
      !step->getAPInt().isStrictlyPositive() ||
      step->getAPInt().uge(MaxTrapOrderedStep))
    return nullptr;
  memoryBase = base;
  Type *i64 = Type::getInt64Ty(base->getContext());
  SmallVector<const SCEV *, 3> start{
      se.getSCEV(base), se.getZeroExtendExpr(rec->getStart(), i64)};
  if (offset)
    start.push_back(offset);
  return cast<SCEVAddRecExpr>(
      se.getAddRecExpr(se.getAddExpr(start),
                       se.getConstant(i64, step->getAPInt().getZExtValue()),
                       &loop, SCEV::FlagAnyWrap));
}

/// Walks the loop's loads and stores whose address is not affine already
/// and records those that \p widen gives an affine 64-bit address. Returns
/// the number of instructions in the loop, or 0 if it has more than
/// MaxLoopInstructions.
unsigned LoopVersioner::collectAccesses(
    function_ref<const SCEVAddRecExpr *(Instruction &, Value *)> widen) {
  unsigned size = 0;
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block) {
      if (++size > MaxLoopInstructions)
        return 0;
      Value *ptr = getLoadStorePointerOperand(&inst);
      if (!ptr || isa<SCEVAddRecExpr>(se.getSCEV(ptr)))
        continue;
      if (const SCEVAddRecExpr *address = widen(inst, ptr))
        accesses.push_back({&inst, address});
    }
  return size;
}

/// What versioning saves is address arithmetic per access, and explicit
/// bounds checks; in a loop of mostly other work without checks (hash's
/// SHA-256 rounds: two loads in fifty instructions) the check and the
/// second copy cost more than that (+12 % there, from register allocation
/// across the two loops).
bool LoopVersioner::worthVersioning(unsigned size, bool dropsChecks) const {
  return size && (dropsChecks || (!accesses.empty() &&
                                  accesses.size() * MinAccessShare >= size));
}

/// In a loop that cannot grow memory: the loads and stores with a
/// trap-ordered address that run in every iteration (their block dominates
/// the latch), so that the access before a wrap is sure to have run.
bool LoopVersioner::findTrapOrderedAccesses() {
  BasicBlock *latch = loop.getLoopLatch();
  unsigned size = collectAccesses(
      [&](Instruction &inst, Value *ptr) -> const SCEVAddRecExpr * {
        return dt.dominates(inst.getParent(), latch)
                   ? trapOrderedAddress(se.getSCEV(ptr))
                   : nullptr;
      });
  return worthVersioning(size, /*dropsChecks=*/false);
}

/// The extent of an access at memory 0's base + \p offset (an i64 SCEV) of
/// \p bytes bytes: offset loop-invariant, an i64 affine recurrence of the
/// loop, or zext(an affine recurrence of at most 32 bits) plus an invariant;
/// none for any other form, and for starts not expandable in the preheader.
std::optional<Extent> LoopVersioner::extentOf(const SCEV *offset,
                                              uint64_t bytes) {
  Instruction *at = loop.getLoopPreheader()->getTerminator();
  SCEVExpander expander(se, at->getDataLayout(), "range");
  const SCEV *zero = se.getZero(offset->getType());
  auto expandable = [&](const SCEV *s) {
    return se.isLoopInvariant(s, &loop) && expander.isSafeToExpandAt(s, at);
  };
  auto fromRec = [&](const SCEVAddRecExpr *rec,
                     const SCEV *rest) -> std::optional<Extent> {
    auto *step = dyn_cast<SCEVConstant>(rec->getStepRecurrence(se));
    if (rec->getLoop() != &loop || !rec->isAffine() || !step ||
        step->getAPInt().abs().uge(MaxRangedStep) ||
        !expandable(rec->getStart()) || !expandable(rest))
      return std::nullopt;
    return Extent{rec->getStart(),
                  step->getAPInt().getSExtValue(),
                  rec->getType()->getIntegerBitWidth(),
                  rest,
                  0,
                  0,
                  int64_t(bytes)};
  };
  if (expandable(offset))
    return Extent{offset, 0, 64, zero, 0, 0, int64_t(bytes)};
  if (auto *rec = dyn_cast<SCEVAddRecExpr>(offset))
    return rec->getType()->getIntegerBitWidth() == 64 ? fromRec(rec, zero)
                                                      : std::nullopt;
  // zext({s,+,d}) + c: split the sum into the one zext and the rest.
  SmallVector<const SCEV *, 4> rest;
  const SCEVAddRecExpr *rec = nullptr;
  auto addOperand = [&](const SCEV *op) {
    auto *zext = dyn_cast<SCEVZeroExtendExpr>(op);
    auto *inner = zext ? dyn_cast<SCEVAddRecExpr>(zext->getOperand()) : nullptr;
    if (inner && !rec && inner->getType()->getIntegerBitWidth() <= 32)
      rec = inner;
    else
      rest.push_back(op);
  };
  if (auto *sum = dyn_cast<SCEVAddExpr>(offset))
    for (const SCEV *op : sum->operands())
      addOperand(op);
  else
    addOperand(offset);
  if (!rec)
    return std::nullopt;
  return fromRec(rec, rest.empty() ? zero : se.getAddExpr(rest));
}

/// Records \p extent, into an existing one whose start and offset differ
/// from its by constants (same step and width) if there is one. In bits-bit
/// arithmetic start + delta may wrap where zext(start) + delta does not:
/// emitRangeCheck's check of [0, 2^bits) then fails, so the merge is exact
/// whenever the check passes.
void LoopVersioner::addExtent(const Extent &extent) {
  auto constantDelta = [&](const SCEV *a,
                           const SCEV *b) -> std::optional<int64_t> {
    if (a->getType() != b->getType())
      return std::nullopt;
    auto *delta = dyn_cast<SCEVConstant>(se.getMinusSCEV(a, b));
    if (!delta || delta->getAPInt().getSignificantBits() > 32)
      return std::nullopt;
    return delta->getAPInt().getSExtValue();
  };
  for (Extent &into : extents) {
    if (into.step != extent.step || into.bits != extent.bits)
      continue;
    std::optional<int64_t> d = constantDelta(extent.start, into.start);
    std::optional<int64_t> c = constantDelta(extent.offset, into.offset);
    if (!d || !c)
      continue;
    into.minDelta = std::min(into.minDelta, *d);
    into.maxDelta = std::max(into.maxDelta, *d);
    into.end = std::max(into.end, *d + *c + extent.end);
    return;
  }
  extents.push_back(extent);
}

/// Whether an access whose address is not based on memory 0's base cannot
/// be one of memory 0 either: locals, runtime data (the instance argument),
/// constants. Anything else (a select or phi of addresses) may be.
static bool outsideLinearMemory(Value *ptr) {
  const Value *object = getUnderlyingObject(ptr);
  return isa<AllocaInst>(object) || isa<Argument>(object) ||
         isa<GlobalVariable>(object);
}

/// Guard mode, in a loop that cannot grow memory: whether every access of
/// memory 0 has an extent (extentOf), nothing else may touch linear memory
/// (no atomics, no memory intrinsics), and some access of memory 0 is
/// volatile (IRGen's guard-mode accesses, which keep LLVM from vectorising).
/// Records the accesses, and in `accesses` the 64-bit affine addresses of
/// those of the form zext({s,+,d}) + c.
bool LoopVersioner::findRangedAccesses() {
  const DataLayout &layout = loop.getHeader()->getDataLayout();
  unsigned size = 0;
  bool volatileAccesses = false;
  for (BasicBlock *block : loop.blocks())
    for (Instruction &inst : *block) {
      if (++size > MaxLoopInstructions || isa<AtomicRMWInst>(inst) ||
          isa<AtomicCmpXchgInst>(inst) || isa<FenceInst>(inst) ||
          isa<AnyMemIntrinsic>(inst) || inst.isAtomic())
        return false;
      Value *ptr = getLoadStorePointerOperand(&inst);
      if (!ptr)
        continue;
      const SCEV *address = se.getSCEV(ptr);
      LoadInst *base = asMemory0Base(se.getPointerBase(address));
      if (!base) {
        if (!outsideLinearMemory(ptr))
          return false;
        continue;
      }
      if (!loop.isLoopInvariant(base) || (memoryBase && base != memoryBase))
        return false;
      memoryBase = base;
      // A loop the guest compiler vectorised already gains nothing.
      if (getLoadStoreType(&inst)->isVectorTy())
        return false;
      uint64_t bytes =
          layout.getTypeStoreSize(getLoadStoreType(&inst)).getFixedValue();
      std::optional<Extent> extent =
          extentOf(se.removePointerBase(address), bytes);
      if (!extent)
        return false;
      volatileAccesses |= inst.isVolatile();
      memory0Accesses.push_back(&inst);
      addExtent(*extent);
      if (extent->bits < 64) {
        // base + zext(start) + offset, stepping by step: the address while
        // the recurrence does not wrap (emitRangeCheck).
        Type *i64 = Type::getInt64Ty(inst.getContext());
        SmallVector<const SCEV *, 3> terms{
            se.getSCEV(base), se.getZeroExtendExpr(extent->start, i64),
            extent->offset};
        const SCEV *start = se.getAddExpr(terms);
        accesses.push_back(
            {&inst, cast<SCEVAddRecExpr>(se.getAddRecExpr(
                        start, se.getConstant(i64, extent->step, true), &loop,
                        SCEV::FlagAnyWrap))});
      }
    }
  return volatileAccesses && memory0Accesses.size() * MinAccessShare >= size;
}

/// Collects the loads and stores whose address is affine only under a
/// no-wrap predicate.
bool LoopVersioner::findAccesses(bool dropsChecks) {
  unsigned size =
      collectAccesses([&](Instruction &, Value *ptr) -> const SCEVAddRecExpr * {
        const SCEVAddRecExpr *address = pse.getAsAddRec(ptr);
        return address && address->getLoop() == &loop && address->isAffine()
                   ? address
                   : nullptr;
      });
  return worthVersioning(size, dropsChecks) &&
         pse.getPredicate().getComplexity() <= MaxPredicateComplexity;
}

/// Emits, before the preheader's terminator, whether any recurrence that
/// the predicates assume not to wrap does wrap within \p maxTrips
/// iterations: for {start,+,step} of w <= 32 bits, start + step * k leaves
/// [0, 2^w) for some k <= maxTrips. Computed in i64, exact because |step| <
/// 2^31 and k is clamped to 2^32 (a larger count wraps anyway). Null if a
/// predicate is of another kind. (An upper bound of the trip count would
/// suffice, but see run().)
Value *LoopVersioner::emitWrapCheck(const SCEV *maxTrips,
                                    LoopBoundsChecks &bounds) {
  BasicBlock *preheader = loop.getLoopPreheader();
  SCEVExpander expander(se, preheader->getDataLayout(), "wrap.check");
  Instruction *at = preheader->getTerminator();
  IRBuilder<> b(at);
  Type *i64 = b.getInt64Ty();
  Value *trips = expander.expandCodeFor(maxTrips, maxTrips->getType(), at);
  trips = trips->getType()->getIntegerBitWidth() < 64
              ? b.CreateZExt(trips, i64)
              : b.CreateBinaryIntrinsic(Intrinsic::umin, trips,
                                        b.getInt64(uint64_t(1) << 32));
  Value *wraps = b.getFalse();
  const auto &preds = cast<SCEVUnionPredicate>(pse.getPredicate());
  for (const SCEVPredicate *pred : preds.getPredicates()) {
    auto *wrap = dyn_cast<SCEVWrapPredicate>(pred);
    if (!wrap || wrap->getFlags() != SCEVWrapPredicate::IncrementNUSW)
      return nullptr;
    const SCEVAddRecExpr *rec = wrap->getExpr();
    auto *step = dyn_cast<SCEVConstant>(rec->getStepRecurrence(se));
    unsigned width = rec->getType()->getIntegerBitWidth();
    if (rec->getLoop() != &loop || !step || width > 32 ||
        step->getAPInt().abs().uge(uint64_t(1) << 31))
      return nullptr;
    Value *start = b.CreateZExt(
        expander.expandCodeFor(rec->getStart(), rec->getType(), at), i64);
    int64_t stride = step->getAPInt().getSExtValue();
    Value *distance = b.CreateMul(trips, b.getInt64(std::abs(stride)));
    Value *leaves =
        stride >= 0 ? b.CreateICmpUGT(b.CreateAdd(start, distance),
                                      b.getInt64((uint64_t(1) << width) - 1))
                    : b.CreateICmpULT(start, distance);
    wraps = b.CreateOr(wraps, leaves);
  }
  // Explicit bounds checks: the copy also runs if one could fail.
  if (!bounds.empty())
    wraps =
        b.CreateOr(wraps, b.CreateNot(bounds.emitAllPass(b, expander, trips)));
  return wraps;
}

/// Whether \p block only leads to a trap: a chain of unconditional branches
/// (LoopSimplify's dedicated exits) ending in unreachable.
static bool endsInTrap(BasicBlock *block) {
  for (unsigned steps = 0; block && steps < 4; ++steps) {
    if (isa<UnreachableInst>(block->getTerminator()))
      return true;
    block = block->getSingleSuccessor();
  }
  return false;
}

/// The number of times the latch branches back, if every other exit of the
/// loop is a trap (explicit bounds checks, inlined stack checks): those do
/// not shorten a loop that runs to its end, so the latch's count bounds the
/// iterations. CouldNotCompute otherwise (searches and other early exits).
const SCEV *LoopVersioner::tripCount() {
  BasicBlock *latch = loop.getLoopLatch();
  if (!latch || !loop.isLoopExiting(latch))
    return se.getCouldNotCompute();
  SmallVector<BasicBlock *, 8> exiting;
  loop.getExitingBlocks(exiting);
  for (BasicBlock *block : exiting)
    if (block != latch)
      for (BasicBlock *next : successors(block))
        if (!loop.contains(next) && !endsInTrap(next))
          return se.getCouldNotCompute();
  return se.getExitCount(&loop, latch);
}

/// Memory 0's current size in bytes (wk_memory.size of the instance's
/// wk_memory * of memory 0), loaded with the base load's metadata (its TBAA
/// tag says "runtime data", so LICM may hoist the check).
Value *LoopVersioner::emitMemory0Size(IRBuilder<> &b) {
  Value *instance = memoryBase->getPointerOperand();
  LoadInst *memory = b.CreateAlignedLoad(
      b.getPtrTy(),
      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), instance, abi::InstanceMem0),
      Align(alignof(wk_memory *)), "memory0");
  memory->copyMetadata(*memoryBase);
  LoadInst *size = b.CreateAlignedLoad(
      b.getInt64Ty(),
      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), memory, abi::MemorySize),
      Align(alignof(uint64_t)), "memory0.size");
  size->setMetadata(LLVMContext::MD_tbaa,
                    memoryBase->getMetadata(LLVMContext::MD_tbaa));
  return size;
}

/// Whether memory 0 is too large for trapOrderedAddress.
Value *LoopVersioner::emitSizeCheck() {
  IRBuilder<> b(loop.getLoopPreheader()->getTerminator());
  return b.CreateICmpUGT(emitMemory0Size(b),
                         b.getInt64((uint64_t(1) << 32) - MaxTrapOrderedStep));
}

/// Emits, before the preheader's terminator, whether some access of memory 0
/// may leave memory 0 in iterations 0..trips, or its recurrence wrap: for
/// each extent, start + [minDelta, maxDelta] + step * k over k in
/// [0, trips] lies in [0, 2^bits), and its largest value + offset + end is
/// at most memory 0's size. All in i128, exact (|step| < 2^32,
/// trips < 2^64). Memory only grows, so what is in bounds at entry stays
/// so; the loop then cannot trap on memory, and its accesses need not be
/// volatile.
Value *LoopVersioner::emitRangeCheck(const SCEV *trips) {
  Instruction *at = loop.getLoopPreheader()->getTerminator();
  SCEVExpander expander(se, at->getDataLayout(), "range.check");
  IRBuilder<> b(at);
  Type *i128 = b.getIntNTy(128);
  auto expand = [&](const SCEV *s) {
    return b.CreateZExt(expander.expandCodeFor(s, s->getType(), at), i128);
  };
  Value *count = expand(trips);
  Value *size = b.CreateZExt(emitMemory0Size(b), i128);
  Value *fails = b.getFalse();
  auto plus = [&](Value *v, int64_t c) {
    return b.CreateAdd(v, ConstantInt::get(i128, c, /*IsSigned=*/true));
  };
  for (const Extent &extent : extents) {
    Value *first = expand(extent.start);
    Value *last = b.CreateAdd(
        first, b.CreateMul(count, ConstantInt::get(i128, extent.step, true)));
    Value *low = extent.step < 0 ? last : first;
    Value *high = extent.step < 0 ? first : last;
    fails = b.CreateOr(fails, b.CreateICmpSLT(plus(low, extent.minDelta),
                                              ConstantInt::get(i128, 0)));
    if (extent.bits < 64)
      fails = b.CreateOr(
          fails,
          b.CreateICmpSGT(
              plus(high, extent.maxDelta),
              ConstantInt::get(i128, APInt::getLowBitsSet(128, extent.bits))));
    Value *end = plus(b.CreateAdd(high, expand(extent.offset)), extent.end);
    fails = b.CreateOr(fails, b.CreateICmpSGT(end, size));
  }
  return fails;
}

bool LoopVersioner::run() {
  if (!loop.isLoopSimplifyForm() || !loop.isLCSSAForm(dt) ||
      !loop.hasDedicatedExits())
    return false;
  // Only loops that run to a count: with early exits (searches, compares,
  // string scans) the loops are mostly short and versioning costs
  // more than it saves even with the one-compare check (lz +1.5 %, strings
  // +3 % wall time); and not a small constant one (nbody's loops over five
  // bodies: +15 % instructions with the predicate check).
  const SCEV *trips = tripCount();
  if (isa<SCEVCouldNotCompute>(trips) || !trips->getType()->isIntegerTy() ||
      trips->getType()->getIntegerBitWidth() > 64)
    return false;
  if (auto *constant = dyn_cast<SCEVConstant>(trips))
    if (constant->getAPInt().ult(MinConstantTrips))
      return false;
  // Explicit bounds checks that the fast loop can do without (adds the
  // no-wrap predicates of their indices to pse).
  LoopBoundsChecks bounds(loop, pse);
  Value *wraps = nullptr;
  bool ranged = false;
  if (bounds.empty() && !mayGrowMemory(loop)) {
    // Guard mode: with every access in bounds for the whole loop, its
    // accesses need not be volatile, and LoopVectorize may vectorise it.
    ranged = findRangedAccesses();
    if (ranged) {
      wraps = emitRangeCheck(trips);
    } else {
      // One compare of memory 0's size.
      accesses.clear();
      memoryBase = nullptr;
      if (!findTrapOrderedAccesses())
        return false;
      wraps = emitSizeCheck();
    }
  } else {
    // Otherwise the no-wrap predicates over the trip count.
    if (!findAccesses(!bounds.empty()))
      return false;
    wraps = emitWrapCheck(trips, bounds);
    if (!wraps)
      return false;
  }
  version(wraps);
  rewriteAccesses();
  if (ranged)
    makeAccessesPlain();
  bounds.drop();
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
  SmallVector<BasicBlock *, 4> exits;
  loop.getUniqueExitBlocks(exits);
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
  // LCSSA: every value leaving the loop goes through a phi of an exit
  // block (dedicated to the loop), which now also has the copy's exiting
  // blocks as predecessors.
  for (BasicBlock *exit : exits)
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
  // Blocks after several exits may have had their immediate dominator in
  // the loop: recompute rather than patch.
  dt.recalculate(*check->getParent());
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

/// In the loop that runs when every access is in bounds, IRGen's volatile
/// accesses of memory 0 cannot fault: plain loads and stores, which LLVM may
/// vectorise and widen. (The copy keeps them volatile, and so traps where the
/// wasm does, with every earlier store done.)
void LoopVersioner::makeAccessesPlain() {
  for (Instruction *inst : memory0Accesses)
    if (auto *load = dyn_cast<LoadInst>(inst))
      load->setVolatile(false);
    else if (auto *store = dyn_cast<StoreInst>(inst))
      store->setVolatile(false);
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
  unsigned versioned = 0;
  for (Loop *loop : innermost)
    if (versioned < MaxVersionedLoops && LoopVersioner(*loop, li, dt, se).run())
      ++versioned;
  bool changed = versioned != 0;
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses kept;
  kept.preserve<DominatorTreeAnalysis>();
  kept.preserve<LoopAnalysis>();
  return kept;
}
