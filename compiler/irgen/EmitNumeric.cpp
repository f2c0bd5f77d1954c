//===- EmitNumeric.cpp - Integer and float operators ----------------------===//
//
// One line per operator, for both widths at once where the lowering is
// width-generic. Everything here is free of undefined behaviour and poison
// in LLVM's terms: divisions are guarded by traps (and rem_s by a safe
// divisor), shift counts are masked, clz/ctz are defined at zero.
//
// Float NaN results must be quiet. The hardware quiets signalling NaNs, but
// LLVM folds x*1, x/1, x+(-0), x-0, -0-x, x*-1 and x/-1 into x or -x, and
// an operation with a constant NaN operand into that constant (unquieted,
// see propagateNaN in InstructionSimplify), either of which would pass a
// signalling NaN through. (min/max are expanded by hand, quieting their NaN
// results; see minMax.) So arithmetic quiets its result when an operand is a
// constant that makes such a fold possible (zeros, ones and NaNs known at
// emission time). A constant that only appears after optimisation (through a
// local, or by inlining) is not seen: the documented limit of this cheap fix,
// which costs nothing in code without such constants.
//
//===----------------------------------------------------------------------===//

#include "EmitScalarInternal.h"

#include "wasmkiln/runtime.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

Value *toI32(IRBuilder<> &b, Value *flag) {
  return b.CreateZExt(flag, b.getInt32Ty());
}

Value *icmp(IRBuilder<> &b, CmpInst::Predicate pred, Value *x, Value *y) {
  return toI32(b, b.CreateICmp(pred, x, y));
}

Value *fcmp(IRBuilder<> &b, CmpInst::Predicate pred, Value *x, Value *y) {
  return toI32(b, b.CreateFCmp(pred, x, y));
}

Value *zeroOf(Value *x) { return Constant::getNullValue(x->getType()); }

Value *countZeros(IRBuilder<> &b, Intrinsic::ID id, Value *x) {
  // is_zero_poison = false: clz/ctz of 0 is the width.
  return b.CreateBinaryIntrinsic(id, x, b.getFalse());
}

// Shift counts are taken modulo the width, as LLVM's shifts by >= width are
// poison.
Value *shiftCount(IRBuilder<> &b, Value *count) {
  unsigned bits = count->getType()->getIntegerBitWidth();
  return b.CreateAnd(count, ConstantInt::get(count->getType(), bits - 1));
}

// fshl/fshr take the count modulo the width themselves.
Value *rotate(IRBuilder<> &b, Intrinsic::ID id, Value *x, Value *count) {
  return b.CreateIntrinsic(id, {x->getType()}, {x, x, count});
}

void trapOnZero(IRBuilder<> &b, Value *divisor, TrapSink &traps) {
  traps.trapIf(b.CreateICmpEQ(divisor, zeroOf(divisor)), WK_TRAP_INT_DIV_ZERO);
}

Value *isMinByMinusOne(IRBuilder<> &b, Value *x, Value *y) {
  auto *ty = cast<IntegerType>(x->getType());
  Value *isMin = b.CreateICmpEQ(
      x, ConstantInt::get(ty, APInt::getSignedMinValue(ty->getBitWidth())));
  return b.CreateAnd(isMin, b.CreateICmpEQ(y, Constant::getAllOnesValue(ty)));
}

Value *divS(IRBuilder<> &b, Value *x, Value *y, TrapSink &traps) {
  trapOnZero(b, y, traps);
  traps.trapIf(isMinByMinusOne(b, x, y), WK_TRAP_INT_OVERFLOW);
  return b.CreateSDiv(x, y);
}

Value *divU(IRBuilder<> &b, Value *x, Value *y, TrapSink &traps) {
  trapOnZero(b, y, traps);
  return b.CreateUDiv(x, y);
}

Value *remS(IRBuilder<> &b, Value *x, Value *y, TrapSink &traps) {
  trapOnZero(b, y, traps);
  // INT_MIN srem -1 is undefined in LLVM, and x rem -1 is 0 for every x,
  // as is x rem 1: divide by 1 instead of -1.
  Value *minusOne = Constant::getAllOnesValue(y->getType());
  Value *safe = b.CreateSelect(b.CreateICmpEQ(y, minusOne),
                               ConstantInt::get(y->getType(), 1), y);
  return b.CreateSRem(x, safe);
}

Value *remU(IRBuilder<> &b, Value *x, Value *y, TrapSink &traps) {
  trapOnZero(b, y, traps);
  return b.CreateURem(x, y);
}

Value *signExtend(IRBuilder<> &b, Value *x, unsigned fromBits) {
  return b.CreateSExt(b.CreateTrunc(x, b.getIntNTy(fromBits)), x->getType());
}

Value *emitSignExtension(IRBuilder<> &b, Opcode op, Value *x) {
  switch (op) {
    WK_SCALAR_CASE(I32Extend8S) return signExtend(b, x, 8);
    WK_SCALAR_CASE(I32Extend16S) return signExtend(b, x, 16);
    WK_SCALAR_CASE(I64Extend8S) return signExtend(b, x, 8);
    WK_SCALAR_CASE(I64Extend16S) return signExtend(b, x, 16);
    WK_SCALAR_CASE(I64Extend32S) return signExtend(b, x, 32);
  default:
    return nullptr;
  }
}

// True when \p v is a constant with which LLVM may fold an arithmetic
// operation into its other operand or that operand's negation.
bool enablesIdentityFold(Value *v) {
  auto *c = dyn_cast<ConstantFP>(v);
  if (!c)
    return false;
  const APFloat &f = c->getValueAPF();
  return f.isZero() || f.isNaN() || f.isExactlyValue(1.0) ||
         f.isExactlyValue(-1.0);
}

Value *arith(IRBuilder<> &b, Instruction::BinaryOps opc, Value *x, Value *y) {
  Value *result = b.CreateBinOp(opc, x, y);
  if (enablesIdentityFold(x) || enablesIdentityFold(y))
    return scalar::quietNaN(b, result);
  return result;
}

Value *bitsOf(IRBuilder<> &b, Value *x) {
  return b.CreateBitCast(x,
                         b.getIntNTy(x->getType()->getPrimitiveSizeInBits()));
}

// wasm min/max, branch-free: a NaN operand gives that NaN quieted (the first
// one if both are NaN); equal operands combine their bits, which orders
// -0 < +0 (or for min, and for max); otherwise the ordered comparison picks.
// (llvm.minimum/maximum would do, but their x86 lowering branches on the
// operands' signs and passes signalling NaNs through.)
Value *minMax(IRBuilder<> &b, Value *x, Value *y, bool isMin) {
  Type *floatTy = x->getType();
  Value *xBits = bitsOf(b, x), *yBits = bitsOf(b, y);
  Value *nanBits = b.CreateSelect(b.CreateFCmpUNO(x, x), xBits, yBits);
  unsigned quietBit = floatTy->isFloatTy() ? 22 : 51;
  nanBits =
      b.CreateOr(nanBits, APInt::getOneBitSet(floatTy->getPrimitiveSizeInBits(),
                                              quietBit));
  Value *equalBits =
      isMin ? b.CreateOr(xBits, yBits) : b.CreateAnd(xBits, yBits);
  Value *picked = b.CreateSelect(
      isMin ? b.CreateFCmpOLT(x, y) : b.CreateFCmpOGT(x, y), x, y);
  Value *ordered = b.CreateSelect(b.CreateFCmpOEQ(x, y),
                                  b.CreateBitCast(equalBits, floatTy), picked);
  return b.CreateSelect(b.CreateFCmpUNO(x, y),
                        b.CreateBitCast(nanBits, floatTy), ordered);
}

} // namespace

Value *scalar::emitIntegerOp(IRBuilder<> &b, Opcode op, ArrayRef<Value *> args,
                             TrapSink &traps) {
  Value *x = args[0];
  Value *y = args.size() > 1 ? args[1] : nullptr;
  using P = CmpInst::Predicate;
  switch (op) {
#define INT_OP(Name, Expr)                                                     \
  WK_SCALAR_CASE(I32##Name) WK_SCALAR_CASE(I64##Name) return Expr;
    INT_OP(Eqz, icmp(b, P::ICMP_EQ, x, zeroOf(x)))
    INT_OP(Eq, icmp(b, P::ICMP_EQ, x, y))
    INT_OP(Ne, icmp(b, P::ICMP_NE, x, y))
    INT_OP(LtS, icmp(b, P::ICMP_SLT, x, y))
    INT_OP(LtU, icmp(b, P::ICMP_ULT, x, y))
    INT_OP(GtS, icmp(b, P::ICMP_SGT, x, y))
    INT_OP(GtU, icmp(b, P::ICMP_UGT, x, y))
    INT_OP(LeS, icmp(b, P::ICMP_SLE, x, y))
    INT_OP(LeU, icmp(b, P::ICMP_ULE, x, y))
    INT_OP(GeS, icmp(b, P::ICMP_SGE, x, y))
    INT_OP(GeU, icmp(b, P::ICMP_UGE, x, y))
    INT_OP(Clz, countZeros(b, Intrinsic::ctlz, x))
    INT_OP(Ctz, countZeros(b, Intrinsic::cttz, x))
    INT_OP(Popcnt, b.CreateUnaryIntrinsic(Intrinsic::ctpop, x))
    INT_OP(Add, b.CreateAdd(x, y))
    INT_OP(Sub, b.CreateSub(x, y))
    INT_OP(Mul, b.CreateMul(x, y))
    INT_OP(DivS, divS(b, x, y, traps))
    INT_OP(DivU, divU(b, x, y, traps))
    INT_OP(RemS, remS(b, x, y, traps))
    INT_OP(RemU, remU(b, x, y, traps))
    INT_OP(And, b.CreateAnd(x, y))
    INT_OP(Or, b.CreateOr(x, y))
    INT_OP(Xor, b.CreateXor(x, y))
    INT_OP(Shl, b.CreateShl(x, shiftCount(b, y)))
    INT_OP(ShrS, b.CreateAShr(x, shiftCount(b, y)))
    INT_OP(ShrU, b.CreateLShr(x, shiftCount(b, y)))
    INT_OP(Rotl, rotate(b, Intrinsic::fshl, x, y))
    INT_OP(Rotr, rotate(b, Intrinsic::fshr, x, y))
#undef INT_OP
  default:
    return emitSignExtension(b, op, x);
  }
}

Value *scalar::emitFloatOp(IRBuilder<> &b, Opcode op, ArrayRef<Value *> args) {
  Value *x = args[0];
  Value *y = args.size() > 1 ? args[1] : nullptr;
  using P = CmpInst::Predicate;
  using BO = Instruction::BinaryOps;
  switch (op) {
#define FLOAT_OP(Name, Expr)                                                   \
  WK_SCALAR_CASE(F32##Name) WK_SCALAR_CASE(F64##Name) return Expr;
    FLOAT_OP(Eq, fcmp(b, P::FCMP_OEQ, x, y))
    FLOAT_OP(Ne, fcmp(b, P::FCMP_UNE, x, y))
    FLOAT_OP(Lt, fcmp(b, P::FCMP_OLT, x, y))
    FLOAT_OP(Gt, fcmp(b, P::FCMP_OGT, x, y))
    FLOAT_OP(Le, fcmp(b, P::FCMP_OLE, x, y))
    FLOAT_OP(Ge, fcmp(b, P::FCMP_OGE, x, y))
    // abs, neg and copysign only touch the sign bit, NaN payload included.
    FLOAT_OP(Abs, b.CreateUnaryIntrinsic(Intrinsic::fabs, x))
    FLOAT_OP(Neg, b.CreateFNeg(x))
    FLOAT_OP(Copysign, b.CreateBinaryIntrinsic(Intrinsic::copysign, x, y))
    FLOAT_OP(Ceil, b.CreateUnaryIntrinsic(Intrinsic::ceil, x))
    FLOAT_OP(Floor, b.CreateUnaryIntrinsic(Intrinsic::floor, x))
    FLOAT_OP(Trunc, b.CreateUnaryIntrinsic(Intrinsic::trunc, x))
    FLOAT_OP(Nearest, b.CreateUnaryIntrinsic(Intrinsic::roundeven, x))
    FLOAT_OP(Sqrt, b.CreateUnaryIntrinsic(Intrinsic::sqrt, x))
    FLOAT_OP(Add, arith(b, BO::FAdd, x, y))
    FLOAT_OP(Sub, arith(b, BO::FSub, x, y))
    FLOAT_OP(Mul, arith(b, BO::FMul, x, y))
    FLOAT_OP(Div, arith(b, BO::FDiv, x, y))
    FLOAT_OP(Min, minMax(b, x, y, /*isMin=*/true))
    FLOAT_OP(Max, minMax(b, x, y, /*isMin=*/false))
#undef FLOAT_OP
  default:
    return nullptr;
  }
}
