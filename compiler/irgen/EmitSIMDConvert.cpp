//===- EmitSIMDConvert.cpp - SIMD lane width and type conversions ---------===//
//
// Operators whose result lanes differ from their operand lanes: saturating
// narrowing, widening (extend, extadd_pairwise, extmul, dot) and the
// int/float conversions. Widening is written as half-vector shuffles
// followed by sext/zext, which the x86 back end matches as pmovsx/punpck and
// pmaddwd; narrowing as clamp + trunc (packss/packus). The trunc_sat forms
// clamp before converting, which keeps them vectorised.
//
//===----------------------------------------------------------------------===//

#include "EmitSIMDInternal.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::simd;

static Value *extendTo(IRBuilder<> &b, Value *v, bool isSigned) {
  auto *wideTy =
      VectorType::getExtendedElementVectorType(cast<VectorType>(v->getType()));
  return isSigned ? b.CreateSExt(v, wideTy) : b.CreateZExt(v, wideTy);
}

// Lanes of \p lanes; the low or high half, each widened to twice its width.
static Value *extendHalf(IRBuilder<> &b, Value *x, Lanes lanes, bool high,
                         bool isSigned) {
  return extendTo(b, halfLanes(b, asLanes(b, x, lanes), high), isSigned);
}

static Value *extMul(IRBuilder<> &b, Value *x, Value *y, Lanes lanes, bool high,
                     bool isSigned) {
  return b.CreateMul(extendHalf(b, x, lanes, high, isSigned),
                     extendHalf(b, y, lanes, high, isSigned));
}

static Value *evenOrOddLanes(IRBuilder<> &b, Value *v, bool odd) {
  unsigned n = cast<FixedVectorType>(v->getType())->getNumElements();
  SmallVector<int, 16> mask;
  for (unsigned i = odd; i < n; i += 2)
    mask.push_back(i);
  return b.CreateShuffleVector(v, mask);
}

// Sum of adjacent lane pairs of a vector already widened or not.
static Value *addPairs(IRBuilder<> &b, Value *v) {
  return b.CreateAdd(evenOrOddLanes(b, v, false), evenOrOddLanes(b, v, true));
}

static Value *extAddPairwise(IRBuilder<> &b, Value *x, Lanes lanes,
                             bool isSigned) {
  return addPairs(b, extendTo(b, asLanes(b, x, lanes), isSigned));
}

// Both product sums fit except -32768^2 * 2, which wraps as the spec says.
static Value *dotI16x8(IRBuilder<> &b, Value *x, Value *y) {
  Value *lhs = extendTo(b, asLanes(b, x, Lanes::I16x8), true);
  Value *rhs = extendTo(b, asLanes(b, y, Lanes::I16x8), true);
  return addPairs(b, b.CreateMul(lhs, rhs));
}

// Signed input lanes clamped to the signed or unsigned range of half width.
static Value *narrow(IRBuilder<> &b, Value *x, Value *y, Lanes lanes,
                     bool isSigned) {
  Value *both = concatLanes(b, asLanes(b, x, lanes), asLanes(b, y, lanes));
  auto *wideTy = cast<FixedVectorType>(both->getType());
  unsigned halfBits = wideTy->getScalarSizeInBits() / 2;
  APInt lo =
      isSigned ? APInt::getSignedMinValue(halfBits) : APInt::getZero(halfBits);
  APInt hi = isSigned ? APInt::getSignedMaxValue(halfBits)
                      : APInt::getMaxValue(halfBits);
  unsigned wideBits = 2 * halfBits;
  Value *clamped = b.CreateBinaryIntrinsic(
      Intrinsic::smax, both,
      ConstantInt::get(wideTy,
                       isSigned ? lo.sext(wideBits) : lo.zext(wideBits)));
  clamped = b.CreateBinaryIntrinsic(
      Intrinsic::smin, clamped,
      ConstantInt::get(wideTy,
                       isSigned ? hi.sext(wideBits) : hi.zext(wideBits)));
  return b.CreateTrunc(clamped,
                       VectorType::getTruncatedElementVectorType(wideTy));
}

// llvm.fpto[su]i.sat would be exact too but is scalarised for SSE. Lanes
// are first clamped into the convertible range, so the plain fptosi/fptoui
// is defined (and vectorised); NaN converts from 0, and lanes at or above
// 2^31 (2^32 unsigned), a limit f32 cannot approach from below, are set to
// the maximum afterwards.
static Value *truncSat(IRBuilder<> &b, Value *x, Lanes lanes, bool isSigned) {
  Value *v = asLanes(b, x, lanes);
  auto *fTy = cast<FixedVectorType>(v->getType());
  auto *iTy = FixedVectorType::get(b.getInt32Ty(), fTy->getNumElements());
  Constant *low = ConstantFP::get(fTy, isSigned ? -2147483648.0 : 0.0);
  Constant *limit =
      ConstantFP::get(fTy, isSigned ? 2147483648.0 : 4294967296.0);
  Value *nanOrTooBig = b.CreateFCmpUGE(v, limit);
  Value *clamped = b.CreateSelect(b.CreateFCmpOLT(v, low), low, v);
  clamped = b.CreateSelect(nanOrTooBig, Constant::getNullValue(fTy), clamped);
  Value *result =
      isSigned ? b.CreateFPToSI(clamped, iTy) : b.CreateFPToUI(clamped, iTy);
  Constant *max = ConstantInt::get(iTy, isSigned ? INT32_MAX : UINT32_MAX);
  result = b.CreateSelect(b.CreateFCmpOGE(v, limit), max, result);
  // The f64x2 forms produce two lanes; the upper two are zero.
  return fTy->getNumElements() == 2 ? padWithZeroLanes(b, result) : result;
}

static Value *intToFloat(IRBuilder<> &b, Value *v, Type *elemTy,
                         bool isSigned) {
  unsigned n = cast<FixedVectorType>(v->getType())->getNumElements();
  Type *resultTy = FixedVectorType::get(elemTy, n);
  return isSigned ? b.CreateSIToFP(v, resultTy) : b.CreateUIToFP(v, resultTy);
}

static Value *convertLow(IRBuilder<> &b, Value *x, bool isSigned) {
  Value *low = halfLanes(b, asLanes(b, x, Lanes::I32x4), false);
  return intToFloat(b, low, b.getDoubleTy(), isSigned);
}

static Value *demoteZero(IRBuilder<> &b, Value *x) {
  Value *v = asLanes(b, x, Lanes::F64x2);
  Value *narrowed = b.CreateFPTrunc(v, FixedVectorType::get(b.getFloatTy(), 2));
  return padWithZeroLanes(b, narrowed);
}

static Value *promoteLow(IRBuilder<> &b, Value *x) {
  Value *low = halfLanes(b, asLanes(b, x, Lanes::F32x4), false);
  return b.CreateFPExt(low, FixedVectorType::get(b.getDoubleTy(), 2));
}

Value *simd::emitConvertOp(IRBuilder<> &b, const Instr &instr,
                           ArrayRef<Value *> args) {
  Value *x = args.empty() ? nullptr : args[0];
  Value *y = args.size() > 1 ? args[1] : nullptr;
  switch (instr.op) {
#define OP(Op, Expr)                                                           \
  case Opcode::Op:                                                             \
    return Expr;
#define EXTEND(To, From, L)                                                    \
  OP(To##ExtendLow##From##S, extendHalf(b, x, Lanes::L, false, true))          \
  OP(To##ExtendHigh##From##S, extendHalf(b, x, Lanes::L, true, true))          \
  OP(To##ExtendLow##From##U, extendHalf(b, x, Lanes::L, false, false))         \
  OP(To##ExtendHigh##From##U, extendHalf(b, x, Lanes::L, true, false))
#define EXTMUL(To, From, L)                                                    \
  OP(To##ExtmulLow##From##S, extMul(b, x, y, Lanes::L, false, true))           \
  OP(To##ExtmulHigh##From##S, extMul(b, x, y, Lanes::L, true, true))           \
  OP(To##ExtmulLow##From##U, extMul(b, x, y, Lanes::L, false, false))          \
  OP(To##ExtmulHigh##From##U, extMul(b, x, y, Lanes::L, true, false))

    EXTEND(I16x8, I8x16, I8x16)
    EXTEND(I32x4, I16x8, I16x8)
    EXTEND(I64x2, I32x4, I32x4)
    EXTMUL(I16x8, I8x16, I8x16)
    EXTMUL(I32x4, I16x8, I16x8)
    EXTMUL(I64x2, I32x4, I32x4)
    // clang-format off
    OP(I16x8ExtaddPairwiseI8x16S, extAddPairwise(b, x, Lanes::I8x16, true))
    OP(I16x8ExtaddPairwiseI8x16U, extAddPairwise(b, x, Lanes::I8x16, false))
    OP(I32x4ExtaddPairwiseI16x8S, extAddPairwise(b, x, Lanes::I16x8, true))
    OP(I32x4ExtaddPairwiseI16x8U, extAddPairwise(b, x, Lanes::I16x8, false))
    OP(I32x4DotI16x8S, dotI16x8(b, x, y))
    OP(I8x16NarrowI16x8S, narrow(b, x, y, Lanes::I16x8, true))
    OP(I8x16NarrowI16x8U, narrow(b, x, y, Lanes::I16x8, false))
    OP(I16x8NarrowI32x4S, narrow(b, x, y, Lanes::I32x4, true))
    OP(I16x8NarrowI32x4U, narrow(b, x, y, Lanes::I32x4, false))
    OP(I32x4TruncSatF32x4S, truncSat(b, x, Lanes::F32x4, true))
    OP(I32x4TruncSatF32x4U, truncSat(b, x, Lanes::F32x4, false))
    OP(I32x4TruncSatF64x2SZero, truncSat(b, x, Lanes::F64x2, true))
    OP(I32x4TruncSatF64x2UZero, truncSat(b, x, Lanes::F64x2, false))
    OP(F32x4ConvertI32x4S,
       intToFloat(b, asLanes(b, x, Lanes::I32x4), b.getFloatTy(), true))
    OP(F32x4ConvertI32x4U,
       intToFloat(b, asLanes(b, x, Lanes::I32x4), b.getFloatTy(), false))
    OP(F64x2ConvertLowI32x4S, convertLow(b, x, true))
    OP(F64x2ConvertLowI32x4U, convertLow(b, x, false))
    OP(F32x4DemoteF64x2Zero, demoteZero(b, x))
    OP(F64x2PromoteLowF32x4, promoteLow(b, x))
    // clang-format on
#undef OP
#undef EXTEND
#undef EXTMUL
  default:
    return nullptr;
  }
}
