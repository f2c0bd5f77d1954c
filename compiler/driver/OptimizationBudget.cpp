//===- OptimizationBudget.cpp - Which functions LLVM may optimise ---------===//
//
// One read of each body for its loop depth and memory accesses; the
// estimate and the module's running total decide (OptimizationBudget.h).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/OptimizationBudget.h"
#include "wasmkiln/wasm/BodyReader.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cmath>

using namespace llvm;
using namespace wasmkiln;

namespace {
/// What a function's cost depends on besides its size.
struct BodyShape {
  unsigned loopDepth = 0; // the deepest nesting of loops
  uint64_t accesses = 0;  // loads, stores and other memory instructions
};
} // namespace

/// The shape of \p body; the scan stops once its loops nest too deep.
static BodyShape shapeOf(const FunctionBody &body) {
  SmallVector<bool, 32> isLoop; // the open blocks
  unsigned loops = 0;
  BodyShape shape;
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  while (!reader.atEnd() && shape.loopDepth <= MaxOptimizedLoopDepth) {
    if (Error err = reader.next(instr)) {
      consumeError(std::move(err)); // IR generation reports it
      break;
    }
    if (instr.op == Opcode::Block || instr.op == Opcode::If ||
        instr.op == Opcode::Loop) {
      isLoop.push_back(instr.op == Opcode::Loop);
      loops += isLoop.back();
      shape.loopDepth = std::max(shape.loopDepth, loops);
    } else if (instr.op == Opcode::End && !isLoop.empty()) {
      loops -= isLoop.pop_back_val();
    } else if (getMemoryAccessWidth(instr.op)) {
      ++shape.accesses;
    }
  }
  return shape;
}

uint64_t wasmkiln::estimatedOptimizationCost(uint64_t codeBytes,
                                             uint64_t accesses,
                                             bool explicitChecks) {
  // Fitted to gen_shapes.py's globals-rmw (38 KB: 2.0 s, 137 KB: 13.4 s,
  // 267 KB: 43 s) and loads-offset (1,000 checked loads: 1.7 s).
  double cost = 5.7 * std::pow(double(codeBytes) / 1000, 1.6);
  if (explicitChecks)
    cost = std::max(cost, double(accesses) * double(accesses) / 575);
  return cost >= 1e18 ? UINT64_MAX : uint64_t(cost);
}

std::vector<bool> wasmkiln::unoptimizedFunctions(const Module &wasm,
                                                 bool explicitChecks) {
  uint32_t first = wasm.numImportedFuncs;
  std::vector<bool> unoptimized(wasm.funcs.size() - first);
  uint64_t total = 0;
  for (uint32_t i = first; i < wasm.funcs.size(); ++i) {
    const FunctionBody &body = wasm.body(i);
    BodyShape shape = shapeOf(body);
    uint64_t cost = estimatedOptimizationCost(body.code.size(), shape.accesses,
                                              explicitChecks);
    // total never exceeds the budget, so the subtraction cannot wrap.
    bool tooCostly = cost >= CheapFunctionCost &&
                     cost > ModuleOptimizationBudget - total;
    if (shape.loopDepth > MaxOptimizedLoopDepth ||
        body.numLocals > MaxOptimizedLocals || tooCostly) {
      unoptimized[i - first] = true;
      continue;
    }
    if (cost >= CheapFunctionCost)
      total += cost;
  }
  return unoptimized;
}
