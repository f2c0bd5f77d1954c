//===- IRGenException.cpp - What exception handling needs of the runtime --===//
//
// The pieces of exception handling that touch the instance layout or the
// runtime ABI: a tag's wk_tag *, new exceptions and their payload slots,
// the thrower wk_throw and the personality routine (runtime-lib/
// exception.c explains the design). The control flow of try blocks (invoke,
// landing pads, clause dispatch) is the function translator's
// (IRGenFunction.cpp).
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "wasmkiln/runtime.h"

using namespace llvm;
using namespace wasmkiln;

bool wasmkiln::moduleMayUnwind(const wasmkiln::Module &wasm) {
  return !wasm.tags.empty();
}

Value *wasmkiln::emitTagRef(ModuleGen &mg, FuncEnv &env, uint32_t tag) {
  return env.loadRuntime(mg.ptrType(),
                         env.fieldPtr(mg.layout.tags + abi::PointerSize * tag),
                         "tag");
}

Value *wasmkiln::emitExceptionTag(ModuleGen &mg, FuncEnv &env, Value *exn) {
  return env.loadRuntime(mg.ptrType(), env.fieldOf(exn, abi::ExceptionTag),
                         "exn.tag");
}

Value *wasmkiln::emitNewException(ModuleGen &mg, IRBuilder<> &b, Value *tag) {
  return mg.createRuntimeCall(b, WK_RUNTIME_FN(wk_exception_new), {tag});
}

Value *wasmkiln::exceptionValuePtr(IRBuilder<> &b, Value *exn, unsigned i) {
  return b.CreateConstInBoundsGEP1_64(
      b.getInt8Ty(), exn, abi::ExceptionValues + abi::ValueSize * i);
}

FunctionCallee wasmkiln::getThrowFunction(ModuleGen &mg) {
  auto fn = WK_RUNTIME_FN(wk_throw);
  FunctionCallee callee = mg.ir.getOrInsertFunction(fn.name, fn.type(mg.ctx));
  // The one runtime function that unwinds: not nounwind, unlike the others.
  if (auto *f = dyn_cast<Function>(callee.getCallee()))
    f->setDoesNotReturn();
  return callee;
}

Function *wasmkiln::getPersonalityFunction(ModuleGen &mg) {
  // Its C prototype (<unwind.h> types) does not matter to the IR: only the
  // symbol is referenced, from the unwind tables.
  FunctionCallee callee = mg.ir.getOrInsertFunction(
      abi::PersonalityName,
      FunctionType::get(Type::getInt32Ty(mg.ctx), /*isVarArg=*/true));
  return cast<Function>(callee.getCallee());
}
