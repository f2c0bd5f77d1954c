//===- EmitSIMDMemory.cpp - SIMD loads and stores -------------------------===//
//
// The memory forms of SIMD: whole-vector, extending, splatting, zero-filling
// and single-lane loads, whole-vector and single-lane stores. The IR
// generator has already bounds-checked the address; wasm alignment hints
// promise nothing, so every access is emitted with align 1.
//
//===----------------------------------------------------------------------===//

#include "EmitSIMDInternal.h"

#include "llvm/IR/Constants.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::simd;

static Value *asPointer(IRBuilder<> &b, Value *addr) {
  if (addr->getType()->isPointerTy())
    return addr;
  return b.CreateIntToPtr(addr, b.getPtrTy());
}

static Value *loadUnaligned(IRBuilder<> &b, Type *type, Value *addr) {
  return b.CreateAlignedLoad(type, asPointer(b, addr), Align(1));
}

// Eight bytes read as n lanes of 64/n bits, each widened to 128/n bits as
// the opcode table's Ext column says.
static Value *loadExtend(IRBuilder<> &b, Value *addr, Lanes wideLanes,
                         Extend ext) {
  assert(ext != Extend::None && "an extending load");
  auto *wideTy = getLanesType(b.getContext(), wideLanes);
  auto *narrowTy = VectorType::getTruncatedElementVectorType(wideTy);
  Value *v = loadUnaligned(b, narrowTy, addr);
  return ext == Extend::Sign ? b.CreateSExt(v, wideTy)
                             : b.CreateZExt(v, wideTy);
}

static Value *loadSplat(IRBuilder<> &b, Value *addr, Lanes lanes) {
  auto *vecTy = getLanesType(b.getContext(), lanes);
  Value *scalar = loadUnaligned(b, vecTy->getElementType(), addr);
  return b.CreateVectorSplat(vecTy->getNumElements(), scalar);
}

static Value *loadZero(IRBuilder<> &b, Value *addr, Lanes lanes) {
  auto *vecTy = getLanesType(b.getContext(), lanes);
  Value *scalar = loadUnaligned(b, vecTy->getElementType(), addr);
  return b.CreateInsertElement(Constant::getNullValue(vecTy), scalar,
                               uint64_t(0));
}

static Value *loadLane(IRBuilder<> &b, Value *addr, Value *vec, Lanes lanes,
                       unsigned lane) {
  auto *vecTy = getLanesType(b.getContext(), lanes);
  Value *scalar = loadUnaligned(b, vecTy->getElementType(), addr);
  return b.CreateInsertElement(asLanes(b, vec, lanes), scalar, lane);
}

Value *wasmkiln::emitSIMDLoad(IRBuilder<> &b, const Instr &instr, Value *addr,
                              Value *vec) {
  Value *result = nullptr;
  Extend ext = getOpcodeInfo(instr.op).ext;
  switch (instr.op) {
#define LOAD(Op, Expr)                                                         \
  case Opcode::Op:                                                             \
    result = Expr;                                                             \
    break;
    // clang-format off
  LOAD(V128Load, loadUnaligned(b, getV128Type(b.getContext()), addr))
  LOAD(V128Load8x8S, loadExtend(b, addr, Lanes::I16x8, ext))
  LOAD(V128Load8x8U, loadExtend(b, addr, Lanes::I16x8, ext))
  LOAD(V128Load16x4S, loadExtend(b, addr, Lanes::I32x4, ext))
  LOAD(V128Load16x4U, loadExtend(b, addr, Lanes::I32x4, ext))
  LOAD(V128Load32x2S, loadExtend(b, addr, Lanes::I64x2, ext))
  LOAD(V128Load32x2U, loadExtend(b, addr, Lanes::I64x2, ext))
  LOAD(V128Load8Splat, loadSplat(b, addr, Lanes::I8x16))
  LOAD(V128Load16Splat, loadSplat(b, addr, Lanes::I16x8))
  LOAD(V128Load32Splat, loadSplat(b, addr, Lanes::I32x4))
  LOAD(V128Load64Splat, loadSplat(b, addr, Lanes::I64x2))
  LOAD(V128Load32Zero, loadZero(b, addr, Lanes::I32x4))
  LOAD(V128Load64Zero, loadZero(b, addr, Lanes::I64x2))
  LOAD(V128Load8Lane, loadLane(b, addr, vec, Lanes::I8x16, instr.lane))
  LOAD(V128Load16Lane, loadLane(b, addr, vec, Lanes::I16x8, instr.lane))
  LOAD(V128Load32Lane, loadLane(b, addr, vec, Lanes::I32x4, instr.lane))
  LOAD(V128Load64Lane, loadLane(b, addr, vec, Lanes::I64x2, instr.lane))
    // clang-format on
#undef LOAD
  default:
    llvm_unreachable("not a SIMD load");
  }
  return toV128(b, result);
}

static void storeLane(IRBuilder<> &b, Value *addr, Value *vec, Lanes lanes,
                      unsigned lane) {
  Value *scalar = b.CreateExtractElement(asLanes(b, vec, lanes), lane);
  b.CreateAlignedStore(scalar, asPointer(b, addr), Align(1));
}

void wasmkiln::emitSIMDStore(IRBuilder<> &b, const Instr &instr, Value *addr,
                             Value *vec) {
  switch (instr.op) {
  case Opcode::V128Store:
    b.CreateAlignedStore(toV128(b, vec), asPointer(b, addr), Align(1));
    return;
  case Opcode::V128Store8Lane:
    return storeLane(b, addr, vec, Lanes::I8x16, instr.lane);
  case Opcode::V128Store16Lane:
    return storeLane(b, addr, vec, Lanes::I16x8, instr.lane);
  case Opcode::V128Store32Lane:
    return storeLane(b, addr, vec, Lanes::I32x4, instr.lane);
  case Opcode::V128Store64Lane:
    return storeLane(b, addr, vec, Lanes::I64x2, instr.lane);
  default:
    llvm_unreachable("not a SIMD store");
  }
}
