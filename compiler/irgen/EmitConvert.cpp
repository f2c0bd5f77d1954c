//===- EmitConvert.cpp - Conversion operators -----------------------------===//
//
// wrap/extend, float<->int (trapping, saturating), demote/promote and the
// reinterpretations, one line per operator.
//
// Trapping float-to-int: NaN traps "invalid conversion", values whose
// truncation falls outside the integer range trap "integer overflow"; after
// those checks fptosi/fptoui are defined. The range is an open interval
// (lo, hi) with lo = MIN - 1 and hi = MAX + 1 of the integer type, both exact
// integers. hi is a power of two, so representable in f32 and f64; lo is
// representable for the unsigned types (-1) and for i32 in f64, and
// otherwise no float lies strictly between lo and MIN (a power of two), so
// x > lo becomes x >= MIN. This gives, e.g., i32.trunc_f32_s valid iff
// -2147483904.0 < x < 2147483648.0 (x >= -2^31), i32.trunc_f64_s iff
// -2147483649.0 < x < 2147483648.0, i64.trunc_f64_u iff -1.0 < x < 2^64.
//
//===----------------------------------------------------------------------===//

#include "EmitScalarInternal.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/APInt.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

// The exact (signed) integer \p value as a constant of \p floatTy, or null
// if it is not representable.
Constant *exactFloat(Type *floatTy, const APInt &value) {
  APFloat f(floatTy->getFltSemantics());
  APFloat::opStatus status =
      f.convertFromAPInt(value, /*IsSigned=*/true, APFloat::rmTowardZero);
  if (status != APFloat::opOK)
    return nullptr;
  return ConstantFP::get(floatTy, f);
}

// True when trunc(x) lies in the range of the \p bits wide integer type;
// \p x is not NaN.
Value *truncInRange(IRBuilder<> &b, Value *x, unsigned bits, bool isSigned) {
  Type *floatTy = x->getType();
  // Signed integers of bits + 2 bits hold MIN - 1 and MAX + 1 of both kinds.
  unsigned wide = bits + 2;
  APInt min = isSigned ? APInt::getSignedMinValue(bits).sext(wide)
                       : APInt::getZero(wide);
  APInt max = isSigned ? APInt::getSignedMaxValue(bits).sext(wide)
                       : APInt::getMaxValue(bits).zext(wide);
  Constant *hi = exactFloat(floatTy, max + 1);
  assert(hi && "MAX + 1 is a power of two");
  Value *aboveLo;
  if (Constant *lo = exactFloat(floatTy, min - 1)) {
    aboveLo = b.CreateFCmpOGT(x, lo);
  } else {
    Constant *minF = exactFloat(floatTy, min);
    assert(minF && "MIN is a power of two");
    aboveLo = b.CreateFCmpOGE(x, minF);
  }
  return b.CreateAnd(aboveLo, b.CreateFCmpOLT(x, hi));
}

Value *truncChecked(IRBuilder<> &b, Value *x, Type *intTy, bool isSigned,
                    TrapSink &traps) {
  traps.trapIf(b.CreateFCmpUNO(x, x), WK_TRAP_INVALID_CONVERSION);
  Value *inRange = truncInRange(b, x, intTy->getIntegerBitWidth(), isSigned);
  traps.trapIf(b.CreateNot(inRange), WK_TRAP_INT_OVERFLOW);
  return isSigned ? b.CreateFPToSI(x, intTy) : b.CreateFPToUI(x, intTy);
}

Value *truncSat(IRBuilder<> &b, Value *x, Type *intTy, bool isSigned) {
  // NaN -> 0, out of range -> the nearest bound: wasm's trunc_sat exactly.
  Intrinsic::ID id = isSigned ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat;
  return b.CreateIntrinsic(id, {intTy, x->getType()}, {x});
}

} // namespace

Value *scalar::emitConversionOp(IRBuilder<> &b, Opcode op,
                                ArrayRef<Value *> args, TrapSink &traps) {
  Value *x = args[0];
  Type *i32 = b.getInt32Ty(), *i64 = b.getInt64Ty();
  Type *f32 = b.getFloatTy(), *f64 = b.getDoubleTy();
  switch (op) {
#define CONV(Name, Expr) WK_SCALAR_CASE(Name) return Expr;
    CONV(I32WrapI64, b.CreateTrunc(x, i32))
    CONV(I64ExtendI32S, b.CreateSExt(x, i64))
    CONV(I64ExtendI32U, b.CreateZExt(x, i64))
    CONV(I32TruncF32S, truncChecked(b, x, i32, true, traps))
    CONV(I32TruncF32U, truncChecked(b, x, i32, false, traps))
    CONV(I32TruncF64S, truncChecked(b, x, i32, true, traps))
    CONV(I32TruncF64U, truncChecked(b, x, i32, false, traps))
    CONV(I64TruncF32S, truncChecked(b, x, i64, true, traps))
    CONV(I64TruncF32U, truncChecked(b, x, i64, false, traps))
    CONV(I64TruncF64S, truncChecked(b, x, i64, true, traps))
    CONV(I64TruncF64U, truncChecked(b, x, i64, false, traps))
    CONV(I32TruncSatF32S, truncSat(b, x, i32, true))
    CONV(I32TruncSatF32U, truncSat(b, x, i32, false))
    CONV(I32TruncSatF64S, truncSat(b, x, i32, true))
    CONV(I32TruncSatF64U, truncSat(b, x, i32, false))
    CONV(I64TruncSatF32S, truncSat(b, x, i64, true))
    CONV(I64TruncSatF32U, truncSat(b, x, i64, false))
    CONV(I64TruncSatF64S, truncSat(b, x, i64, true))
    CONV(I64TruncSatF64U, truncSat(b, x, i64, false))
    CONV(F32ConvertI32S, b.CreateSIToFP(x, f32))
    CONV(F32ConvertI32U, b.CreateUIToFP(x, f32))
    CONV(F32ConvertI64S, b.CreateSIToFP(x, f32))
    CONV(F32ConvertI64U, b.CreateUIToFP(x, f32))
    CONV(F64ConvertI32S, b.CreateSIToFP(x, f64))
    CONV(F64ConvertI32U, b.CreateUIToFP(x, f64))
    CONV(F64ConvertI64S, b.CreateSIToFP(x, f64))
    CONV(F64ConvertI64U, b.CreateUIToFP(x, f64))
    // LLVM folds demote(promote(x)) to x, which would keep a signalling x.
    CONV(F32DemoteF64, scalar::quietNaN(b, b.CreateFPTrunc(x, f32)))
    CONV(F64PromoteF32, b.CreateFPExt(x, f64))
    CONV(I32ReinterpretF32, b.CreateBitCast(x, i32))
    CONV(I64ReinterpretF64, b.CreateBitCast(x, i64))
    CONV(F32ReinterpretI32, b.CreateBitCast(x, f32))
    CONV(F64ReinterpretI64, b.CreateBitCast(x, f64))
#undef CONV
  default:
    return nullptr;
  }
}
