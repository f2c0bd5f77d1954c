//===- IRGenFrameInfo.cpp - What a backtrace needs of generated code ------===//
//
// A trap's backtrace (runtime-lib/backtrace.c) walks the native stack with
// the unwind tables, finds each frame's function start there, and reads the
// wk_frame_info placed right before it to tell a wasm function from runtime
// or host code and to name it. Both change the data around the code, never
// the instructions: prefix data sits before the entry, unwind tables in
// .eh_frame.
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "wasmkiln/abi/RuntimeABI.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;
using namespace wasmkiln;

/// Longer names are cut: the descriptor and the symbol table keep them whole.
constexpr size_t MaxFrameName = 239;

void wasmkiln::attachFrameInfo(ModuleGen &mg, uint32_t funcIndex) {
  Function *func = mg.functions[funcIndex];
  Type *i32 = Type::getInt32Ty(mg.ctx);
  // The name goes into the prefix too, not as a pointer: a pointer would be
  // a relocation in read-only code (refused in shared objects and PIE) or,
  // relative to the function, a use of the function itself that keeps it
  // alive after inlining and marks its address taken.
  std::string name = mg.displayNames[funcIndex].substr(0, MaxFrameName);
  name.resize(alignTo(name.size() + 1, abi::FrameInfoSize), '\0');
  int32_t nameOffset = -int32_t(name.size() + abi::FrameInfoSize);
  Constant *info[] = {
      ConstantInt::get(i32, abi::FrameInfoMagic),
      ConstantInt::get(i32, funcIndex),
      ConstantInt::get(i32, uint32_t(nameOffset)),
      ConstantInt::get(i32, uint32_t(mg.wasm.body(funcIndex).bodyOffset)),
  };
  Constant *prefix[] = {
      ConstantDataArray::getString(mg.ctx, name, /*AddNull=*/false),
      ConstantStruct::getAnon(mg.ctx, info, /*Packed=*/true),
  };
  func->setPrefixData(ConstantStruct::getAnon(mg.ctx, prefix, true));
}

void wasmkiln::addUnwindTables(llvm::Module &ir) {
  ir.setUwtable(UWTableKind::Async);
  for (Function &f : ir)
    if (!f.isDeclaration())
      f.setUWTableKind(UWTableKind::Async);
}
