//===- EmitSIMD.cpp - SIMD dispatch, lane and bitwise operators -----------===//
//
// Entry point of the non-memory SIMD emitters and the operators that move
// lanes around or test them: constants, shuffles, splats, lane access,
// comparisons, bitwise operators and the all/any/bitmask reductions. All are
// generic LLVM vector IR; the x86 back end turns the patterns used here into
// SSE instructions (e.g. the swizzle's per-lane extracts into pshufb).
//
//===----------------------------------------------------------------------===//

#include "EmitSIMDInternal.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::simd;

FixedVectorType *simd::getLanesType(LLVMContext &context, Lanes lanes) {
  switch (lanes) {
  case Lanes::I8x16:
    return FixedVectorType::get(Type::getInt8Ty(context), 16);
  case Lanes::I16x8:
    return FixedVectorType::get(Type::getInt16Ty(context), 8);
  case Lanes::I32x4:
    return FixedVectorType::get(Type::getInt32Ty(context), 4);
  case Lanes::I64x2:
    return FixedVectorType::get(Type::getInt64Ty(context), 2);
  case Lanes::F32x4:
    return FixedVectorType::get(Type::getFloatTy(context), 4);
  case Lanes::F64x2:
    return FixedVectorType::get(Type::getDoubleTy(context), 2);
  }
  llvm_unreachable("bad lane kind");
}

Value *simd::asLanes(IRBuilder<> &b, Value *v, Lanes lanes) {
  return b.CreateBitCast(v, getLanesType(b.getContext(), lanes));
}

Value *simd::toV128(IRBuilder<> &b, Value *v) {
  if (!v->getType()->isVectorTy())
    return v;
  return b.CreateBitCast(v, getV128Type(b.getContext()));
}

Value *simd::halfLanes(IRBuilder<> &b, Value *v, bool high) {
  unsigned n = cast<FixedVectorType>(v->getType())->getNumElements() / 2;
  SmallVector<int, 16> mask;
  for (unsigned i = 0; i < n; ++i)
    mask.push_back(high ? n + i : i);
  return b.CreateShuffleVector(v, mask);
}

Value *simd::concatLanes(IRBuilder<> &b, Value *lo, Value *hi) {
  unsigned n = cast<FixedVectorType>(lo->getType())->getNumElements();
  SmallVector<int, 32> mask;
  for (unsigned i = 0; i < 2 * n; ++i)
    mask.push_back(i);
  return b.CreateShuffleVector(lo, hi, mask);
}

Value *simd::padWithZeroLanes(IRBuilder<> &b, Value *v) {
  return concatLanes(b, v, Constant::getNullValue(v->getType()));
}

// Wasm lane arguments of i8/i16 lanes arrive as i32: keep the low bits.
static Value *toLaneScalar(IRBuilder<> &b, Value *scalar, Lanes lanes) {
  Type *elem = getLanesType(b.getContext(), lanes)->getElementType();
  if (elem->isIntegerTy() && scalar->getType() != elem)
    return b.CreateTrunc(scalar, elem);
  return scalar;
}

static Value *splat(IRBuilder<> &b, Value *scalar, Lanes lanes) {
  unsigned n = getLanesType(b.getContext(), lanes)->getNumElements();
  return b.CreateVectorSplat(n, toLaneScalar(b, scalar, lanes));
}

static Value *extractLane(IRBuilder<> &b, Value *v, Lanes lanes, unsigned lane,
                          bool isSigned) {
  Value *elem = b.CreateExtractElement(asLanes(b, v, lanes), lane);
  if (lanes != Lanes::I8x16 && lanes != Lanes::I16x8)
    return elem;
  return isSigned ? b.CreateSExt(elem, b.getInt32Ty())
                  : b.CreateZExt(elem, b.getInt32Ty());
}

static Value *replaceLane(IRBuilder<> &b, Value *v, Value *scalar, Lanes lanes,
                          unsigned lane) {
  return b.CreateInsertElement(asLanes(b, v, lanes),
                               toLaneScalar(b, scalar, lanes), lane);
}

static Value *constV128(IRBuilder<> &b, const std::array<uint8_t, 16> &bytes) {
  uint64_t words[2] = {0, 0};
  for (unsigned i = 0; i < 16; ++i)
    words[i / 8] |= uint64_t(bytes[i]) << (8 * (i % 8));
  return ConstantDataVector::get(b.getContext(), ArrayRef<uint64_t>(words));
}

static Value *shuffle(IRBuilder<> &b, Value *x, Value *y,
                      const std::array<uint8_t, 16> &lanes) {
  SmallVector<int, 16> mask(lanes.begin(), lanes.end());
  return b.CreateShuffleVector(asLanes(b, x, Lanes::I8x16),
                               asLanes(b, y, Lanes::I8x16), mask);
}

// Indices >= 16 select 0. Out-of-range extracts are poison, but only in
// lanes the final select discards; the x86 back end matches the
// extract/insert chain as one pshufb.
static Value *swizzle(IRBuilder<> &b, Value *x, Value *indices) {
  Value *v = asLanes(b, x, Lanes::I8x16);
  Value *idx = asLanes(b, indices, Lanes::I8x16);
  Value *result = PoisonValue::get(v->getType());
  for (unsigned i = 0; i < 16; ++i) {
    Value *laneIndex = b.CreateExtractElement(idx, i);
    result =
        b.CreateInsertElement(result, b.CreateExtractElement(v, laneIndex), i);
  }
  Value *inRange = b.CreateICmpULT(idx, ConstantInt::get(idx->getType(), 16));
  return b.CreateSelect(inRange, result, Constant::getNullValue(v->getType()));
}

static Value *intCompare(IRBuilder<> &b, CmpInst::Predicate pred, Value *x,
                         Value *y, Lanes lanes) {
  Value *lhs = asLanes(b, x, lanes), *rhs = asLanes(b, y, lanes);
  return b.CreateSExt(b.CreateICmp(pred, lhs, rhs), lhs->getType());
}

static Value *floatCompare(IRBuilder<> &b, CmpInst::Predicate pred, Value *x,
                           Value *y, Lanes lanes) {
  Value *cmp = b.CreateFCmp(pred, asLanes(b, x, lanes), asLanes(b, y, lanes));
  Lanes intLanes = lanes == Lanes::F32x4 ? Lanes::I32x4 : Lanes::I64x2;
  return b.CreateSExt(cmp, getLanesType(b.getContext(), intLanes));
}

static Value *allTrue(IRBuilder<> &b, Value *x, Lanes lanes) {
  Value *v = asLanes(b, x, lanes);
  Value *nonZero = b.CreateICmpNE(v, Constant::getNullValue(v->getType()));
  return b.CreateZExt(b.CreateAndReduce(nonZero), b.getInt32Ty());
}

static Value *bitmask(IRBuilder<> &b, Value *x, Lanes lanes) {
  Value *v = asLanes(b, x, lanes);
  unsigned n = cast<FixedVectorType>(v->getType())->getNumElements();
  Value *negative = b.CreateICmpSLT(v, Constant::getNullValue(v->getType()));
  return b.CreateZExt(b.CreateBitCast(negative, b.getIntNTy(n)),
                      b.getInt32Ty());
}

static Value *anyTrue(IRBuilder<> &b, Value *x) {
  Value *wide = b.CreateBitCast(x, b.getIntNTy(128));
  return b.CreateZExt(b.CreateICmpNE(wide, b.getIntN(128, 0)), b.getInt32Ty());
}

Value *simd::emitLaneOp(IRBuilder<> &b, const Instr &instr,
                        ArrayRef<Value *> args) {
  using P = CmpInst::Predicate;
  Value *x = args.empty() ? nullptr : args[0];
  Value *y = args.size() > 1 ? args[1] : nullptr;
  unsigned lane = instr.lane;
  switch (instr.op) {
#define SPLAT(Op, L)                                                           \
  case Opcode::Op:                                                             \
    return splat(b, x, Lanes::L);
#define EXTRACT(Op, L, Signed)                                                 \
  case Opcode::Op:                                                             \
    return extractLane(b, x, Lanes::L, lane, Signed);
#define REPLACE(Op, L)                                                         \
  case Opcode::Op:                                                             \
    return replaceLane(b, x, y, Lanes::L, lane);
#define ICMP(Op, L, Pred)                                                      \
  case Opcode::Op:                                                             \
    return intCompare(b, P::Pred, x, y, Lanes::L);
#define FCMP(Op, L, Pred)                                                      \
  case Opcode::Op:                                                             \
    return floatCompare(b, P::Pred, x, y, Lanes::L);
#define EXPR(Op, Expr)                                                         \
  case Opcode::Op:                                                             \
    return Expr;
    // clang-format off
  case Opcode::V128Const: return constV128(b, instr.bytes);
  case Opcode::I8x16Shuffle: return shuffle(b, x, y, instr.bytes);
  case Opcode::I8x16Swizzle: return swizzle(b, x, y);

  SPLAT(I8x16Splat, I8x16) SPLAT(I16x8Splat, I16x8) SPLAT(I32x4Splat, I32x4)
  SPLAT(I64x2Splat, I64x2) SPLAT(F32x4Splat, F32x4) SPLAT(F64x2Splat, F64x2)

  EXTRACT(I8x16ExtractLaneS, I8x16, true)
  EXTRACT(I8x16ExtractLaneU, I8x16, false)
  EXTRACT(I16x8ExtractLaneS, I16x8, true)
  EXTRACT(I16x8ExtractLaneU, I16x8, false)
  EXTRACT(I32x4ExtractLane, I32x4, false)
  EXTRACT(I64x2ExtractLane, I64x2, false)
  EXTRACT(F32x4ExtractLane, F32x4, false)
  EXTRACT(F64x2ExtractLane, F64x2, false)
  REPLACE(I8x16ReplaceLane, I8x16) REPLACE(I16x8ReplaceLane, I16x8)
  REPLACE(I32x4ReplaceLane, I32x4) REPLACE(I64x2ReplaceLane, I64x2)
  REPLACE(F32x4ReplaceLane, F32x4) REPLACE(F64x2ReplaceLane, F64x2)

  ICMP(I8x16Eq, I8x16, ICMP_EQ)   ICMP(I8x16Ne, I8x16, ICMP_NE)
  ICMP(I8x16LtS, I8x16, ICMP_SLT) ICMP(I8x16LtU, I8x16, ICMP_ULT)
  ICMP(I8x16GtS, I8x16, ICMP_SGT) ICMP(I8x16GtU, I8x16, ICMP_UGT)
  ICMP(I8x16LeS, I8x16, ICMP_SLE) ICMP(I8x16LeU, I8x16, ICMP_ULE)
  ICMP(I8x16GeS, I8x16, ICMP_SGE) ICMP(I8x16GeU, I8x16, ICMP_UGE)
  ICMP(I16x8Eq, I16x8, ICMP_EQ)   ICMP(I16x8Ne, I16x8, ICMP_NE)
  ICMP(I16x8LtS, I16x8, ICMP_SLT) ICMP(I16x8LtU, I16x8, ICMP_ULT)
  ICMP(I16x8GtS, I16x8, ICMP_SGT) ICMP(I16x8GtU, I16x8, ICMP_UGT)
  ICMP(I16x8LeS, I16x8, ICMP_SLE) ICMP(I16x8LeU, I16x8, ICMP_ULE)
  ICMP(I16x8GeS, I16x8, ICMP_SGE) ICMP(I16x8GeU, I16x8, ICMP_UGE)
  ICMP(I32x4Eq, I32x4, ICMP_EQ)   ICMP(I32x4Ne, I32x4, ICMP_NE)
  ICMP(I32x4LtS, I32x4, ICMP_SLT) ICMP(I32x4LtU, I32x4, ICMP_ULT)
  ICMP(I32x4GtS, I32x4, ICMP_SGT) ICMP(I32x4GtU, I32x4, ICMP_UGT)
  ICMP(I32x4LeS, I32x4, ICMP_SLE) ICMP(I32x4LeU, I32x4, ICMP_ULE)
  ICMP(I32x4GeS, I32x4, ICMP_SGE) ICMP(I32x4GeU, I32x4, ICMP_UGE)
  ICMP(I64x2Eq, I64x2, ICMP_EQ)   ICMP(I64x2Ne, I64x2, ICMP_NE)
  ICMP(I64x2LtS, I64x2, ICMP_SLT) ICMP(I64x2GtS, I64x2, ICMP_SGT)
  ICMP(I64x2LeS, I64x2, ICMP_SLE) ICMP(I64x2GeS, I64x2, ICMP_SGE)
  // ne is the one unordered comparison: NaN != anything.
  FCMP(F32x4Eq, F32x4, FCMP_OEQ) FCMP(F32x4Ne, F32x4, FCMP_UNE)
  FCMP(F32x4Lt, F32x4, FCMP_OLT) FCMP(F32x4Gt, F32x4, FCMP_OGT)
  FCMP(F32x4Le, F32x4, FCMP_OLE) FCMP(F32x4Ge, F32x4, FCMP_OGE)
  FCMP(F64x2Eq, F64x2, FCMP_OEQ) FCMP(F64x2Ne, F64x2, FCMP_UNE)
  FCMP(F64x2Lt, F64x2, FCMP_OLT) FCMP(F64x2Gt, F64x2, FCMP_OGT)
  FCMP(F64x2Le, F64x2, FCMP_OLE) FCMP(F64x2Ge, F64x2, FCMP_OGE)

  EXPR(V128Not, b.CreateNot(x))
  EXPR(V128And, b.CreateAnd(x, y))
  EXPR(V128Andnot, b.CreateAnd(x, b.CreateNot(y)))
  EXPR(V128Or, b.CreateOr(x, y))
  EXPR(V128Xor, b.CreateXor(x, y))
  EXPR(V128Bitselect, b.CreateOr(b.CreateAnd(x, args[2]),
                                   b.CreateAnd(y, b.CreateNot(args[2]))))
  EXPR(V128AnyTrue, anyTrue(b, x))
  EXPR(I8x16AllTrue, allTrue(b, x, Lanes::I8x16))
  EXPR(I16x8AllTrue, allTrue(b, x, Lanes::I16x8))
  EXPR(I32x4AllTrue, allTrue(b, x, Lanes::I32x4))
  EXPR(I64x2AllTrue, allTrue(b, x, Lanes::I64x2))
  EXPR(I8x16Bitmask, bitmask(b, x, Lanes::I8x16))
  EXPR(I16x8Bitmask, bitmask(b, x, Lanes::I16x8))
  EXPR(I32x4Bitmask, bitmask(b, x, Lanes::I32x4))
  EXPR(I64x2Bitmask, bitmask(b, x, Lanes::I64x2))
    // clang-format on
#undef SPLAT
#undef EXTRACT
#undef REPLACE
#undef ICMP
#undef FCMP
#undef EXPR
                                                                default
        : return nullptr;
  }
}

bool wasmkiln::isSIMDOp(Opcode op) {
  Feature feature = getOpcodeInfo(op).feature;
  return (feature == Feature::SIMD || feature == Feature::RelaxedSIMD) &&
         getMemoryAccessWidth(op) == 0;
}

Value *wasmkiln::emitSIMDOp(IRBuilder<> &b, const Instr &instr,
                            ArrayRef<Value *> args) {
  assert(isSIMDOp(instr.op) && "not a non-memory SIMD operator");
  Value *result = emitLaneOp(b, instr, args);
  if (!result)
    result = emitIntArithOp(b, instr, args);
  if (!result)
    result = emitFloatArithOp(b, instr, args);
  if (!result)
    result = emitConvertOp(b, instr, args);
  if (!result)
    result = emitRelaxedOp(b, instr, args);
  assert(result && "SIMD operator without an emitter");
  return toV128(b, result);
}
