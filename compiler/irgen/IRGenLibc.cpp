//===- IRGenLibc.cpp - Native fast paths of wasi-libc routines ------------===//
//
// See LibcRoutines.h. The fast path applies only where the routine's wasm
// body gives the same bytes as LLVM's intrinsic and traps nowhere: every
// byte in bounds, and for musl's memcpy (whose word copies give a
// particular result on overlap) disjoint ranges. n = 0 touches nothing in
// either, so it needs no case of its own.
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace wasmkiln;

void FuncEnv::emitLibcFastPath(LibcRoutine routine, ArrayRef<Value *> params,
                               bool returnsDest) {
  Type *i64 = b.getInt64Ty(), *i8 = b.getInt8Ty();
  Value *dst = b.CreateZExt(params[0], i64), *n = b.CreateZExt(params[2], i64);
  Value *src =
      routine == LibcRoutine::Memset ? nullptr : b.CreateZExt(params[1], i64);
  Value *fails = rangeOutOfBounds(0, dst, n);
  if (src)
    fails = b.CreateOr(fails, rangeOutOfBounds(0, src, n));
  if (routine == LibcRoutine::Memcpy)
    fails = b.CreateOr(fails,
                       b.CreateAnd(b.CreateICmpUGT(b.CreateAdd(dst, n), src),
                                   b.CreateICmpUGT(b.CreateAdd(src, n), dst)));
  BasicBlock *fast = BasicBlock::Create(mg.ctx, "libc.fast", func);
  BasicBlock *slow = BasicBlock::Create(mg.ctx, "libc.body", func);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(fails, slow, fast, md.createUnlikelyBranchWeights());
  b.SetInsertPoint(fast);
  Value *base = memoryBase(0);
  Value *to = b.CreateGEP(i8, base, dst);
  Value *from = src ? b.CreateGEP(i8, base, src) : nullptr;
  CallInst *call =
      routine == LibcRoutine::Memset
          ? b.CreateMemSet(to, b.CreateTrunc(params[1], i8), n, MaybeAlign(1))
      : routine == LibcRoutine::Memcpy
          ? b.CreateMemCpy(to, MaybeAlign(1), from, MaybeAlign(1), n)
          : b.CreateMemMove(to, MaybeAlign(1), from, MaybeAlign(1), n);
  call->setMetadata(LLVMContext::MD_tbaa, mg.tbaaMemory);
  if (returnsDest)
    b.CreateRet(params[0]);
  else
    b.CreateRetVoid();
  b.SetInsertPoint(slow);
}
