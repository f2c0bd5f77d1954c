//===- Emit.cpp - Entry points of the scalar numeric emitters -------------===//
//
// isScalarOp reads the opcode table; emitScalarOp hands an operator to the
// category that lowers it (EmitNumeric.cpp: integer and float operators,
// EmitConvert.cpp: conversions), and holds the NaN quieting they share.
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "EmitScalarInternal.h"

#include "llvm/ADT/APInt.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/Support/ErrorHandling.h"

#include <cassert>

using namespace llvm;
using namespace wasmkiln;

FixedVectorType *wasmkiln::getV128Type(LLVMContext &context) {
  return FixedVectorType::get(Type::getInt64Ty(context), 2);
}

Type *wasmkiln::getValueType(LLVMContext &context, ValType type) {
  switch (storageType(type)) {
  case ValType::I32:
    return Type::getInt32Ty(context);
  case ValType::I64:
    return Type::getInt64Ty(context);
  case ValType::F32:
    return Type::getFloatTy(context);
  case ValType::F64:
    return Type::getDoubleTy(context);
  case ValType::V128:
    return getV128Type(context);
  case ValType::FuncRef:
  case ValType::ExternRef:
  case ValType::ExnRef: // a wk_exception *
    return PointerType::get(context, 0);
  }
  llvm_unreachable("unknown value type");
}

bool wasmkiln::isScalarOp(Opcode op) { return scalar::isScalarOpcode(op); }

Value *scalar::quietNaN(IRBuilder<> &b, Value *value) {
  Type *floatTy = value->getType();
  unsigned bits = floatTy->getPrimitiveSizeInBits();
  // The quiet bit is the top bit of the significand.
  unsigned quietBit = floatTy->isFloatTy() ? 22 : 51;
  Type *intTy = b.getIntNTy(bits);
  Value *asInt = b.CreateBitCast(value, intTy);
  Value *quieted = b.CreateOr(asInt, APInt::getOneBitSet(bits, quietBit));
  return b.CreateSelect(b.CreateFCmpUNO(value, value),
                        b.CreateBitCast(quieted, floatTy), value);
}

Value *wasmkiln::emitScalarOp(IRBuilder<> &b, Opcode op, ArrayRef<Value *> args,
                              TrapSink &traps) {
  assert(isScalarOp(op) && "not a scalar operator");
  assert(args.size() == getOpcodeInfo(op).sig.numParams &&
         "operand count does not match the signature");
  if (Value *result = scalar::emitIntegerOp(b, op, args, traps))
    return result;
  if (Value *result = scalar::emitFloatOp(b, op, args))
    return result;
  if (Value *result = scalar::emitConversionOp(b, op, args, traps))
    return result;
  llvm_unreachable("scalar operator without an emitter");
}
