//===- IRGenFuel.h - Interrupt and fuel checks ------------------*- C++ -*-===//
//
// Code compiled with --timeout or --fuel (IRGenOptions::interruptChecks)
// tests the instance's interrupt flag, and with --fuel decrements its fuel,
// at every function entry and loop header, so that a host can stop runaway
// code with a trap. Without the options nothing is emitted.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_IRGENFUEL_H
#define WASMKILN_IRGENFUEL_H

#include "IRGenInternal.h"

namespace wasmkiln {

/// Emits the checks of one function; they share one cold block that calls
/// wk_trap_interrupt.
class InterruptChecker {
public:
  InterruptChecker(ModuleGen &mg, FuncEnv &env, llvm::IRBuilder<> &b,
                   llvm::Function *func, llvm::StringRef displayName)
      : mg(mg), env(env), b(b), func(func), displayName(displayName) {}

  /// At the builder's insertion point (after any phis): the check, after
  /// which the builder continues in a new block. Nothing without the option.
  void emitCheck();

private:
  llvm::BasicBlock *getTrapBlock();

  ModuleGen &mg;
  FuncEnv &env;
  llvm::IRBuilder<> &b;
  llvm::Function *func;
  llvm::StringRef displayName;
  llvm::BasicBlock *trapBlock = nullptr;
};

} // namespace wasmkiln

#endif
