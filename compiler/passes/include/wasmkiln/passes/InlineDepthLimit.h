//===- InlineDepthLimit.h - Bound the inlined-at chains of locations ------===//
//
// Every instruction has a location (a wasm offset or a source line) whose
// inlinedAt chain lists the calls it was inlined through. A chain of n
// small functions, each calling the next, inlined bottom-up, makes a chain
// one longer at every step, and LLVM's inliner copies the whole chain each
// time: n^2 locations (a 100,000-function chain: 6 GiB). Run after each
// call graph SCC is simplified, before its functions are inlined into
// their callers, this pass cuts chains deeper than MaxInlineDepth to their
// innermost frames and the outermost one, so that the work stays linear.
// A backtrace shows no more frames than that anyway (WK_BACKTRACE_MAX).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_INLINEDEPTHLIMIT_H
#define WASMKILN_INLINEDEPTHLIMIT_H

#include "llvm/IR/PassManager.h"

namespace wasmkiln {

class InlineDepthLimitPass : public llvm::PassInfoMixin<InlineDepthLimitPass> {
public:
  /// Frames a location keeps at most, the function's own included.
  static constexpr unsigned MaxInlineDepth = 64;

  llvm::PreservedAnalyses run(llvm::Function &f,
                              llvm::FunctionAnalysisManager &fam);
};

} // namespace wasmkiln

#endif
