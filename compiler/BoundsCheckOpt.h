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
#include "llvm/IR/PassManager.h"

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

} // namespace wasmkiln

#endif
