//===- EmitScalarInternal.h - Shared pieces of the scalar emitters -*- C++ -*-//
//
// Private to Emit.cpp, EmitNumeric.cpp and EmitConvert.cpp. The set of scalar
// operators is derived from Opcodes.def at compile time, so every emitter
// case can static_assert that it belongs to that set; the unit tests check
// the converse (every scalar operator has an emitter).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_EMITSCALARINTERNAL_H
#define WASMKILN_EMITSCALARINTERNAL_H

#include "Emit.h"
#include "wasmkiln/wasm/Opcode.h"

namespace wasmkiln {
namespace scalar {

/// The rule of isScalarOp (Emit.h), on the constexpr opcode table.
constexpr bool isScalarOpcode(Opcode op) {
  const OpcodeInfo &info = getOpcodeInfo(op);
  return info.imm == ImmKind::None && info.sig.fixed && info.sig.typed() &&
         info.feature != Feature::SIMD &&
         info.feature != Feature::RelaxedSIMD &&
         info.feature != Feature::WideArith;
}

// Opens the switch case of one scalar operator, refusing at compile time an
// emitter for an operator outside the table's scalar set.
#define WK_SCALAR_CASE(Name)                                                   \
  case Opcode::Name:                                                           \
    static_assert(scalar::isScalarOpcode(Opcode::Name),                        \
                  #Name " is not a scalar operator");

/// Integer arithmetic, bit operations, comparisons, sign extension. Null if
/// \p op is not one of them.
llvm::Value *emitIntegerOp(llvm::IRBuilder<> &b, Opcode op,
                           llvm::ArrayRef<llvm::Value *> args, TrapSink &traps);

/// Float arithmetic, rounding, min/max, sign operations and comparisons.
llvm::Value *emitFloatOp(llvm::IRBuilder<> &b, Opcode op,
                         llvm::ArrayRef<llvm::Value *> args);

/// Conversions between and within the integer and float types.
llvm::Value *emitConversionOp(llvm::IRBuilder<> &b, Opcode op,
                              llvm::ArrayRef<llvm::Value *> args,
                              TrapSink &traps);

/// Sets the quiet bit of \p value when it is a NaN. Wasm requires NaN results
/// of arithmetic to be quiet ("arithmetic NaNs"); the hardware does that, but
/// LLVM may fold an operation whose result would be a quieted NaN into one
/// that passes a signalling operand through (x * 1.0 -> x).
llvm::Value *quietNaN(llvm::IRBuilder<> &b, llvm::Value *value);

} // namespace scalar
} // namespace wasmkiln

#endif
