//===- IRGenAtomic.cpp - The threads proposal's atomic instructions -------===//
//
// Every atomic access is sequentially consistent, as the threads proposal
// defines them, and maps to LLVM's seq_cst atomics of its natural
// alignment, which x86-64 lowers to plain loads, xchg stores and lock-prefixed
// read-modify-writes (aarch64: ldar/stlr and ldaxr/stlxr loops or LSE). The
// alignment the validator demanded is only a claim about the address: the
// effective address is checked at run time and traps "unaligned atomic"
// before the bounds are (the reference interpreter's order), so an LLVM
// access of natural alignment is never misaligned. wait and notify call the
// runtime (atomic_wait.c).
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "IRGenInternal.h"

using namespace llvm;
using namespace wasmkiln;

void FuncEnv::checkAtomicAlignment(const MemArg &mem, Value *index,
                                   unsigned width) {
  if (width == 1)
    return;
  // The low bits of index + offset do not depend on a carry out of the
  // address type, so the index type's arithmetic suffices.
  Value *ea = b.CreateAdd(index, ConstantInt::get(index->getType(), mem.offset));
  Value *misaligned = b.CreateICmpNE(
      b.CreateAnd(ea, ConstantInt::get(index->getType(), width - 1)),
      ConstantInt::get(index->getType(), 0));
  trapIf(misaligned, WK_TRAP_UNALIGNED_ATOMIC);
}

Value *FuncEnv::atomicWait(uint32_t memory, Value *addr, Value *expected,
                           Value *timeout) {
  if (expected->getType()->isIntegerTy(64))
    return callRuntime(WK_RUNTIME_FN(wk_memory_atomic_wait64),
                       {memoryPtr(memory), addr, expected, timeout});
  return callRuntime(WK_RUNTIME_FN(wk_memory_atomic_wait32),
                     {memoryPtr(memory), addr, expected, timeout});
}

Value *FuncEnv::atomicNotify(uint32_t memory, Value *addr, Value *count) {
  return callRuntime(WK_RUNTIME_FN(wk_memory_atomic_notify),
                     {memoryPtr(memory), addr, count});
}

/// The read-modify-write operation of an atomic.rmw opcode, from its text
/// ("i32.atomic.rmw8.add_u" -> add); the table spells each opcode once.
static AtomicRMWInst::BinOp getRMWOp(StringRef text) {
  StringRef op = text.rsplit('.').second;
  op.consume_back("_u");
  return StringSwitch<AtomicRMWInst::BinOp>(op)
      .Case("add", AtomicRMWInst::Add)
      .Case("sub", AtomicRMWInst::Sub)
      .Case("and", AtomicRMWInst::And)
      .Case("or", AtomicRMWInst::Or)
      .Case("xor", AtomicRMWInst::Xor)
      .Default(AtomicRMWInst::Xchg);
}

Value *wasmkiln::emitAtomic(IRBuilder<> &b, const Instr &instr, Value *addr,
                            ArrayRef<Value *> operands, Type *resultTy) {
  const OpcodeInfo &info = getOpcodeInfo(instr.op);
  unsigned width = getMemoryAccessWidth(instr.op);
  Type *narrowTy = b.getIntNTy(8 * width);
  Align align(width);
  auto order = AtomicOrdering::SequentiallyConsistent;
  auto narrow = [&](Value *v) {
    return v->getType() == narrowTy ? v : b.CreateTrunc(v, narrowTy);
  };
  auto widen = [&](Value *v) {
    return v->getType() == resultTy ? v : b.CreateZExt(v, resultTy);
  };
  StringRef text = info.text;
  if (text.contains(".atomic.load")) {
    LoadInst *load = b.CreateAlignedLoad(narrowTy, addr, align);
    load->setAtomic(order);
    return widen(load);
  }
  if (text.contains(".atomic.store")) {
    StoreInst *store = b.CreateAlignedStore(narrow(operands[0]), addr, align);
    store->setAtomic(order);
    return nullptr;
  }
  if (text.ends_with("cmpxchg") || text.ends_with("cmpxchg_u")) {
    AtomicCmpXchgInst *cas = b.CreateAtomicCmpXchg(
        addr, narrow(operands[0]), narrow(operands[1]), align, order, order);
    return widen(b.CreateExtractValue(cas, 0));
  }
  return widen(b.CreateAtomicRMW(getRMWOp(text), addr, narrow(operands[0]),
                                 align, order));
}
