//===- IRGenTailCall.cpp - return_call and return_call_indirect -----------===//
//
// A tail call replaces the caller's frame with the callee's, so that any
// number of them runs in constant stack. LLVM guarantees that only for a
// `musttail` call between functions of a tail-call convention; the C
// convention of ordinary modules cannot. So a module that makes tail calls
// (Module::usesTailCalls) gives every defined function swifttailcc, with the
// instance as swiftself (the register that the C-convention modules pin with
// swiftcc: Codegen.cpp, pinInstanceRegister), and every call between them
// uses it. Modules without tail calls keep the C convention and the code
// they had before.
//
// What the runtime and other modules call stays C: the code pointer of a
// wk_func. A referenced function of a tail-call module gets a C entry that
// calls it (getCEntry), and the module keeps a table of the tail-call code of
// its referenced functions, indexed like the instance's wk_func array
// (getTailEntries). An indirect tail call whose wk_func lies in the caller's
// own instance's array jumps through that table. Any other callee (an
// import, a function of another instance or module) is a wk_func of unknown
// origin: when it is a wasm function of a tail-call module, that module's
// descriptor has the same table (wk_module.tail_code) and the call jumps
// through it with the callee's instance (tailCallForeign), so a mutual
// recursion across modules and instances runs in constant stack too. A host
// function, or a function of a C-convention module, is called through its C
// code and its result returned: neither can tail-call back, so the stack
// stays bounded.
//
// musttail needs the callee's LLVM function type to be the call's: the
// callee's wasm type is the one the call names up to equivalence (the
// signature id check of return_call_indirect; for return_call_ref and
// imports the validator and import matching, and function types are final
// without GC, TypeRelations.h), its results may only be subtypes of the
// caller's where they are references, and every reference lowers to ptr.
//
// LLVM cannot make a musttail call whose results it returns through memory
// (more than four integer or four float/vector results on x86-64). A
// function of such a type takes a pointer to its results' buffer as its
// last argument instead (returnsThroughPointer), which its tail calls pass
// on: the results land in the buffer of the first caller that made an
// ordinary call.
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "llvm/IR/Attributes.h"

using namespace llvm;
using namespace wasmkiln;

//===-- ModuleGen ---------------------------------------------------------===//

void ModuleGen::setWasmConvention(Function *f) const {
  if (!tailCalls)
    return;
  f->setCallingConv(CallingConv::SwiftTail);
  f->addParamAttr(0, Attribute::SwiftSelf);
}

/// Gives \p call the convention of this module's functions.
static void setCallConvention(const ModuleGen &mg, CallInst *call) {
  if (!mg.tailCalls)
    return;
  call->setCallingConv(CallingConv::SwiftTail);
  call->addParamAttr(0, Attribute::SwiftSelf);
}

/// Whether LLVM returns \p results in registers under swifttailcc: four
/// integer and four float/vector registers on x86-64 (rax, rdx, rcx, r8;
/// xmm0-3), at least as many on aarch64.
static bool resultsFitInRegisters(ArrayRef<ValType> results) {
  unsigned ints = 0, floats = 0;
  for (ValType t : results) {
    bool isFloat = t == ValType::F32 || t == ValType::F64 || t == ValType::V128;
    ++(isFloat ? floats : ints);
  }
  return ints <= 4 && floats <= 4;
}

bool ModuleGen::returnsThroughPointer(const FuncType &type) const {
  return tailCalls && !resultsFitInRegisters(type.results);
}

FunctionType *ModuleGen::getWasmFunctionType(const FuncType &type) const {
  FunctionType *cType = getFunctionType(type);
  if (!returnsThroughPointer(type))
    return cType;
  SmallVector<Type *, 8> params(cType->params());
  params.push_back(ptrType());
  return FunctionType::get(Type::getVoidTy(ctx), params, false);
}

Value *ModuleGen::callWasmCode(IRBuilder<> &b, Function *caller, Value *code,
                               const FuncType &type,
                               ArrayRef<Value *> args) const {
  SmallVector<Value *, 8> callArgs(args);
  AllocaInst *buffer = nullptr;
  if (returnsThroughPointer(type)) {
    BasicBlock &entry = caller->getEntryBlock();
    IRBuilder<> entryBuilder(&entry, entry.getFirstInsertionPt());
    buffer = entryBuilder.CreateAlloca(getResultType(type), nullptr,
                                       "results.buffer");
    callArgs.push_back(buffer);
  }
  CallInst *call = b.CreateCall(getWasmFunctionType(type), code, callArgs);
  setCallConvention(*this, call);
  if (!buffer)
    return call;
  return b.CreateLoad(buffer->getAllocatedType(), buffer, "results");
}

Function *ModuleGen::getCEntry(uint32_t func) {
  Function *f = functions[func];
  if (!tailCalls)
    return f;
  Function *&entry = cEntries[func];
  if (entry)
    return entry;
  entry = Function::Create(getFunctionType(wasm.funcType(func)),
                           GlobalValue::InternalLinkage,
                           f->getName() + ":c_entry", ir);
  entry->setDoesNotThrow();
  AttrBuilder instanceAttrs(ctx, f->getAttributes().getParamAttrs(0));
  instanceAttrs.removeAttribute(Attribute::SwiftSelf);
  entry->addParamAttrs(0, instanceAttrs);
  IRBuilder<> b(BasicBlock::Create(ctx, "entry", entry));
  SmallVector<Value *, 8> args;
  for (Argument &arg : entry->args())
    args.push_back(&arg);
  Value *result = callWasmCode(b, entry, f, wasm.funcType(func), args);
  if (result->getType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(result);
  return entry;
}

GlobalVariable *ModuleGen::getTailEntries() {
  if (tailEntries)
    return tailEntries;
  SmallVector<Constant *, 16> entries;
  for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
    entries.push_back(wasm.declaredFuncRefs.contains(i)
                          ? cast<Constant>(functions[i])
                          : Constant::getNullValue(ptrType()));
  auto *type = ArrayType::get(ptrType(), entries.size());
  tailEntries =
      new GlobalVariable(ir, type, true, GlobalValue::PrivateLinkage,
                         ConstantArray::get(type, entries), "tail_entries");
  tailEntries->setAlignment(Align(alignof(void *)));
  return tailEntries;
}

//===-- FuncEnv -----------------------------------------------------------===//

void FuncEnv::returnCallResult(Value *result) {
  if (result->getType()->isVoidTy()) {
    b.CreateRetVoid();
  } else if (func->getReturnType()->isVoidTy()) { // returnsThroughPointer
    b.CreateStore(result, func->getArg(func->arg_size() - 1));
    b.CreateRetVoid();
  } else {
    b.CreateRet(result);
  }
}

void FuncEnv::emitTailCall(Value *code, const FuncType &type,
                           Value *calleeInstance, ArrayRef<Value *> args) {
  // Without the module-wide convention (a module generated without
  // decodeAndValidate's facts) the call is an ordinary one.
  SmallVector<Value *, 8> callArgs{calleeInstance};
  callArgs.append(args.begin(), args.end());
  if (!mg.tailCalls) {
    returnCallResult(b.CreateCall(mg.getFunctionType(type), code, callArgs));
    return;
  }
  // The caller's results are the callee's (validation), so both return
  // through a pointer or neither does: the caller's buffer is passed on.
  if (mg.returnsThroughPointer(type))
    callArgs.push_back(func->getArg(func->arg_size() - 1));
  CallInst *call = b.CreateCall(mg.getWasmFunctionType(type), code, callArgs);
  setCallConvention(mg, call);
  call->setTailCallKind(CallInst::TCK_MustTail);
  if (call->getType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(call);
}

void FuncEnv::tailCallFuncRef(Value *ref, const FuncType &type,
                              ArrayRef<Value *> args, bool ownInstance) {
  uint64_t numDefined = mg.wasm.funcs.size() - mg.wasm.numImportedFuncs;
  if (!mg.tailCalls) {
    returnCallResult(callFuncRef(ref, type, args));
    return;
  }
  if (numDefined == 0) {
    tailCallForeign(ref, type, args);
    return;
  }
  Type *i64 = b.getInt64Ty();
  Value *offset = b.CreateSub(b.CreatePtrToInt(ref, i64),
                              b.CreatePtrToInt(fieldPtr(mg.layout.funcs), i64),
                              "func.offset");
  if (!ownInstance) {
    Value *inInstance = b.CreateICmpULT(
        offset, b.getInt64(numDefined * abi::FuncSize), "own.func");
    BasicBlock *own = BasicBlock::Create(mg.ctx, "tail.own", func);
    BasicBlock *foreign = BasicBlock::Create(mg.ctx, "tail.foreign", func);
    b.CreateCondBr(inInstance, own, foreign);
    b.SetInsertPoint(foreign);
    tailCallForeign(ref, type, args);
    b.SetInsertPoint(own);
  }
  Value *slot =
      b.CreateInBoundsGEP(mg.ptrType(), mg.getTailEntries(),
                          b.CreateExactUDiv(offset, b.getInt64(abi::FuncSize)));
  Value *code = loadInvariant(mg.ptrType(), slot);
  emitTailCall(code, type, instance, args);
}

void FuncEnv::tailCallImport(uint32_t func, ArrayRef<Value *> args) {
  if (!mg.tailCalls) {
    returnCallResult(callImport(func, args));
    return;
  }
  tailCallForeign(funcRef(func), mg.wasm.funcType(func), args);
}

void FuncEnv::tailCallForeign(Value *ref, const FuncType &type,
                              ArrayRef<Value *> args) {
  BasicBlock *call = BasicBlock::Create(mg.ctx, "tail.call", func);
  Value *calleeInstance = nullptr;
  Value *code = loadForeignTailCode(ref, call, calleeInstance);
  emitTailCall(code, type, calleeInstance, args);
  b.SetInsertPoint(call);
  returnCallResult(callFuncRef(ref, type, args));
}

/// Continues in a new block when \p cond holds, else goes to \p otherwise.
static void continueIf(IRBuilder<> &b, Function *func, Value *cond,
                       BasicBlock *otherwise, const Twine &name) {
  BasicBlock *next = BasicBlock::Create(b.getContext(), name, func);
  b.CreateCondBr(cond, next, otherwise);
  b.SetInsertPoint(next);
}

Value *FuncEnv::loadForeignTailCode(Value *ref, BasicBlock *none,
                                    Value *&calleeInstance) {
  Type *i32 = b.getInt32Ty(), *i64 = b.getInt64Ty(), *ptr = mg.ptrType();
  // Only a wasm function's ctx is an instance (a host's may be anything).
  Value *flags = loadRuntime(i32, fieldOf(ref, abi::FuncFlags), "flags");
  Value *isWasm = b.CreateIsNotNull(
      b.CreateAnd(flags, b.getInt32(abi::FuncFlagWasm)), "is.wasm");
  continueIf(b, func, isWasm, none, "tail.wasm");
  calleeInstance = loadRuntime(ptr, fieldOf(ref, abi::FuncCtx), "ctx");
  Value *module =
      loadInvariant(ptr, fieldOf(calleeInstance, abi::InstanceModule));
  Value *table = loadInvariant(ptr, fieldOf(module, abi::ModuleTailCode));
  continueIf(b, func, b.CreateIsNotNull(table), none, "tail.module");
  // The wk_func's index in its instance's array: a copy of a wk_func
  // elsewhere (an embedder's) is no index, and gets the call.
  Value *funcsOffset = b.CreateZExt(
      loadInvariant(i32, fieldOf(module, abi::ModuleFuncsOffset)), i64);
  Value *numFuncs = b.CreateZExt(
      loadInvariant(i32, fieldOf(module, abi::ModuleNumFuncs)), i64);
  Value *funcs =
      b.CreateAdd(b.CreatePtrToInt(calleeInstance, i64), funcsOffset);
  Value *offset = b.CreateSub(b.CreatePtrToInt(ref, i64), funcs, "func.offset");
  Value *inArray = b.CreateICmpULT(
      offset, b.CreateMul(numFuncs, b.getInt64(abi::FuncSize)), "in.array");
  continueIf(b, func, inArray, none, "tail.index");
  Value *slot = b.CreateInBoundsGEP(
      ptr, table, b.CreateUDiv(offset, b.getInt64(abi::FuncSize)));
  Value *code = loadInvariant(ptr, slot);
  continueIf(b, func, b.CreateIsNotNull(code), none, "tail.jump");
  return code;
}

void FuncEnv::tailCallIndirect(uint32_t typeIndex, uint32_t table, Value *index,
                               ArrayRef<Value *> args) {
  Value *ref = loadIndirectCallee(typeIndex, table, index);
  tailCallFuncRef(ref, mg.wasm.types[typeIndex], args,
                  isOwnFunctionTable(table));
}
