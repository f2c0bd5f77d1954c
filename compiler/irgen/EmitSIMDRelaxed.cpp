//===- EmitSIMDRelaxed.cpp - Relaxed SIMD operators -----------------------===//
//
// Relaxed SIMD lets an engine pick, per operator, one of a small set of
// results (the spec's implementation-defined choices), so that each maps to
// the target's native instruction. The choice depends only on the target
// triple, never on the CPU the code runs on or the optimisation level, so
// the JIT and the ahead-of-time path give the same results and a module
// gives the same result on every run. docs/conformance.md lists the choice
// of every operator.
//
// Where generic IR already selects the native instruction (laneselect ->
// pblendvb/blendvps/blendvpd) it is used on every target. Where it would add
// fix-up code (the out-of-range swizzle indices, the trunc conversions' NaN
// and range checks, q15mulr's saturation) or miss the instruction (f64x2
// min/max, the dot products once combined), x86-64 calls the llvm.x86
// intrinsic of the instruction itself (SSE2/SSSE3, in the x86-64-v2
// baseline), aarch64 the NEON instruction of the deterministic result (tbl,
// fcvtzs/fcvtzu, sqrdmulh), and other triples the deterministic operator's
// emitter or generic IR with one of the allowed results. relaxed_madd is
// unfused on x86-64 (the baseline has no FMA; fusing on FMA hosts would make
// the JIT and AOT results differ) and fused on aarch64, where every core has
// FMA.
//
//===----------------------------------------------------------------------===//

#include "EmitSIMDInternal.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IntrinsicsAArch64.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::simd;

static Triple targetOf(IRBuilder<> &b) {
  return Triple(b.GetInsertBlock()->getModule()->getTargetTriple());
}

static bool targetsX86(IRBuilder<> &b) { return targetOf(b).isX86(); }

static bool targetsAArch64(IRBuilder<> &b) { return targetOf(b).isAArch64(); }

/// The deterministic operator \p op on the same operands: the result every
/// relaxed operator may give.
static Value *asDeterministic(IRBuilder<> &b, const Instr &instr, Opcode op,
                              ArrayRef<Value *> args) {
  Instr plain = instr;
  plain.op = op;
  if (Value *v = emitLaneOp(b, plain, args))
    return v;
  if (Value *v = emitIntArithOp(b, plain, args))
    return v;
  return emitConvertOp(b, plain, args);
}

static Value *callX86(IRBuilder<> &b, Intrinsic::ID id,
                      ArrayRef<Value *> args) {
  return b.CreateIntrinsic(id, {}, args);
}

// pshufb: an index with its top bit set selects 0, any other the lane
// (index & 15). Both are allowed for indices >= 16.
static Value *relaxedSwizzle(IRBuilder<> &b, const Instr &instr,
                             ArrayRef<Value *> args) {
  Value *x = asLanes(b, args[0], Lanes::I8x16);
  Value *indices = asLanes(b, args[1], Lanes::I8x16);
  if (targetsAArch64(b)) // tbl: indices >= 16 select 0, as swizzle does
    return b.CreateIntrinsic(Intrinsic::aarch64_neon_tbl1, {x->getType()},
                             {x, indices});
  if (!targetsX86(b))
    return asDeterministic(b, instr, Opcode::I8x16Swizzle, args);
  return callX86(b, Intrinsic::x86_ssse3_pshuf_b_128, {x, indices});
}

// Unsigned truncation from cvtt*2dq, saturating (a result every
// relaxed_trunc_u may give) without the range checks of trunc_sat_u's
// generic form: max(x, 0) turns NaN and negative lanes into 0 (maxps gives
// its second operand for NaN). Lanes below 2^31 convert directly; at or
// above, the direct conversion is INT32_MIN (0x80000000) and x - 2^31
// (exact there) converts to the low 31 bits, or to INT32_MIN again from
// 2^32 up, which the arithmetic shift widens to the saturated 0xffffffff.
static Value *truncUnsignedX86(IRBuilder<> &b, Value *x, bool isDouble) {
  Type *fTy = x->getType();
  Intrinsic::ID max =
      isDouble ? Intrinsic::x86_sse2_max_pd : Intrinsic::x86_sse_max_ps;
  Intrinsic::ID cvtt =
      isDouble ? Intrinsic::x86_sse2_cvttpd2dq : Intrinsic::x86_sse2_cvttps2dq;
  Value *clamped = callX86(b, max, {x, Constant::getNullValue(fTy)});
  Value *low = callX86(b, cvtt, {clamped});
  Value *high = callX86(
      b, cvtt, {b.CreateFSub(clamped, ConstantFP::get(fTy, 2147483648.0))});
  Type *iTy = low->getType();
  Value *above = b.CreateAShr(low, ConstantInt::get(iTy, 31));
  high = b.CreateOr(high, b.CreateAShr(high, ConstantInt::get(iTy, 31)));
  return b.CreateOr(low, b.CreateAnd(above, high));
}

// x86-64: cvttps2dq / cvttpd2dq give INT32_MIN for NaN and out-of-range
// lanes, one of the two allowed results (the other is saturation); the
// unsigned forms saturate (truncUnsignedX86). Other targets saturate, as
// trunc_sat does.
static Value *relaxedTrunc(IRBuilder<> &b, const Instr &instr,
                           ArrayRef<Value *> args) {
  if (targetsX86(b)) {
    Value *f32 = asLanes(b, args[0], Lanes::F32x4);
    Value *f64 = asLanes(b, args[0], Lanes::F64x2);
    switch (instr.op) {
    case Opcode::I32x4RelaxedTruncF32x4S:
      return callX86(b, Intrinsic::x86_sse2_cvttps2dq, {f32});
    case Opcode::I32x4RelaxedTruncF64x2SZero:
      return callX86(b, Intrinsic::x86_sse2_cvttpd2dq, {f64});
    case Opcode::I32x4RelaxedTruncF32x4U:
      return truncUnsignedX86(b, f32, false);
    default:
      return truncUnsignedX86(b, f64, true);
    }
  }
  // The saturating intrinsics are fcvtzs/fcvtzu themselves on aarch64; from
  // f64 they convert to i64 lanes and narrow with saturation (sqxtn/uqxtn),
  // which the <2 x i32> form would scalarise.
  bool isSigned = instr.op == Opcode::I32x4RelaxedTruncF32x4S ||
                  instr.op == Opcode::I32x4RelaxedTruncF64x2SZero;
  bool fromF64 = instr.op == Opcode::I32x4RelaxedTruncF64x2SZero ||
                 instr.op == Opcode::I32x4RelaxedTruncF64x2UZero;
  Value *x = asLanes(b, args[0], fromF64 ? Lanes::F64x2 : Lanes::F32x4);
  Intrinsic::ID sat = isSigned ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat;
  if (!fromF64)
    return b.CreateIntrinsic(
        sat, {getLanesType(b.getContext(), Lanes::I32x4), x->getType()}, {x});
  auto *wideTy = getLanesType(b.getContext(), Lanes::I64x2);
  Value *wide = b.CreateIntrinsic(sat, {wideTy, x->getType()}, {x});
  if (isSigned) {
    wide = b.CreateBinaryIntrinsic(Intrinsic::smin, wide,
                                   ConstantInt::get(wideTy, INT32_MAX));
    wide = b.CreateBinaryIntrinsic(Intrinsic::smax, wide,
                                   ConstantInt::get(wideTy, INT32_MIN));
  } else {
    wide = b.CreateBinaryIntrinsic(Intrinsic::umin, wide,
                                   ConstantInt::get(wideTy, UINT32_MAX));
  }
  auto *narrowTy = FixedVectorType::get(b.getInt32Ty(), 2);
  return padWithZeroLanes(b, b.CreateTrunc(wide, narrowTy));
}

// a * b + c (negate: -(a * b) + c), rounded once on aarch64 and twice on
// x86-64; both are allowed. No contraction flags: LLVM keeps the choice.
static Value *relaxedMadd(IRBuilder<> &b, ArrayRef<Value *> args, Lanes lanes,
                          bool negate) {
  Value *x = asLanes(b, args[0], lanes), *y = asLanes(b, args[1], lanes);
  Value *z = asLanes(b, args[2], lanes);
  if (negate)
    x = b.CreateFNeg(x);
  if (targetsX86(b))
    return b.CreateFAdd(b.CreateFMul(x, y), z);
  return b.CreateIntrinsic(Intrinsic::fma, {x->getType()}, {x, y, z});
}

// Each lane (i16x8: each byte) of the mask's top bit picks a or b. For a
// mask lane of all ones or all zeros this is the bitselect; for others it
// is the allowed "top bit" result (x86 blendv semantics).
static Value *relaxedLaneselect(IRBuilder<> &b, ArrayRef<Value *> args,
                                Lanes lanes) {
  if (lanes == Lanes::I16x8)
    lanes = Lanes::I8x16; // pblendvb: i16x8 has no blend of its own
  Value *x = asLanes(b, args[0], lanes), *y = asLanes(b, args[1], lanes);
  Value *mask = asLanes(b, args[2], lanes);
  Value *top = b.CreateICmpSLT(mask, Constant::getNullValue(mask->getType()));
  return b.CreateSelect(top, x, y);
}

// minps/maxps: "a < b ? a : b" (">" for max) gives b when either is NaN or
// both are zeros, one of the allowed results; other targets select the same.
static Value *relaxedMinMax(IRBuilder<> &b, ArrayRef<Value *> args, Lanes lanes,
                            bool isMin) {
  Value *x = asLanes(b, args[0], lanes), *y = asLanes(b, args[1], lanes);
  // The f64x2 compare and select would become cmpltpd + blendvpd.
  if (targetsX86(b)) {
    bool f32 = lanes == Lanes::F32x4;
    Intrinsic::ID id =
        isMin ? (f32 ? Intrinsic::x86_sse_min_ps : Intrinsic::x86_sse2_min_pd)
              : (f32 ? Intrinsic::x86_sse_max_ps : Intrinsic::x86_sse2_max_pd);
    return callX86(b, id, {x, y});
  }
  Value *pick = isMin ? b.CreateFCmpOLT(x, y) : b.CreateFCmpOGT(x, y);
  return b.CreateSelect(pick, x, y);
}

// pmulhrsw: (a * b + 0x4000) >> 15 wrapping, so -32768 * -32768 gives
// -32768 where q15mulr_sat_s saturates; both are allowed.
static Value *relaxedQ15mulr(IRBuilder<> &b, const Instr &instr,
                             ArrayRef<Value *> args) {
  if (targetsAArch64(b)) { // sqrdmulh: the saturating q15mulr_sat_s
    Value *x = asLanes(b, args[0], Lanes::I16x8);
    return b.CreateIntrinsic(Intrinsic::aarch64_neon_sqrdmulh, {x->getType()},
                             {x, asLanes(b, args[1], Lanes::I16x8)});
  }
  if (!targetsX86(b))
    return asDeterministic(b, instr, Opcode::I16x8Q15mulrSatS, args);
  return callX86(
      b, Intrinsic::x86_ssse3_pmul_hr_sw_128,
      {asLanes(b, args[0], Lanes::I16x8), asLanes(b, args[1], Lanes::I16x8)});
}

static Value *evenOrOddLanes(IRBuilder<> &b, Value *v, bool odd) {
  unsigned n = cast<FixedVectorType>(v->getType())->getNumElements();
  SmallVector<int, 16> mask;
  for (unsigned i = odd; i < n; i += 2)
    mask.push_back(i);
  return b.CreateShuffleVector(v, mask);
}

// i16 lane i: sat16(a[2i] * b[2i] + a[2i+1] * b[2i+1]) with a signed and b
// unsigned (b's lanes are 7-bit; with the top bit set, reading b as
// unsigned and saturating is an allowed result): pmaddubsw on x86-64, the
// same result in generic IR elsewhere.
static Value *relaxedDotI16(IRBuilder<> &b, Value *a0, Value *a1) {
  Value *x = asLanes(b, a0, Lanes::I8x16), *y = asLanes(b, a1, Lanes::I8x16);
  if (targetsX86(b)) // the unsigned operand first
    return callX86(b, Intrinsic::x86_ssse3_pmadd_ub_sw_128, {y, x});
  auto *wideTy = FixedVectorType::get(b.getInt32Ty(), 8);
  auto product = [&](bool odd) {
    return b.CreateMul(b.CreateSExt(evenOrOddLanes(b, x, odd), wideTy),
                       b.CreateZExt(evenOrOddLanes(b, y, odd), wideTy));
  };
  Value *sum = b.CreateAdd(product(false), product(true));
  sum = b.CreateBinaryIntrinsic(Intrinsic::smax, sum,
                                ConstantInt::get(wideTy, -32768));
  sum = b.CreateBinaryIntrinsic(Intrinsic::smin, sum,
                                ConstantInt::get(wideTy, 32767));
  return b.CreateTrunc(sum, getLanesType(b.getContext(), Lanes::I16x8));
}

// The i16 dot product above, its adjacent lanes added in i32 (pmaddwd with
// ones), plus c.
static Value *relaxedDotAdd(IRBuilder<> &b, ArrayRef<Value *> args) {
  Value *dot = relaxedDotI16(b, args[0], args[1]);
  Value *c = asLanes(b, args[2], Lanes::I32x4);
  // In generic IR, LLVM would fold the two steps and lose pmaddubsw.
  if (targetsX86(b))
    return b.CreateAdd(callX86(b, Intrinsic::x86_sse2_pmadd_wd,
                               {dot, ConstantInt::get(dot->getType(), 1)}),
                       c);
  auto *wideTy = getLanesType(b.getContext(), Lanes::I32x4);
  Value *pairs =
      b.CreateAdd(b.CreateSExt(evenOrOddLanes(b, dot, false), wideTy),
                  b.CreateSExt(evenOrOddLanes(b, dot, true), wideTy));
  return b.CreateAdd(pairs, c);
}

Value *simd::emitRelaxedOp(IRBuilder<> &b, const Instr &instr,
                           ArrayRef<Value *> args) {
  switch (instr.op) {
  case Opcode::I8x16RelaxedSwizzle:
    return relaxedSwizzle(b, instr, args);
  case Opcode::I32x4RelaxedTruncF32x4S:
  case Opcode::I32x4RelaxedTruncF32x4U:
  case Opcode::I32x4RelaxedTruncF64x2SZero:
  case Opcode::I32x4RelaxedTruncF64x2UZero:
    return relaxedTrunc(b, instr, args);
  case Opcode::F32x4RelaxedMadd:
    return relaxedMadd(b, args, Lanes::F32x4, false);
  case Opcode::F32x4RelaxedNmadd:
    return relaxedMadd(b, args, Lanes::F32x4, true);
  case Opcode::F64x2RelaxedMadd:
    return relaxedMadd(b, args, Lanes::F64x2, false);
  case Opcode::F64x2RelaxedNmadd:
    return relaxedMadd(b, args, Lanes::F64x2, true);
  case Opcode::I8x16RelaxedLaneselect:
    return relaxedLaneselect(b, args, Lanes::I8x16);
  case Opcode::I16x8RelaxedLaneselect:
    return relaxedLaneselect(b, args, Lanes::I16x8);
  case Opcode::I32x4RelaxedLaneselect:
    return relaxedLaneselect(b, args, Lanes::I32x4);
  case Opcode::I64x2RelaxedLaneselect:
    return relaxedLaneselect(b, args, Lanes::I64x2);
  case Opcode::F32x4RelaxedMin:
    return relaxedMinMax(b, args, Lanes::F32x4, true);
  case Opcode::F32x4RelaxedMax:
    return relaxedMinMax(b, args, Lanes::F32x4, false);
  case Opcode::F64x2RelaxedMin:
    return relaxedMinMax(b, args, Lanes::F64x2, true);
  case Opcode::F64x2RelaxedMax:
    return relaxedMinMax(b, args, Lanes::F64x2, false);
  case Opcode::I16x8RelaxedQ15mulrS:
    return relaxedQ15mulr(b, instr, args);
  case Opcode::I16x8RelaxedDotI8x16I7x16S:
    return relaxedDotI16(b, args[0], args[1]);
  case Opcode::I32x4RelaxedDotI8x16I7x16AddS:
    return relaxedDotAdd(b, args);
  default:
    return nullptr;
  }
}
