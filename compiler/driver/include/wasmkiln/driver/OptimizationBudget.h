//===- OptimizationBudget.h - Which functions LLVM may optimise -*- C++ -*-===//
//
// LLVM's -O2 pipeline is superlinear in some shapes of one function: in its
// length (GVN, DSE, SLP and the register allocator over long blocks), in its
// memory accesses with explicit bounds checks (every check compares with the
// same memory size, and InstCombine looks at all of them for each), in the
// depth of a loop nest (every level's loop passes see the whole nest) and,
// for memory, in its locals. A hostile module of 1 MB took minutes and
// gigabytes (issue 26; docs/reliability.md, "Compile-time bounds"). Functions
// over the budget are compiled as at -O0, linear in their size, in a part of
// their own (planParts); every other function is optimised as asked.
//
// The budget is per module, in estimated milliseconds of optimisation: an
// upper bound calibrated on the worst shapes of test/fuzz/gen_shapes.py, so
// that the optimised functions of any module cost at most about
// ModuleOptimizationBudget. Real programs stay far below it: sqlite3.wasm
// (2,654 functions, 39 KB the largest) is estimated at 6 s in guard mode and
// 23 s in explicit mode, every function optimised.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_DRIVER_OPTIMIZATIONBUDGET_H
#define WASMKILN_DRIVER_OPTIMIZATIONBUDGET_H

#include "wasmkiln/wasm/Module.h"

#include <cstdint>
#include <vector>

namespace wasmkiln {

/// Deepest loop nest that is optimised.
constexpr unsigned MaxOptimizedLoopDepth = 32;
/// Most locals of an optimised function: 12,500 used locals took 2.7 GB.
constexpr uint64_t MaxOptimizedLocals = 4096;
/// The estimated cost (ms) the optimised functions of a module may add up to.
constexpr uint64_t ModuleOptimizationBudget = 30000;
/// Functions estimated below this (ms) are optimised whatever the total.
constexpr uint64_t CheapFunctionCost = 100;

/// The estimated cost (ms of CPU) of optimising a function of \p codeBytes
/// bytes of code with \p accesses memory instructions: 5.7 * KB^1.6 (a
/// straight-line run of global updates), and with explicit checks at least
/// accesses^2 / 575 (one block of checked loads).
uint64_t estimatedOptimizationCost(uint64_t codeBytes, uint64_t accesses,
                                   bool explicitChecks);

/// For every defined function (index minus the imported ones), whether it
/// is compiled as at -O0: loops nested deeper than MaxOptimizedLoopDepth,
/// more than MaxOptimizedLocals locals, or, in function order, a cost of at
/// least CheapFunctionCost that would take the module's total over
/// ModuleOptimizationBudget.
std::vector<bool> unoptimizedFunctions(const Module &wasm, bool explicitChecks);

} // namespace wasmkiln

#endif
