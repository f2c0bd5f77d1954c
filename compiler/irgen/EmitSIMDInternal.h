//===- EmitSIMDInternal.h - Helpers shared by the SIMD emitters -*- C++ -*-===//
//
// The SIMD emitters are split by topic (lanes and bitwise, arithmetic,
// conversions, memory). Each topic exposes one function that lowers the
// operators of its category and returns null for any other, so emitSIMDOp
// can try them in turn. Values cross these functions as <2 x i64>; inside,
// operands are reinterpreted with asLanes.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_EMITSIMDINTERNAL_H
#define WASMKILN_EMITSIMDINTERNAL_H

#include "Emit.h"

namespace wasmkiln {
namespace simd {

/// The six lane interpretations of a v128.
enum class Lanes { I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 };

llvm::FixedVectorType *getLanesType(llvm::LLVMContext &context, Lanes lanes);

/// Reinterprets a 128-bit vector as \p lanes.
llvm::Value *asLanes(llvm::IRBuilder<> &b, llvm::Value *v, Lanes lanes);

/// Reinterprets a 128-bit vector as the canonical <2 x i64>; other values
/// (lane extractions, tests) are returned unchanged.
llvm::Value *toV128(llvm::IRBuilder<> &b, llvm::Value *v);

/// Lanes 0..n-1 of \p v when !high, else lanes n..2n-1 (n = half the lanes).
llvm::Value *halfLanes(llvm::IRBuilder<> &b, llvm::Value *v, bool high);

/// Concatenates two vectors of the same type.
llvm::Value *concatLanes(llvm::IRBuilder<> &b, llvm::Value *lo,
                         llvm::Value *hi);

/// \p v (n lanes) widened to 2n lanes, the new upper lanes zero.
llvm::Value *padWithZeroLanes(llvm::IRBuilder<> &b, llvm::Value *v);

// Category emitters: return null when \p instr is not theirs.
llvm::Value *emitLaneOp(llvm::IRBuilder<> &b, const Instr &instr,
                        llvm::ArrayRef<llvm::Value *> args);
llvm::Value *emitIntArithOp(llvm::IRBuilder<> &b, const Instr &instr,
                            llvm::ArrayRef<llvm::Value *> args);
llvm::Value *emitFloatArithOp(llvm::IRBuilder<> &b, const Instr &instr,
                              llvm::ArrayRef<llvm::Value *> args);
llvm::Value *emitConvertOp(llvm::IRBuilder<> &b, const Instr &instr,
                           llvm::ArrayRef<llvm::Value *> args);
/// Relaxed SIMD (EmitSIMDRelaxed.cpp): one of the results the spec allows,
/// the same one for every module compiled for a target.
llvm::Value *emitRelaxedOp(llvm::IRBuilder<> &b, const Instr &instr,
                           llvm::ArrayRef<llvm::Value *> args);

} // namespace simd
} // namespace wasmkiln

#endif
