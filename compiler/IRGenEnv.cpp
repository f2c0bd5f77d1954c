//===- IRGenEnv.cpp - The seam between generated code and the runtime -----===//
//
// FuncEnv alone knows the instance layout and the runtime's C ABI: it emits
// the loads of instance fields, effective addresses and bounds checks,
// globals, table accesses, indirect and imported calls, the bulk operations
// (as calls into runtime-lib) and the trap blocks. Everything else in the IR
// generator works on wasm values only (Cranelift's FuncEnvironment idea).
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "wasmkiln/runtime.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace wasmkiln;

FuncEnv::FuncEnv(ModuleGen &mg, IRBuilder<> &b, Function *func, Value *instance,
                 StringRef displayName)
    : mg(mg), b(b), func(func), instance(instance),
      displayName(displayName.str()) {}

Value *FuncEnv::fieldPtr(uint64_t offset) {
  return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), instance, offset);
}

/// For fields the runtime fills before any generated code runs and never
/// changes afterwards (memory bases, table and import pointers, type ids).
Value *FuncEnv::loadInvariant(Type *type, Value *ptr) {
  LoadInst *load = b.CreateLoad(type, ptr);
  load->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(mg.ctx, {}));
  return load;
}

void FuncEnv::emitPrologue() {
  if (mg.wasm.memories.empty())
    return;
  mem0Base = loadInvariant(mg.ptrType(), fieldPtr(0));
  mem0 = loadInvariant(mg.ptrType(), fieldPtr(8));
}

void FuncEnv::emitStackCheck(BasicBlock *entry, uint64_t frameEstimate) {
  Instruction *term = entry->getTerminator();
  BasicBlock *body = term->getSuccessor(0);
  term->eraseFromParent();
  b.SetInsertPoint(entry);
  Function *readRegister = Intrinsic::getDeclaration(
      &mg.ir, Intrinsic::read_register, {b.getInt64Ty()});
  MDNode *rsp = MDNode::get(mg.ctx, {MDString::get(mg.ctx, "rsp")});
  Value *sp = b.CreateCall(readRegister, {MetadataAsValue::get(mg.ctx, rsp)});
  Value *limit = b.CreateLoad(b.getInt64Ty(), fieldPtr(48), "stack_limit");
  // sp - frame < limit, without wrapping below zero.
  Value *frame = b.getInt64(frameEstimate);
  Value *low = b.CreateOr(b.CreateICmpULT(sp, frame),
                          b.CreateICmpULT(b.CreateSub(sp, frame), limit));
  BasicBlock *trapBB = getTrapBlock(WK_TRAP_STACK_EXHAUSTED);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(low, trapBB, body, md.createUnlikelyBranchWeights());
}

//===-- Traps -------------------------------------------------------------===//

BasicBlock *FuncEnv::getTrapBlock(uint32_t kind) {
  BasicBlock *&block = trapBlocks[kind];
  if (block)
    return block;
  block = BasicBlock::Create(mg.ctx, "trap", func);
  IRBuilder<> tb(block);
  Type *i32 = tb.getInt32Ty();
  FunctionCallee trapFn = mg.getRuntimeFunction(
      "wk_trap_at",
      FunctionType::get(tb.getVoidTy(), {i32, mg.ptrType()}, false));
  if (auto *f = dyn_cast<Function>(trapFn.getCallee())) {
    f->setDoesNotReturn();
    f->setDoesNotThrow();
  }
  CallInst *call =
      tb.CreateCall(trapFn, {tb.getInt32(kind), mg.getString(displayName)});
  call->setDoesNotReturn();
  tb.CreateUnreachable();
  return block;
}

void FuncEnv::trapIf(Value *cond, uint32_t kind) {
  BasicBlock *cont = BasicBlock::Create(mg.ctx, "cont", func);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(cond, getTrapBlock(kind), cont,
                 md.createUnlikelyBranchWeights());
  b.SetInsertPoint(cont);
}

void FuncEnv::trap(uint32_t kind) { b.CreateBr(getTrapBlock(kind)); }

//===-- Memory ------------------------------------------------------------===//

Value *FuncEnv::memoryPtr(uint32_t memory) {
  if (memory == 0 && mem0)
    return mem0;
  return loadInvariant(mg.ptrType(),
                       fieldPtr(mg.layout.memories + 8ull * memory));
}

Value *FuncEnv::getAddress(const MemArg &mem, Value *index, unsigned width) {
  Value *base = mem.memory == 0 && mem0Base
                    ? mem0Base
                    : b.CreateLoad(mg.ptrType(), memoryPtr(mem.memory));
  // 64-bit arithmetic: a 32-bit index plus a 32-bit offset cannot wrap.
  Value *ea =
      b.CreateAdd(b.CreateZExt(index, b.getInt64Ty()), b.getInt64(mem.offset));
  if (mg.options.boundsChecks == BoundsChecks::Explicit) {
    Value *size = b.CreateLoad(
        b.getInt64Ty(),
        b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), memoryPtr(mem.memory), 8),
        "mem_size");
    Value *end = b.CreateAdd(ea, b.getInt64(width));
    trapIf(b.CreateICmpUGT(end, size), WK_TRAP_MEMORY_OOB);
  }
  return b.CreateGEP(b.getInt8Ty(), base, ea, "addr");
}

Value *FuncEnv::memorySize(uint32_t memory) {
  Value *size = b.CreateLoad(
      b.getInt64Ty(),
      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), memoryPtr(memory), 8));
  return b.CreateTrunc(b.CreateLShr(size, 16), b.getInt32Ty());
}

/// Calls the runtime.h function \p name; its LLVM type is that of \p args
/// (i32 for uint32_t, ptr for pointers), each function has one caller here.
Value *FuncEnv::callRuntime(StringRef name, Type *result,
                            ArrayRef<Value *> args) {
  SmallVector<Type *, 6> params;
  for (Value *arg : args)
    params.push_back(arg->getType());
  return b.CreateCall(
      mg.getRuntimeFunction(name, FunctionType::get(result, params, false)),
      args);
}

Value *FuncEnv::memoryGrow(uint32_t memory, Value *delta) {
  return callRuntime("wk_memory_grow", b.getInt32Ty(),
                     {memoryPtr(memory), delta});
}

void FuncEnv::memoryFill(uint32_t memory, Value *dst, Value *value, Value *n) {
  callRuntime("wk_memory_fill", b.getVoidTy(),
              {memoryPtr(memory), dst, value, n});
}

void FuncEnv::memoryCopy(uint32_t dstMem, uint32_t srcMem, Value *dst,
                         Value *src, Value *n) {
  callRuntime("wk_memory_copy", b.getVoidTy(),
              {memoryPtr(dstMem), memoryPtr(srcMem), dst, src, n});
}

void FuncEnv::memoryInit(uint32_t memory, uint32_t segment, Value *dst,
                         Value *src, Value *n) {
  Value *size =
      b.CreateLoad(b.getInt32Ty(), fieldPtr(mg.layout.datas[segment]));
  callRuntime("wk_memory_init", b.getVoidTy(),
              {memoryPtr(memory), mg.dataBytes[segment], size, dst, src, n});
}

void FuncEnv::dataDrop(uint32_t segment) { setDataSize(segment, 0); }

void FuncEnv::setDataSize(uint32_t segment, uint32_t size) {
  b.CreateStore(b.getInt32(size), fieldPtr(mg.layout.datas[segment]));
}

//===-- Globals -----------------------------------------------------------===//

Value *FuncEnv::globalPtr(uint32_t global) {
  Value *slot = fieldPtr(mg.layout.globals[global]);
  if (global < mg.wasm.numImportedGlobals)
    return loadInvariant(mg.ptrType(), slot);
  return slot;
}

Value *FuncEnv::globalGet(uint32_t global) {
  const GlobalType &type = mg.wasm.globals[global];
  LoadInst *load = b.CreateLoad(mg.getType(type.type), globalPtr(global));
  // Defined immutable globals are written once, by init, before any body
  // runs; imported ones may still be set by their (exporting) owner.
  if (!type.isMutable && global >= mg.wasm.numImportedGlobals &&
      globalsInitialized)
    load->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(mg.ctx, {}));
  return load;
}

void FuncEnv::globalSet(uint32_t global, Value *value) {
  b.CreateStore(value, globalPtr(global));
}

//===-- Tables ------------------------------------------------------------===//

Value *FuncEnv::tablePtr(uint32_t table) {
  return loadInvariant(mg.ptrType(), fieldPtr(mg.layout.tables + 8ull * table));
}

void FuncEnv::tableBoundsCheck(Value *table, Value *index, uint32_t kind) {
  Value *size = b.CreateLoad(
      b.getInt32Ty(), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), table, 8),
      "table_size");
  trapIf(b.CreateICmpUGE(index, size), kind);
}

Value *FuncEnv::tableGet(uint32_t table, Value *index) {
  Value *t = tablePtr(table);
  tableBoundsCheck(t, index, WK_TRAP_TABLE_OOB);
  Value *elements = b.CreateLoad(mg.ptrType(), t);
  Value *slot = b.CreateInBoundsGEP(mg.ptrType(), elements,
                                    b.CreateZExt(index, b.getInt64Ty()));
  return b.CreateLoad(mg.ptrType(), slot);
}

void FuncEnv::tableSet(uint32_t table, Value *index, Value *value) {
  Value *t = tablePtr(table);
  tableBoundsCheck(t, index, WK_TRAP_TABLE_OOB);
  Value *elements = b.CreateLoad(mg.ptrType(), t);
  Value *slot = b.CreateInBoundsGEP(mg.ptrType(), elements,
                                    b.CreateZExt(index, b.getInt64Ty()));
  b.CreateStore(value, slot);
}

Value *FuncEnv::tableSize(uint32_t table) {
  return b.CreateLoad(b.getInt32Ty(), b.CreateConstInBoundsGEP1_64(
                                          b.getInt8Ty(), tablePtr(table), 8));
}

Value *FuncEnv::tableGrow(uint32_t table, Value *init, Value *delta) {
  return callRuntime("wk_table_grow", b.getInt32Ty(),
                     {tablePtr(table), init, delta});
}

void FuncEnv::tableFill(uint32_t table, Value *dst, Value *value, Value *n) {
  callRuntime("wk_table_fill", b.getVoidTy(), {tablePtr(table), dst, value, n});
}

void FuncEnv::tableCopy(uint32_t dstTable, uint32_t srcTable, Value *dst,
                        Value *src, Value *n) {
  callRuntime("wk_table_copy", b.getVoidTy(),
              {tablePtr(dstTable), tablePtr(srcTable), dst, src, n});
}

Value *FuncEnv::elemCountPtr(uint32_t segment) {
  return fieldPtr(mg.layout.elems[segment]);
}

Value *FuncEnv::elemItems(uint32_t segment) {
  return fieldPtr(mg.layout.elems[segment] + 8ull);
}

void FuncEnv::tableInit(uint32_t table, uint32_t segment, Value *dst,
                        Value *src, Value *n) {
  Value *count = b.CreateLoad(b.getInt32Ty(), elemCountPtr(segment));
  callRuntime("wk_table_init", b.getVoidTy(),
              {tablePtr(table), elemItems(segment), count, dst, src, n});
}

void FuncEnv::elemDrop(uint32_t segment) {
  b.CreateStore(b.getInt32(0), elemCountPtr(segment));
}

Value *FuncEnv::funcRef(uint32_t funcIndex) {
  uint32_t numImported = mg.wasm.numImportedFuncs;
  if (funcIndex < numImported)
    return loadInvariant(mg.ptrType(),
                         fieldPtr(mg.layout.funcImports + 8ull * funcIndex));
  return fieldPtr(mg.layout.funcs +
                  uint64_t(WkFuncSize) * (funcIndex - numImported));
}

//===-- Calls -------------------------------------------------------------===//

Value *FuncEnv::callFuncRef(Value *ref, const FuncType &type,
                            ArrayRef<Value *> args) {
  Value *code = b.CreateLoad(mg.ptrType(), ref, "code");
  Value *ctxPtr =
      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), ref, WkFuncCtxOffset);
  Value *ctx = b.CreateLoad(mg.ptrType(), ctxPtr, "ctx");
  SmallVector<Value *, 8> callArgs{ctx};
  callArgs.append(args.begin(), args.end());
  return b.CreateCall(mg.getFunctionType(type), code, callArgs);
}

Value *FuncEnv::callImport(uint32_t funcIndex, ArrayRef<Value *> args) {
  return callFuncRef(funcRef(funcIndex), mg.wasm.funcType(funcIndex), args);
}

Value *FuncEnv::callIndirect(uint32_t typeIndex, uint32_t table, Value *index,
                             ArrayRef<Value *> args) {
  Value *t = tablePtr(table);
  tableBoundsCheck(t, index, WK_TRAP_UNDEFINED_ELEMENT);
  Value *elements = b.CreateLoad(mg.ptrType(), t);
  Value *slot = b.CreateInBoundsGEP(mg.ptrType(), elements,
                                    b.CreateZExt(index, b.getInt64Ty()));
  Value *ref = b.CreateLoad(mg.ptrType(), slot, "callee");
  trapIf(b.CreateIsNull(ref), WK_TRAP_UNINITIALIZED_ELEMENT);
  Value *typeId = b.CreateLoad(
      b.getInt32Ty(),
      b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), ref, WkFuncTypeIdOffset));
  Value *expected = loadInvariant(
      b.getInt32Ty(), fieldPtr(mg.layout.typeIds + 4ull * typeIndex));
  trapIf(b.CreateICmpNE(typeId, expected), WK_TRAP_INDIRECT_TYPE_MISMATCH);
  return callFuncRef(ref, mg.wasm.types[typeIndex], args);
}
