//===- EmitWideArith.cpp - Wide arithmetic (i64.add128 and friends) -------===//
//
// The wide-arithmetic operators take and yield 128-bit integers as two i64
// halves (low half first). They are written as i128 arithmetic, which the
// back ends lower to their carry and wide-multiply forms (x86-64: add/adc,
// sub/sbb, one-operand mul/imul; aarch64: adds/adcs, mul + umulh/smulh).
//
//===----------------------------------------------------------------------===//

#include "Emit.h"

using namespace llvm;
using namespace wasmkiln;

bool wasmkiln::isWideArithOp(Opcode op) {
  return getOpcodeInfo(op).feature == Feature::WideArith;
}

static Value *joinHalves(IRBuilder<> &b, Value *lo, Value *hi) {
  Type *i128 = b.getInt128Ty();
  return b.CreateOr(b.CreateZExt(lo, i128),
                    b.CreateShl(b.CreateZExt(hi, i128), 64));
}

static void splitHalves(IRBuilder<> &b, Value *wide,
                        SmallVectorImpl<Value *> &out) {
  out.push_back(b.CreateTrunc(wide, b.getInt64Ty()));
  out.push_back(b.CreateTrunc(b.CreateLShr(wide, 64), b.getInt64Ty()));
}

void wasmkiln::emitWideArithOp(IRBuilder<> &b, Opcode op,
                               ArrayRef<Value *> args,
                               SmallVectorImpl<Value *> &out) {
  assert(isWideArithOp(op) && "not a wide-arithmetic operator");
  Type *i128 = b.getInt128Ty();
  Value *result = nullptr;
  switch (op) {
  case Opcode::I64Add128:
    result = b.CreateAdd(joinHalves(b, args[0], args[1]),
                         joinHalves(b, args[2], args[3]));
    break;
  case Opcode::I64Sub128:
    result = b.CreateSub(joinHalves(b, args[0], args[1]),
                         joinHalves(b, args[2], args[3]));
    break;
  case Opcode::I64MulWideS:
    result =
        b.CreateMul(b.CreateSExt(args[0], i128), b.CreateSExt(args[1], i128));
    break;
  case Opcode::I64MulWideU:
    result =
        b.CreateMul(b.CreateZExt(args[0], i128), b.CreateZExt(args[1], i128));
    break;
  default:
    llvm_unreachable("wide-arithmetic operator without an emitter");
  }
  splitHalves(b, result, out);
}
