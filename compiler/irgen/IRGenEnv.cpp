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
#include "wasmkiln/passes/BoundsCheckOpt.h"

#include "wasmkiln/runtime.h"

#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;
using namespace wasmkiln;

FuncEnv::FuncEnv(ModuleGen &mg, IRBuilder<> &b, Function *func, Value *instance,
                 StringRef displayName)
    : mg(mg), b(b), func(func), instance(instance),
      displayName(displayName.str()) {}

Value *FuncEnv::fieldPtr(uint64_t offset) {
  return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), instance, offset);
}

/// The field at \p offset of the runtime object \p object (an abi:: offset).
Value *FuncEnv::fieldOf(Value *object, uint64_t offset) {
  if (offset == 0)
    return object;
  return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), object, offset);
}

LoadInst *FuncEnv::loadRuntime(Type *type, Value *ptr, const Twine &name) {
  LoadInst *load = b.CreateLoad(type, ptr, name);
  load->setMetadata(LLVMContext::MD_tbaa, mg.tbaaRuntime);
  return load;
}

void FuncEnv::storeRuntime(Value *value, Value *ptr) {
  b.CreateStore(value, ptr)->setMetadata(LLVMContext::MD_tbaa, mg.tbaaRuntime);
}

/// For fields the runtime fills before any generated code runs and never
/// changes afterwards (memory bases, table and import pointers, type ids).
Value *FuncEnv::loadInvariant(Type *type, Value *ptr) {
  LoadInst *load = loadRuntime(type, ptr);
  load->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(mg.ctx, {}));
  return load;
}

void FuncEnv::emitPrologue() {
  // Loaded once at entry (LLVM drops them when unused): the element array
  // of table 0 if it never grows, so that a call_indirect in a loop indexes
  // a register instead of reloading it behind the bounds check.
  if (!mg.wasm.tables.empty() && fixedTableSize(0))
    table0Elements = loadInvariant(mg.ptrType(), tablePtr(0));
  if (mg.wasm.memories.empty())
    return;
  mem0Base = loadInvariant(mg.ptrType(), fieldPtr(abi::InstanceMem0Base));
  mem0 = loadObjectPtr<wk_memory>(abi::InstanceMem0);
}

/// Whether \p f calls anything that can come back into wasm code or use
/// more than a little stack: anything but intrinsics and noreturn calls (the
/// trap paths).
static bool makesCalls(Function &f) {
  for (BasicBlock &block : f)
    for (Instruction &inst : block)
      if (auto *call = dyn_cast<CallBase>(&inst))
        if (!isa<IntrinsicInst>(call) && !call->doesNotReturn())
          return true;
  return false;
}

void FuncEnv::emitStackCheck(BasicBlock *entry, uint64_t frameEstimate) {
  // A leaf with a small frame needs no check (as in V8): its caller checked
  // its own frame, and the runtime's margin below stack_limit (room for
  // host functions, at least 16 KiB) absorbs the leaf's few hundred bytes.
  if (frameEstimate <= MaxUncheckedLeafFrame && !makesCalls(*func))
    return;
  Instruction *term = entry->getTerminator();
  BasicBlock *body = term->getSuccessor(0);
  term->eraseFromParent();
  b.SetInsertPoint(entry);
  Function *readRegister = Intrinsic::getDeclaration(
      &mg.ir, Intrinsic::read_register, {b.getInt64Ty()});
  // The stack pointer's name in llvm.read_register is the target's own.
  StringRef spName = Triple(mg.options.targetTriple).isAArch64() ? "sp" : "rsp";
  MDNode *spReg = MDNode::get(mg.ctx, {MDString::get(mg.ctx, spName)});
  Value *sp = b.CreateCall(readRegister, {MetadataAsValue::get(mg.ctx, spReg)});
  Value *limit = loadRuntime(b.getInt64Ty(), fieldPtr(abi::InstanceStackLimit),
                             "stack_limit");
  // sp - frame < limit. A small frame fits in the runtime's margin below
  // the limit (as a checked-free leaf does), so sp < limit decides: one
  // compare with a memory operand. No stack lies in the lowest 64 KiB
  // (vm.mmap_min_addr), so only frames larger than that can wrap sp - frame.
  Value *low;
  if (frameEstimate <= MaxUncheckedLeafFrame) {
    low = b.CreateICmpULT(sp, limit);
  } else {
    Value *frame = b.getInt64(frameEstimate);
    low = b.CreateICmpULT(b.CreateSub(sp, frame), limit);
    if (frameEstimate > MaxUnwrappedFrame)
      low = b.CreateOr(b.CreateICmpULT(sp, frame), low);
  }
  BasicBlock *trapBB = getTrapBlock(WK_TRAP_STACK_EXHAUSTED);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(low, trapBB, body, md.createUnlikelyBranchWeights());
}

//===-- Traps -------------------------------------------------------------===//

BasicBlock *FuncEnv::createTrapCallTo(const Twine &name, StringRef callee,
                                      FunctionType *type,
                                      ArrayRef<Value *> args) {
  BasicBlock *block = BasicBlock::Create(mg.ctx, name, func);
  IRBuilder<> tb(block);
  FunctionCallee trapFn = mg.getRuntimeFunction(callee, type, args);
  if (auto *f = dyn_cast<Function>(trapFn.getCallee())) {
    f->setDoesNotReturn();
    f->setDoesNotThrow();
  }
  tb.CreateCall(trapFn, args)->setDoesNotReturn();
  tb.CreateUnreachable();
  return block;
}

void FuncEnv::attributeTrapSite(BasicBlock *trapBlock, bool firstSite) {
  // The call says which instruction it traps for (the pc map's entry)
  // while one site branches to it; shared, only its function (line 0),
  // rather than one of the sites: inlined, its frames are still known. The
  // blocks stay shared, so that checks that branch to the same one can
  // merge.
  auto *call = cast<CallInst>(trapBlock->getTerminator()->getPrevNode());
  DISubprogram *sp = func->getSubprogram();
  if (firstSite || !sp)
    call->setDebugLoc(b.getCurrentDebugLocation());
  else
    call->setDebugLoc(DILocation::get(mg.ctx, 0, 0, sp));
}

BasicBlock *FuncEnv::getTrapBlock(uint32_t kind) {
  BasicBlock *&block = trapBlocks[kind];
  bool firstSite = !block || mg.options.ownTrapSites;
  if (firstSite)
    block = createTrapCall("trap", WK_RUNTIME_FN(wk_trap_at),
                           {b.getInt32(kind), mg.getString(displayName)});
  attributeTrapSite(block, firstSite);
  return block;
}

void FuncEnv::branchToTrapIf(Value *cond,
                             function_ref<BasicBlock *()> getTrapBlock,
                             const Twine &contName) {
  BasicBlock *cont = BasicBlock::Create(mg.ctx, contName, func);
  MDBuilder md(mg.ctx);
  b.CreateCondBr(cond, getTrapBlock(), cont, md.createUnlikelyBranchWeights());
  b.SetInsertPoint(cont);
}

void FuncEnv::trapIf(Value *cond, uint32_t kind) {
  branchToTrapIf(cond, [&] { return getTrapBlock(kind); });
}

void FuncEnv::trap(uint32_t kind) { b.CreateBr(getTrapBlock(kind)); }

//===-- Memory ------------------------------------------------------------===//

/// A pointer field of the instance that points to a runtime object of
/// \p bytes bytes aligned to \p align (wk_memory, wk_table) for the
/// instance's lifetime.
Value *FuncEnv::loadObjectPtr(uint64_t offset, uint64_t bytes, uint64_t align) {
  auto *load = cast<LoadInst>(loadInvariant(mg.ptrType(), fieldPtr(offset)));
  MDBuilder md(mg.ctx);
  load->setMetadata(LLVMContext::MD_nonnull, MDNode::get(mg.ctx, {}));
  // With the alignment known, loads of the object's fields may be hoisted
  // out of loops past a conditional trap (e.g. a fixed table's element
  // array in a dispatch loop).
  load->setMetadata(
      LLVMContext::MD_align,
      MDNode::get(mg.ctx, {md.createConstant(b.getInt64(align))}));
  load->setMetadata(
      LLVMContext::MD_dereferenceable,
      MDNode::get(mg.ctx, {md.createConstant(b.getInt64(bytes))}));
  return load;
}

Value *FuncEnv::memoryPtr(uint32_t memory) {
  if (memory == 0 && mem0)
    return mem0;
  return loadObjectPtr<wk_memory>(mg.layout.memories +
                                  abi::PointerSize * memory);
}

Value *FuncEnv::memoryBase(uint32_t memory) {
  if (memory == 0 && mem0Base)
    return mem0Base;
  // wk_memory.base never moves.
  return loadInvariant(mg.ptrType(),
                       fieldOf(memoryPtr(memory), abi::MemoryBase));
}

/// Another thread may grow a shared memory at any time: its size is read
/// atomically (a plain load on x86-64 and aarch64 all the same). Monotonic
/// order suffices for a bounds check: the size only grows, and a grow that
/// happened before this thread's last synchronisation is seen by coherence.
/// memory.size asks for \p order seq_cst, as the threads proposal says.
Value *FuncEnv::memoryBytes(uint32_t memory, AtomicOrdering order) {
  LoadInst *size = loadRuntime(
      b.getInt64Ty(), fieldOf(memoryPtr(memory), abi::MemorySize), "mem_size");
  if (mg.wasm.memories[memory].shared)
    size->setAtomic(order);
  return size;
}

Value *FuncEnv::getAddress(const MemArg &mem, Value *index, unsigned width) {
  const MemoryType &type = mg.wasm.memories[mem.memory];
  if (type.is64)
    return getAddress64(mem, index, width);
  Value *base = memoryBase(mem.memory);
  // 64-bit arithmetic: a 32-bit index plus a 32-bit offset cannot wrap.
  Value *index64 = b.CreateZExt(index, b.getInt64Ty());
  // A memory of 1-byte pages is checked in guard mode too: its size need
  // not be a multiple of the OS page.
  if (mg.options.boundsChecks == BoundsChecks::Explicit || !type.guardable())
    boundsCheck(mem.memory, index64, mem.offset + uint64_t(width));
  Value *ea = b.CreateAdd(index64, b.getInt64(mem.offset));
  return b.CreateGEP(b.getInt8Ty(), base, ea, "addr");
}

/// The effective address of an access to a 64-bit memory (memory64), checked
/// explicitly in both bounds-check modes (no reservation covers 2^64 bytes):
/// index + offset + width is computed without wrapping, and any carry out
/// of 64 bits traps like an address past the end (docs/conformance.md).
Value *FuncEnv::getAddress64(const MemArg &mem, Value *index, unsigned width) {
  Value *base = memoryBase(mem.memory);
  uint64_t bytes = mem.offset + uint64_t(width);
  Value *outside;
  if (bytes < mem.offset) {
    // offset + width > 2^64 - 1: no index makes the access fit.
    outside = b.getTrue();
  } else {
    Value *sum = b.CreateBinaryIntrinsic(Intrinsic::uadd_with_overflow, index,
                                         b.getInt64(bytes));
    Value *end = b.CreateExtractValue(sum, 0, "end");
    Value *wrapped = b.CreateExtractValue(sum, 1, "wrapped");
    outside =
        b.CreateOr(wrapped, b.CreateICmpUGT(end, memoryBytes(mem.memory)));
  }
  trapIf(outside, WK_TRAP_MEMORY_OOB);
  // Only reached when index + offset did not wrap.
  Value *ea = b.CreateNUWAdd(index, b.getInt64(mem.offset));
  return b.CreateGEP(b.getInt8Ty(), base, ea, "addr");
}

/// Traps unless index64 + bytes <= the size of \p memory, as
/// index64 > size - bytes (signed: index64 < 2^32, bytes < 2^33 and
/// size <= 2^32, so nothing wraps). size - bytes is loop-invariant unless
/// the loop calls, so a check in a loop is one compare of two registers.
/// BoundsCheckOpt recognises this shape (and what InstCombine makes of it).
void FuncEnv::boundsCheck(uint32_t memory, Value *index64, uint64_t bytes) {
  if (!mg.ir.getNamedMetadata(MemorySlotsMetadata)) {
    // Where the wk_memory pointers are, for BoundsCheckOpt: the header's
    // copy of memory 0's (see emitPrologue) and the memories array.
    NamedMDNode *slots = mg.ir.getOrInsertNamedMetadata(MemorySlotsMetadata);
    auto addSlot = [&](uint64_t offset) {
      slots->addOperand(
          MDNode::get(mg.ctx, {ConstantAsMetadata::get(b.getInt64(offset))}));
    };
    addSlot(abi::InstanceMem0);
    for (size_t i = 0; i < mg.wasm.memories.size(); ++i)
      addSlot(mg.layout.memories + abi::PointerSize * i);
  }
  Value *limit = b.CreateSub(memoryBytes(memory), b.getInt64(bytes), "limit",
                             /*HasNUW=*/false, /*HasNSW=*/true);
  trapIf(b.CreateICmpSGT(index64, limit), WK_TRAP_MEMORY_OOB);
}

Value *FuncEnv::memorySize(uint32_t memory) {
  const MemoryType &type = mg.wasm.memories[memory];
  // custom-page-sizes: pages of 2^pageSizeLog2 bytes (abi::PageShift: 16).
  unsigned shift = type.pageSizeLog2 == DefaultPageSizeLog2
                       ? unsigned(abi::PageShift)
                       : type.pageSizeLog2;
  Value *pages = b.CreateLShr(
      memoryBytes(memory, AtomicOrdering::SequentiallyConsistent), shift);
  if (type.is64)
    return pages;
  return b.CreateTrunc(pages, b.getInt32Ty());
}

Value *FuncEnv::memoryGrow(uint32_t memory, Value *delta) {
  if (mg.wasm.memories[memory].is64)
    return callRuntime(WK_RUNTIME_FN(wk_memory_grow64),
                       {memoryPtr(memory), delta});
  return callRuntime(WK_RUNTIME_FN(wk_memory_grow), {memoryPtr(memory), delta});
}

/// Traps unless [start, start + n) lies within \p memory; returns the
/// address of start.
Value *FuncEnv::checkedRange(uint32_t memory, Value *start, Value *n) {
  Value *start64 = b.CreateZExt(start, b.getInt64Ty());
  Value *n64 = b.CreateZExt(n, b.getInt64Ty());
  if (mg.wasm.memories[memory].is64) {
    // 64-bit operands: start + n may carry out of 64 bits.
    Value *sum =
        b.CreateBinaryIntrinsic(Intrinsic::uadd_with_overflow, start64, n64);
    Value *end = b.CreateExtractValue(sum, 0);
    trapIf(b.CreateOr(b.CreateExtractValue(sum, 1),
                      b.CreateICmpUGT(end, memoryBytes(memory))),
           WK_TRAP_MEMORY_OOB);
    return b.CreateGEP(b.getInt8Ty(), memoryBase(memory), start64);
  }
  trapIf(rangeOutOfBounds(memory, start64, n64), WK_TRAP_MEMORY_OOB);
  return b.CreateGEP(b.getInt8Ty(), memoryBase(memory), start64);
}

Value *FuncEnv::rangeOutOfBounds(uint32_t memory, Value *start64, Value *n64) {
  return b.CreateICmpUGT(b.CreateAdd(start64, n64), memoryBytes(memory));
}

// memory.fill and memory.copy are inline (a range check, then LLVM's memset
// or memmove), not runtime calls: with -mbulk-memory every memcpy of a C
// program becomes memory.copy, most with small constant sizes that LLVM
// turns into a few moves. Both check the whole range first, so an
// out-of-bounds operation writes nothing.
void FuncEnv::memoryFill(uint32_t memory, Value *dst, Value *value, Value *n) {
  Value *addr = checkedRange(memory, dst, n);
  CallInst *fill =
      b.CreateMemSet(addr, b.CreateTrunc(value, b.getInt8Ty()),
                     b.CreateZExt(n, b.getInt64Ty()), MaybeAlign(1));
  fill->setMetadata(LLVMContext::MD_tbaa, mg.tbaaMemory);
}

void FuncEnv::memoryCopy(uint32_t dstMem, uint32_t srcMem, Value *dst,
                         Value *src, Value *n) {
  Value *to = checkedRange(dstMem, dst, n);
  Value *from = checkedRange(srcMem, src, n);
  CallInst *copy = b.CreateMemMove(to, MaybeAlign(1), from, MaybeAlign(1),
                                   b.CreateZExt(n, b.getInt64Ty()));
  copy->setMetadata(LLVMContext::MD_tbaa, mg.tbaaMemory);
}

void FuncEnv::memoryInit(uint32_t memory, uint32_t segment, Value *dst,
                         Value *src, Value *n) {
  Value *size = loadRuntime(b.getInt32Ty(), fieldPtr(mg.layout.datas[segment]));
  if (mg.wasm.memories[memory].is64) {
    callRuntime(WK_RUNTIME_FN(wk_memory_init64),
                {memoryPtr(memory), mg.dataBytes[segment], size, dst, src, n});
    return;
  }
  callRuntime(WK_RUNTIME_FN(wk_memory_init),
              {memoryPtr(memory), mg.dataBytes[segment], size, dst, src, n});
}

void FuncEnv::dataDrop(uint32_t segment) { setDataSize(segment, 0); }

void FuncEnv::setDataSize(uint32_t segment, uint32_t size) {
  storeRuntime(b.getInt32(size), fieldPtr(mg.layout.datas[segment]));
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
  LoadInst *load = loadRuntime(mg.getType(type.type), globalPtr(global));
  // Defined immutable globals are written once, by init, before any body
  // runs; imported ones may still be set by their (exporting) owner.
  if (!type.isMutable && global >= mg.wasm.numImportedGlobals)
    load->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(mg.ctx, {}));
  return load;
}

void FuncEnv::globalSet(uint32_t global, Value *value) {
  storeRuntime(value, globalPtr(global));
}

//===-- Tables ------------------------------------------------------------===//

Value *FuncEnv::tablePtr(uint32_t table) {
  return loadObjectPtr<wk_table>(mg.layout.tables + abi::PointerSize * table);
}

std::optional<uint32_t> FuncEnv::fixedTableSize(uint32_t table) {
  // A defined table whose maximum is its minimum never grows (an imported
  // one may be larger than its import declares).
  if (table < mg.wasm.numImportedTables)
    return std::nullopt;
  const Limits &limits = mg.wasm.tables[table].limits;
  if (!limits.max || *limits.max != limits.min || limits.min > UINT32_MAX)
    return std::nullopt;
  return uint32_t(limits.min);
}

void FuncEnv::tableBoundsCheck(uint32_t table, Value *t, Value *index,
                               uint32_t kind) {
  Value *size;
  if (auto fixed = fixedTableSize(table))
    size = b.getInt32(*fixed);
  else
    size =
        loadRuntime(b.getInt32Ty(), fieldOf(t, abi::TableSize), "table_size");
  // table64: an i64 index against the (32-bit) size.
  size = b.CreateZExt(size, index->getType());
  trapIf(b.CreateICmpUGE(index, size), kind);
}

Value *FuncEnv::tableSlot(uint32_t table, Value *t, Value *index) {
  // wk_table.elements moves only when the table grows.
  Value *elements =
      table == 0 && table0Elements ? table0Elements
      : fixedTableSize(table)
          ? loadInvariant(mg.ptrType(), fieldOf(t, abi::TableElements))
          : loadRuntime(mg.ptrType(), fieldOf(t, abi::TableElements));
  return b.CreateInBoundsGEP(mg.ptrType(), elements,
                             b.CreateZExt(index, b.getInt64Ty()));
}

Value *FuncEnv::tableGet(uint32_t table, Value *index) {
  Value *t = tablePtr(table);
  tableBoundsCheck(table, t, index, WK_TRAP_TABLE_OOB);
  return loadRuntime(mg.ptrType(), tableSlot(table, t, index));
}

void FuncEnv::tableSet(uint32_t table, Value *index, Value *value) {
  Value *t = tablePtr(table);
  tableBoundsCheck(table, t, index, WK_TRAP_TABLE_OOB);
  storeRuntime(value, tableSlot(table, t, index));
}

Value *FuncEnv::tableSize(uint32_t table) {
  Value *size;
  if (auto fixed = fixedTableSize(table))
    size = b.getInt32(*fixed);
  else
    size =
        loadRuntime(b.getInt32Ty(), fieldOf(tablePtr(table), abi::TableSize));
  if (mg.wasm.tables[table].is64)
    return b.CreateZExt(size, b.getInt64Ty());
  return size;
}

Value *FuncEnv::tableGrow(uint32_t table, Value *init, Value *delta) {
  if (mg.wasm.tables[table].is64)
    return callRuntime(WK_RUNTIME_FN(wk_table_grow64),
                       {tablePtr(table), init, delta});
  return callRuntime(WK_RUNTIME_FN(wk_table_grow),
                     {tablePtr(table), init, delta});
}

/// Operands of a table64 bulk operation, widened to i64 (a copy between an
/// i32 and an i64 table has i32 operands too).
Value *FuncEnv::tableOperand64(Value *v) {
  return b.CreateZExt(v, b.getInt64Ty());
}

void FuncEnv::tableFill(uint32_t table, Value *dst, Value *value, Value *n) {
  if (mg.wasm.tables[table].is64) {
    callRuntime(WK_RUNTIME_FN(wk_table_fill64),
                {tablePtr(table), dst, value, n});
    return;
  }
  callRuntime(WK_RUNTIME_FN(wk_table_fill), {tablePtr(table), dst, value, n});
}

void FuncEnv::tableCopy(uint32_t dstTable, uint32_t srcTable, Value *dst,
                        Value *src, Value *n) {
  if (mg.wasm.tables[dstTable].is64 || mg.wasm.tables[srcTable].is64) {
    callRuntime(WK_RUNTIME_FN(wk_table_copy64),
                {tablePtr(dstTable), tablePtr(srcTable), tableOperand64(dst),
                 tableOperand64(src), tableOperand64(n)});
    return;
  }
  callRuntime(WK_RUNTIME_FN(wk_table_copy),
              {tablePtr(dstTable), tablePtr(srcTable), dst, src, n});
}

Value *FuncEnv::elemCountPtr(uint32_t segment) {
  return fieldPtr(mg.layout.elems[segment] + abi::ElemSegmentCount);
}

Value *FuncEnv::elemItems(uint32_t segment) {
  return fieldPtr(mg.layout.elems[segment] + abi::ElemSegmentItems);
}

void FuncEnv::tableInit(uint32_t table, uint32_t segment, Value *dst,
                        Value *src, Value *n) {
  Value *count = loadRuntime(b.getInt32Ty(), elemCountPtr(segment));
  if (mg.wasm.tables[table].is64) {
    callRuntime(WK_RUNTIME_FN(wk_table_init64),
                {tablePtr(table), elemItems(segment), count, dst, src, n});
    return;
  }
  callRuntime(WK_RUNTIME_FN(wk_table_init),
              {tablePtr(table), elemItems(segment), count, dst, src, n});
}

void FuncEnv::elemDrop(uint32_t segment) {
  storeRuntime(b.getInt32(0), elemCountPtr(segment));
}

Value *FuncEnv::funcRef(uint32_t funcIndex) {
  uint32_t numImported = mg.wasm.numImportedFuncs;
  if (funcIndex < numImported)
    return loadInvariant(mg.ptrType(), fieldPtr(mg.layout.funcImports +
                                                abi::PointerSize * funcIndex));
  return fieldPtr(mg.layout.funcs + abi::FuncSize * (funcIndex - numImported));
}

//===-- Calls -------------------------------------------------------------===//

Value *FuncEnv::callFuncRef(Value *ref, const FuncType &type,
                            ArrayRef<Value *> args) {
  Value *ctx = loadRuntime(mg.ptrType(), fieldOf(ref, abi::FuncCtx), "ctx");
  return callCode(ref, ctx, type, args);
}

/// Calls the code of wk_func \p ref with instance \p ctx.
Value *FuncEnv::callCode(Value *ref, Value *ctx, const FuncType &type,
                         ArrayRef<Value *> args) {
  Value *code = loadRuntime(mg.ptrType(), fieldOf(ref, abi::FuncCode), "code");
  SmallVector<Value *, 8> callArgs{ctx};
  callArgs.append(args.begin(), args.end());
  return b.CreateCall(mg.getFunctionType(type), code, callArgs);
}

Value *FuncEnv::callImport(uint32_t funcIndex, ArrayRef<Value *> args) {
  return callFuncRef(funcRef(funcIndex), mg.wasm.funcType(funcIndex), args);
}

Value *FuncEnv::callIndirect(uint32_t typeIndex, uint32_t table, Value *index,
                             ArrayRef<Value *> args) {
  Value *ref = loadIndirectCallee(typeIndex, table, index);
  // A table of this module's own functions: the callee's instance is ours
  // (TableAnalysis.h), which the callee gets without waiting for the entry.
  if (isOwnFunctionTable(table))
    return callCode(ref, instance, mg.wasm.types[typeIndex], args);
  return callFuncRef(ref, mg.wasm.types[typeIndex], args);
}

bool FuncEnv::isOwnFunctionTable(uint32_t table) const {
  const std::vector<bool> &own = mg.wasm.ownFunctionTables;
  return table < own.size() && own[table];
}

Value *FuncEnv::loadIndirectCallee(uint32_t typeIndex, uint32_t table,
                                   Value *index) {
  Value *t = tablePtr(table);
  tableBoundsCheck(table, t, index, WK_TRAP_UNDEFINED_ELEMENT);
  Value *ref = loadRuntime(mg.ptrType(), tableSlot(table, t, index), "callee");
  trapIf(b.CreateIsNull(ref), WK_TRAP_UNINITIALIZED_ELEMENT);
  Value *typeId = loadRuntime(b.getInt32Ty(), fieldOf(ref, abi::FuncTypeId));
  Value *expected =
      loadInvariant(b.getInt32Ty(),
                    fieldPtr(mg.layout.typeIds + abi::TypeIdSize * typeIndex));
  trapIf(b.CreateICmpNE(typeId, expected), WK_TRAP_INDIRECT_TYPE_MISMATCH);
  return ref;
}

Value *FuncEnv::callRef(uint32_t typeIndex, Value *ref,
                        ArrayRef<Value *> args) {
  trapIf(b.CreateIsNull(ref), WK_TRAP_NULL_FUNC_REF);
  return callFuncRef(ref, mg.wasm.types[typeIndex], args);
}
