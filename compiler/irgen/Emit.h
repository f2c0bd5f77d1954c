//===- Emit.h - Pure operator emitters shared by the IR generator -*- C++ -*-=//
//
// The numeric and SIMD operators need nothing of the module or the instance:
// they map operand values to a result value, calling back only to emit a
// conditional trap. Keeping them behind this interface lets the function
// translator stay about control flow, variables, memory and tables.
//
// Value representation: i32/i64/f32/f64 as the LLVM scalar types, v128 as
// <2 x i64> (the canonical type; bitcast inside emitters as needed).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_EMIT_H
#define WASMKILN_EMIT_H

#include "wasmkiln/wasm/Instr.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"

namespace wasmkiln {

/// Emits traps on behalf of the pure emitters.
class TrapSink {
public:
  virtual ~TrapSink() = default;
  /// Emits "if (cond) trap(kind)" (kind: a wk_trap value) and leaves the
  /// builder in the continuation block.
  virtual void trapIf(llvm::Value *cond, uint32_t kind) = 0;
};

/// <2 x i64>
llvm::FixedVectorType *getV128Type(llvm::LLVMContext &context);

/// The LLVM type of a wasm value: i32, i64, float, double, <2 x i64>, ptr.
llvm::Type *getValueType(llvm::LLVMContext &context, ValType type);

/// True for the scalar numeric operators emitScalarOp handles: every opcode
/// with ImmKind::None and a non-empty, non-":" signature outside SIMD,
/// relaxed SIMD and wide arithmetic (arithmetic, comparisons, conversions incl.
/// trapping and saturating float-to-int, reinterpretations, sign extension).
bool isScalarOp(Opcode op);

/// Lowers a scalar operator with exact wasm semantics and no undefined
/// behaviour: division and remainder trap on zero (and signed overflow for
/// div_s), shift counts are taken modulo the width, min/max propagate NaN and
/// order -0 < +0, nearest rounds half to even, trapping float-to-int checks
/// NaN and range. \p args are in stack order (args[0] pushed first).
llvm::Value *emitScalarOp(llvm::IRBuilder<> &b, Opcode op,
                          llvm::ArrayRef<llvm::Value *> args, TrapSink &traps);

/// True for SIMD operators that do not access memory (emitSIMDOp), relaxed
/// SIMD included.
bool isSIMDOp(Opcode op);

/// Lowers a non-memory SIMD operator (incl. v128.const, shuffles and lane
/// operations) to LLVM vector operations with the spec's lane semantics.
llvm::Value *emitSIMDOp(llvm::IRBuilder<> &b, const Instr &instr,
                        llvm::ArrayRef<llvm::Value *> args);

/// True for the wide-arithmetic operators (i64.add128, i64.sub128,
/// i64.mul_wide_s/u), which yield two i64 results.
bool isWideArithOp(Opcode op);

/// Lowers a wide-arithmetic operator through i128 arithmetic: \p args in
/// stack order, the results (low half, then high half) appended to \p out.
void emitWideArithOp(llvm::IRBuilder<> &b, Opcode op,
                     llvm::ArrayRef<llvm::Value *> args,
                     llvm::SmallVectorImpl<llvm::Value *> &out);

/// SIMD loads: \p addr is the effective address, already bounds-checked for
/// getMemoryAccessWidth(instr.op) bytes; \p vec is the v128 operand of the
/// load_lane forms (else null). Returns the v128 result.
llvm::Value *emitSIMDLoad(llvm::IRBuilder<> &b, const Instr &instr,
                          llvm::Value *addr, llvm::Value *vec);

/// SIMD stores (v128.store, v128.storeN_lane), with \p addr as for loads.
void emitSIMDStore(llvm::IRBuilder<> &b, const Instr &instr, llvm::Value *addr,
                   llvm::Value *vec);

/// The atomic loads, stores and read-modify-writes (threads, 0xfe prefix;
/// not wait, notify and fence): \p addr as for loads and aligned (the
/// caller checked it), \p operands the values after the address. Returns
/// the result of type \p resultTy, or null for stores.
llvm::Value *emitAtomic(llvm::IRBuilder<> &b, const Instr &instr,
                        llvm::Value *addr, llvm::ArrayRef<llvm::Value *> operands,
                        llvm::Type *resultTy);

} // namespace wasmkiln

#endif
