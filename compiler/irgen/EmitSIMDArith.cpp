//===- EmitSIMDArith.cpp - SIMD integer and float lane arithmetic ---------===//
//
// Lane-wise arithmetic with the spec's exact results. Integer operators use
// LLVM's generic saturating/min/max/abs/ctpop intrinsics; shifts take their
// count modulo the lane width. Float min/max are written as compares and
// selects rather than llvm.minimum/maximum so that a NaN result is always
// the canonical NaN and -0 < +0 holds at every optimisation level; pmin/pmax
// are the spec's plain "b < a ? b : a" selects.
//
//===----------------------------------------------------------------------===//

#include "EmitSIMDInternal.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::simd;

// Switch cases of both dispatchers: the operands a0/a1 seen as lanes L are
// bound to x/y for Expr.
#define BINARY(Op, L, Expr)                                                    \
  case Opcode::Op: {                                                           \
    Value *x = asLanes(b, a0, Lanes::L), *y = asLanes(b, a1, Lanes::L);        \
    return Expr;                                                               \
  }
#define UNARY(Op, L, Expr)                                                     \
  case Opcode::Op: {                                                           \
    Value *x = asLanes(b, a0, Lanes::L);                                       \
    return Expr;                                                               \
  }

static Value *binaryIntrinsic(IRBuilder<> &b, Intrinsic::ID id, Value *x,
                              Value *y) {
  return b.CreateBinaryIntrinsic(id, x, y);
}

static unsigned laneBits(Value *v) {
  return cast<FixedVectorType>(v->getType())->getScalarSizeInBits();
}

// The count is an i32 taken modulo the lane width, then splat.
static Value *shift(IRBuilder<> &b, Instruction::BinaryOps opcode, Value *x,
                    Value *count, Lanes lanes) {
  Value *v = asLanes(b, x, lanes);
  unsigned bits = laneBits(v);
  Value *amount = b.CreateAnd(count, b.getInt32(bits - 1));
  amount = b.CreateZExtOrTrunc(amount, b.getIntNTy(bits));
  auto *vecTy = cast<FixedVectorType>(v->getType());
  return b.CreateBinOp(opcode, v,
                       b.CreateVectorSplat(vecTy->getNumElements(), amount));
}

// Widening keeps the carry: (a + b + 1) >> 1 in lanes twice as wide.
static Value *roundingAverage(IRBuilder<> &b, Value *x, Value *y, Lanes lanes) {
  Value *lhs = asLanes(b, x, lanes), *rhs = asLanes(b, y, lanes);
  auto *narrowTy = cast<FixedVectorType>(lhs->getType());
  auto *wideTy = VectorType::getExtendedElementVectorType(narrowTy);
  Value *sum =
      b.CreateAdd(b.CreateZExt(lhs, wideTy), b.CreateZExt(rhs, wideTy));
  sum = b.CreateAdd(sum, ConstantInt::get(wideTy, 1));
  return b.CreateTrunc(b.CreateLShr(sum, ConstantInt::get(wideTy, 1)),
                       narrowTy);
}

// (a * b + 0x4000) >> 15, saturated: only -32768 * -32768 overflows.
static Value *q15MulRoundSat(IRBuilder<> &b, Value *x, Value *y) {
  Value *lhs = asLanes(b, x, Lanes::I16x8), *rhs = asLanes(b, y, Lanes::I16x8);
  auto *wideTy = FixedVectorType::get(b.getInt32Ty(), 8);
  Value *product =
      b.CreateMul(b.CreateSExt(lhs, wideTy), b.CreateSExt(rhs, wideTy));
  product = b.CreateAdd(product, ConstantInt::get(wideTy, 0x4000));
  product = b.CreateAShr(product, ConstantInt::get(wideTy, 15));
  product = b.CreateBinaryIntrinsic(Intrinsic::smin, product,
                                    ConstantInt::get(wideTy, 0x7fff));
  return b.CreateTrunc(product, lhs->getType());
}

Value *simd::emitIntArithOp(IRBuilder<> &b, const Instr &instr,
                            ArrayRef<Value *> args) {
  Value *a0 = args.empty() ? nullptr : args[0];
  Value *a1 = args.size() > 1 ? args[1] : nullptr;
  using BO = Instruction::BinaryOps;
  switch (instr.op) {
#define ADD_SUB_SAT(Prefix, L)                                                 \
  BINARY(Prefix##Add, L, b.CreateAdd(x, y))                                    \
  BINARY(Prefix##Sub, L, b.CreateSub(x, y))                                    \
  BINARY(Prefix##AddSatS, L, binaryIntrinsic(b, Intrinsic::sadd_sat, x, y))    \
  BINARY(Prefix##AddSatU, L, binaryIntrinsic(b, Intrinsic::uadd_sat, x, y))    \
  BINARY(Prefix##SubSatS, L, binaryIntrinsic(b, Intrinsic::ssub_sat, x, y))    \
  BINARY(Prefix##SubSatU, L, binaryIntrinsic(b, Intrinsic::usub_sat, x, y))
#define MIN_MAX(Prefix, L)                                                     \
  BINARY(Prefix##MinS, L, binaryIntrinsic(b, Intrinsic::smin, x, y))           \
  BINARY(Prefix##MinU, L, binaryIntrinsic(b, Intrinsic::umin, x, y))           \
  BINARY(Prefix##MaxS, L, binaryIntrinsic(b, Intrinsic::smax, x, y))           \
  BINARY(Prefix##MaxU, L, binaryIntrinsic(b, Intrinsic::umax, x, y))
    // abs(INT_MIN) is INT_MIN in wasm: the intrinsic's poison flag stays off.
#define ABS_NEG(Prefix, L)                                                     \
  UNARY(Prefix##Abs, L, binaryIntrinsic(b, Intrinsic::abs, x, b.getFalse()))   \
  UNARY(Prefix##Neg, L, b.CreateNeg(x))
#define SHIFTS(Prefix, L)                                                      \
  case Opcode::Prefix##Shl:                                                    \
    return shift(b, BO::Shl, a0, a1, Lanes::L);                                \
  case Opcode::Prefix##ShrS:                                                   \
    return shift(b, BO::AShr, a0, a1, Lanes::L);                               \
  case Opcode::Prefix##ShrU:                                                   \
    return shift(b, BO::LShr, a0, a1, Lanes::L);

    ADD_SUB_SAT(I8x16, I8x16)
    ADD_SUB_SAT(I16x8, I16x8)
    BINARY(I32x4Add, I32x4, b.CreateAdd(x, y))
    BINARY(I32x4Sub, I32x4, b.CreateSub(x, y))
    BINARY(I64x2Add, I64x2, b.CreateAdd(x, y))
    BINARY(I64x2Sub, I64x2, b.CreateSub(x, y))
    BINARY(I16x8Mul, I16x8, b.CreateMul(x, y))
    BINARY(I32x4Mul, I32x4, b.CreateMul(x, y))
    BINARY(I64x2Mul, I64x2, b.CreateMul(x, y))
    MIN_MAX(I8x16, I8x16)
    MIN_MAX(I16x8, I16x8)
    MIN_MAX(I32x4, I32x4)
    ABS_NEG(I8x16, I8x16)
    ABS_NEG(I16x8, I16x8)
    ABS_NEG(I32x4, I32x4)
    ABS_NEG(I64x2, I64x2)
    SHIFTS(I8x16, I8x16)
    SHIFTS(I16x8, I16x8)
    SHIFTS(I32x4, I32x4)
    SHIFTS(I64x2, I64x2)
    UNARY(I8x16Popcnt, I8x16, b.CreateUnaryIntrinsic(Intrinsic::ctpop, x))
    BINARY(I8x16AvgrU, I8x16, roundingAverage(b, x, y, Lanes::I8x16))
    BINARY(I16x8AvgrU, I16x8, roundingAverage(b, x, y, Lanes::I16x8))
    BINARY(I16x8Q15mulrSatS, I16x8, q15MulRoundSat(b, x, y))
#undef ADD_SUB_SAT
#undef MIN_MAX
#undef ABS_NEG
#undef SHIFTS
  default:
    return nullptr;
  }
}

static Constant *canonicalNaN(Type *vecTy) {
  const fltSemantics &sem = vecTy->getScalarType()->getFltSemantics();
  return ConstantFP::get(vecTy, APFloat::getQNaN(sem));
}

// Equal operands can only differ in the sign of zero: OR-ing the bits picks
// -0 for min, AND-ing picks +0 for max.
static Value *floatMinMax(IRBuilder<> &b, Value *x, Value *y, bool isMin) {
  Type *fTy = x->getType();
  Type *iTy = VectorType::getInteger(cast<VectorType>(fTy));
  Value *xi = b.CreateBitCast(x, iTy), *yi = b.CreateBitCast(y, iTy);
  Value *bits = isMin ? b.CreateOr(xi, yi) : b.CreateAnd(xi, yi);
  Value *picked = isMin ? b.CreateSelect(b.CreateFCmpOLT(x, y), x, y)
                        : b.CreateSelect(b.CreateFCmpOGT(x, y), x, y);
  Value *result =
      b.CreateSelect(b.CreateFCmpOEQ(x, y), b.CreateBitCast(bits, fTy), picked);
  return b.CreateSelect(b.CreateFCmpUNO(x, y), canonicalNaN(fTy), result);
}

Value *simd::emitFloatArithOp(IRBuilder<> &b, const Instr &instr,
                              ArrayRef<Value *> args) {
  Value *a0 = args.empty() ? nullptr : args[0];
  Value *a1 = args.size() > 1 ? args[1] : nullptr;
  switch (instr.op) {
#define FLOAT_OPS(Prefix, L)                                                   \
  BINARY(Prefix##Add, L, b.CreateFAdd(x, y))                                   \
  BINARY(Prefix##Sub, L, b.CreateFSub(x, y))                                   \
  BINARY(Prefix##Mul, L, b.CreateFMul(x, y))                                   \
  BINARY(Prefix##Div, L, b.CreateFDiv(x, y))                                   \
  BINARY(Prefix##Min, L, floatMinMax(b, x, y, true))                           \
  BINARY(Prefix##Max, L, floatMinMax(b, x, y, false))                          \
  BINARY(Prefix##Pmin, L, b.CreateSelect(b.CreateFCmpOLT(y, x), y, x))         \
  BINARY(Prefix##Pmax, L, b.CreateSelect(b.CreateFCmpOLT(x, y), y, x))         \
  UNARY(Prefix##Abs, L, b.CreateUnaryIntrinsic(Intrinsic::fabs, x))            \
  UNARY(Prefix##Neg, L, b.CreateFNeg(x))                                       \
  UNARY(Prefix##Sqrt, L, b.CreateUnaryIntrinsic(Intrinsic::sqrt, x))           \
  UNARY(Prefix##Ceil, L, b.CreateUnaryIntrinsic(Intrinsic::ceil, x))           \
  UNARY(Prefix##Floor, L, b.CreateUnaryIntrinsic(Intrinsic::floor, x))         \
  UNARY(Prefix##Trunc, L, b.CreateUnaryIntrinsic(Intrinsic::trunc, x))         \
  UNARY(Prefix##Nearest, L, b.CreateUnaryIntrinsic(Intrinsic::roundeven, x))

    FLOAT_OPS(F32x4, F32x4)
    FLOAT_OPS(F64x2, F64x2)
#undef FLOAT_OPS
#undef BINARY
#undef UNARY
  default:
    return nullptr;
  }
}
