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

#include <cstddef>

using namespace llvm;
using namespace wasmkiln;

BasicBlock *InterruptChecker::getTrapBlock() {
  bool firstSite = !trapBlock;
  if (firstSite) {
    auto callee = WK_RUNTIME_FN(wk_trap_interrupt);
    trapBlock = env.createTrapCall(
        "interrupted", callee, {func->getArg(0), mg.getString(displayName)});
    if (Function *f = mg.ir.getFunction(callee.name))
      f->addFnAttr(Attribute::Cold);
  }
  env.attributeTrapSite(trapBlock, firstSite);
  return trapBlock;
}

void InterruptChecker::emitCheck() {
  InterruptChecks kind = mg.options.interruptChecks;
  if (kind == InterruptChecks::None)
    return;
  LoadInst *flag =
      b.CreateAlignedLoad(b.getInt32Ty(), env.fieldPtr(abi::InstanceInterrupt),
                          Align(4), "interrupt");
  flag->setAtomic(AtomicOrdering::Monotonic);
  Value *stop = b.CreateICmpNE(flag, b.getInt32(0));
  if (kind == InterruptChecks::Fuel) {
    Value *fuelPtr = env.fieldPtr(abi::InstanceFuel);
    Value *fuel = b.CreateLoad(b.getInt64Ty(), fuelPtr, "fuel");
    Value *left = b.CreateSub(fuel, b.getInt64(1));
    b.CreateStore(left, fuelPtr);
    stop = b.CreateOr(stop, b.CreateICmpSLT(left, b.getInt64(0)));
  }
  env.branchToTrapIf(
      stop, [&] { return getTrapBlock(); }, "checked");
}
