//===- IRGenFuel.cpp - Interrupt and fuel checks --------------------------===//
//
// The check at a function entry or loop header (docs/abi.md, wk_instance):
//
//   fuel checks:       f = load fuel; store f - 1, fuel     (plain: only the
//                      running thread writes it, LLVM may keep it in a
//                      register inside a loop without calls)
//   both kinds:        i = load atomic monotonic interrupt  (written by
//                      timer threads and signal handlers; never hoisted)
//                      if (f - 1 < 0 | i != 0) wk_trap_interrupt(...)
//
// The flag is a separate word from the fuel, so that an interrupt is never
// lost to the load-decrement-store of the running thread. The runtime picks
// the trap kind (out of fuel, interrupted, timeout) from the flag.
//
//===----------------------------------------------------------------------===//

#include "IRGenFuel.h"

#include "wasmkiln/runtime.h"

#include "llvm/IR/MDBuilder.h"

#include <cstddef>

using namespace llvm;
using namespace wasmkiln;

static_assert(offsetof(wk_instance, interrupt) == 56 &&
                  offsetof(wk_instance, fuel) == 64,
              "IRGenFuel.cpp emits these offsets");

BasicBlock *InterruptChecker::getTrapBlock() {
  if (trapBlock)
    return trapBlock;
  trapBlock = BasicBlock::Create(mg.ctx, "interrupted", func);
  IRBuilder<> tb(trapBlock);
  FunctionCallee trapFn = mg.getRuntimeFunction(
      "wk_trap_interrupt",
      FunctionType::get(tb.getVoidTy(), {mg.ptrType(), mg.ptrType()}, false));
  if (auto *f = dyn_cast<Function>(trapFn.getCallee())) {
    f->setDoesNotReturn();
    f->setDoesNotThrow();
    f->addFnAttr(Attribute::Cold);
  }
  CallInst *call =
      tb.CreateCall(trapFn, {func->getArg(0), mg.getString(displayName)});
  call->setDoesNotReturn();
  tb.CreateUnreachable();
  return trapBlock;
}

void InterruptChecker::emitCheck() {
  InterruptChecks kind = mg.options.interruptChecks;
  if (kind == InterruptChecks::None)
    return;
  Value *instance = func->getArg(0);
  auto field = [&](uint64_t offset) {
    return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), instance, offset);
  };
  LoadInst *flag = b.CreateAlignedLoad(b.getInt32Ty(),
                                       field(offsetof(wk_instance, interrupt)),
                                       Align(4), "interrupt");
  flag->setAtomic(AtomicOrdering::Monotonic);
  Value *stop = b.CreateICmpNE(flag, b.getInt32(0));
  if (kind == InterruptChecks::Fuel) {
    Value *fuelPtr = field(offsetof(wk_instance, fuel));
    Value *fuel = b.CreateLoad(b.getInt64Ty(), fuelPtr, "fuel");
    Value *left = b.CreateSub(fuel, b.getInt64(1));
    b.CreateStore(left, fuelPtr);
    stop = b.CreateOr(stop, b.CreateICmpSLT(left, b.getInt64(0)));
  }
  BasicBlock *cont = BasicBlock::Create(mg.ctx, "checked", func);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(stop, getTrapBlock(), cont, md.createUnlikelyBranchWeights());
  b.SetInsertPoint(cont);
}
