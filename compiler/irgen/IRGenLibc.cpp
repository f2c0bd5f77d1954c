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
  Value *dst = params[0], *n = params[2];
  Value *applies = rangeInBounds(0, dst, n);
  if (routine != LibcRoutine::Memset) {
    Value *src = params[1];
    applies = b.CreateAnd(applies, rangeInBounds(0, src, n));
    if (routine == LibcRoutine::Memcpy) {
      Type *i64 = b.getInt64Ty();
      Value *d = b.CreateZExt(dst, i64), *s = b.CreateZExt(src, i64),
            *n64 = b.CreateZExt(n, i64);
      applies = b.CreateAnd(
          applies, b.CreateOr(b.CreateICmpULE(b.CreateAdd(d, n64), s),
                              b.CreateICmpULE(b.CreateAdd(s, n64), d)));
    }
  }
  BasicBlock *fast = BasicBlock::Create(mg.ctx, "libc.fast", func);
  BasicBlock *slow = BasicBlock::Create(mg.ctx, "libc.body", func);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(applies, fast, slow, md.createLikelyBranchWeights());
  b.SetInsertPoint(fast);
  Value *base = memoryBase(0);
  Type *i8 = b.getInt8Ty();
  Value *to = b.CreateGEP(i8, base, b.CreateZExt(dst, b.getInt64Ty()));
  Value *n64 = b.CreateZExt(n, b.getInt64Ty());
  CallInst *call = nullptr;
  if (routine == LibcRoutine::Memset) {
    call = b.CreateMemSet(to, b.CreateTrunc(params[1], i8), n64, MaybeAlign(1));
  } else {
    Value *from =
        b.CreateGEP(i8, base, b.CreateZExt(params[1], b.getInt64Ty()));
    call = routine == LibcRoutine::Memcpy
               ? b.CreateMemCpy(to, MaybeAlign(1), from, MaybeAlign(1), n64)
               : b.CreateMemMove(to, MaybeAlign(1), from, MaybeAlign(1), n64);
  }
  call->setMetadata(LLVMContext::MD_tbaa, mg.tbaaMemory);
  if (returnsDest)
    b.CreateRet(dst);
  else
    b.CreateRetVoid();
  b.SetInsertPoint(slow);
}
