//===- BoundsCheckOpt.h - Fewer explicit bounds checks ----------*- C++ -*-===//
//
// An LLVM function pass for --bounds-checks=explicit that removes the
// bounds checks a dominating check already implies and merges the checks of
// one index in straight-line code (see BoundsCheckOpt.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_COMPILER_BOUNDSCHECKOPT_H
#define WASMKILN_COMPILER_BOUNDSCHECKOPT_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/PassManager.h"

#include <memory>

namespace llvm {
class Loop;
class PredicatedScalarEvolution;
class SCEV;
class ScalarEvolution;
class SCEVExpander;
} // namespace llvm

namespace wasmkiln {

/// Named metadata IRGen adds to a module with explicit bounds checks: one
/// operand !{i64 offset} per instance field that holds a wk_memory pointer.
/// Its presence turns the pass on; the offsets let the pass recognise the
/// loads of a memory's size (wk_memory.size), which never decreases.
inline constexpr const char *MemorySlotsMetadata = "wasmkiln.memory_slots";

class BoundsCheckOptPass : public llvm::PassInfoMixin<BoundsCheckOptPass> {
public:
  /// \p memorySlots: the instance offsets of wk_memory pointers.
  explicit BoundsCheckOptPass(llvm::SmallVector<uint64_t, 4> memorySlots)
      : memorySlots(std::move(memorySlots)) {}
  llvm::PreservedAnalyses run(llvm::Function &f,
                              llvm::FunctionAnalysisManager &fam);

  /// The offsets listed in \p module's MemorySlotsMetadata; empty if none.
  static llvm::SmallVector<uint64_t, 4> memorySlotsOf(const llvm::Module &m);

private:
  llvm::SmallVector<uint64_t, 4> memorySlots;
};

/// For a loop versioner (LoopAddressing): the bounds checks of a loop whose
/// index is loop-invariant or an affine recurrence of the loop (under
/// no-wrap predicates it adds to the versioner's PredicatedScalarEvolution).
/// The versioner adds "not all in bounds" to the condition that selects the
/// unchanged copy, and the checks are dropped from the fast loop. A check
/// of zext(index) + need <= size passes in all of iterations 0..maxTrips if
/// the largest index does so against the size read in the preheader: the
/// size never shrinks, even if the loop calls memory.grow.
class LoopBoundsChecks {
public:
  /// Use before the versioner emits the checks of its wrap predicates.
  LoopBoundsChecks(llvm::Loop &loop, llvm::PredicatedScalarEvolution &pse);
  LoopBoundsChecks(LoopBoundsChecks &&);
  ~LoopBoundsChecks();
  /// Whether the loop has checks to drop.
  bool empty() const;
  /// Emits with \p b (at the preheader's end) whether all the checks pass
  /// in iterations 0..maxTrips; \p maxTrips (i64) is at most 2^32.
  llvm::Value *emitAllPass(llvm::IRBuilder<> &b, llvm::SCEVExpander &expander,
                           llvm::Value *maxTrips);
  /// In the loop selected when emitAllPass was true: the checks pass.
  void drop();

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace wasmkiln

#endif
