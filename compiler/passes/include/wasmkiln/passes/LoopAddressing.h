//===- LoopAddressing.h - Wrap-free addresses in versioned loops ----------===//
//
// A wasm address is a 32-bit value: a loop walking an array computes
// base + zext(p + i) with i32 arithmetic that may wrap, so LLVM cannot use
// x86 addressing modes or one 64-bit induction variable for it, and every
// access costs an extra lea (matmul 1.46x native, bigint +16 % instructions).
// LoopAddressingPass versions such innermost loops: a check in the
// preheader selects either the loop with 64-bit pointer induction variables
// (and, in explicit mode, without the bounds checks it proved to pass) or
// an unchanged copy for the rare entry where an address could wrap.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_LOOPADDRESSING_H
#define WASMKILN_LOOPADDRESSING_H

#include "llvm/IR/PassManager.h"

namespace wasmkiln {

/// Named metadata IRGen adds to a module whose memory 0 is shared: another
/// thread may grow it while a loop without calls runs, so the one-compare
/// size check in the preheader does not decide such loops.
inline constexpr const char *SharedMemory0Metadata = "wasmkiln.memory0_shared";

class LoopAddressingPass : public llvm::PassInfoMixin<LoopAddressingPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &f,
                              llvm::FunctionAnalysisManager &fam);
};

} // namespace wasmkiln

#endif
