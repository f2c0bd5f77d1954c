//===- IRGenInit.cpp - The generated instance initialiser -----------------===//
//
// `void init(ptr instance)`, called by wk_instantiate under trap protection
// once the runtime has filled the instance area: evaluates the defined
// globals' initialisers in order, materialises every element segment's items
// into its compiler-private array, then applies the active element segments
// and afterwards the active data segments in module order (table.init /
// memory.init followed by a drop), as WebAssembly 2.0 instantiation does.
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "llvm/ADT/APFloat.h"

using namespace llvm;
using namespace wasmkiln;

static Value *evaluate(ModuleGen &mg, FuncEnv &env, IRBuilder<> &b,
                       const ConstExpr &expr) {
  switch (expr.kind) {
  case ConstExpr::I32Const:
    return b.getInt32(uint32_t(expr.bits));
  case ConstExpr::I64Const:
    return b.getInt64(expr.bits);
  case ConstExpr::F32Const:
    return ConstantFP::get(
        mg.ctx, APFloat(APFloat::IEEEsingle(), APInt(32, expr.bits)));
  case ConstExpr::F64Const:
    return ConstantFP::get(
        mg.ctx, APFloat(APFloat::IEEEdouble(), APInt(64, expr.bits)));
  case ConstExpr::V128Const: {
    uint64_t lanes[2] = {0, 0};
    for (unsigned i = 0; i < 16; ++i)
      lanes[i / 8] |= uint64_t(expr.v128[i]) << (8 * (i % 8));
    return ConstantDataVector::get(mg.ctx, ArrayRef<uint64_t>(lanes));
  }
  case ConstExpr::RefNull:
    return Constant::getNullValue(mg.ptrType());
  case ConstExpr::RefFunc:
    return env.funcRef(expr.index);
  case ConstExpr::GlobalGet:
    return env.globalGet(expr.index);
  }
  llvm_unreachable("unknown constant expression");
}

static void initGlobals(ModuleGen &mg, FuncEnv &env, IRBuilder<> &b) {
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = 0; i < wasm.globalInits.size(); ++i)
    env.globalSet(wasm.numImportedGlobals + i,
                  evaluate(mg, env, b, wasm.globalInits[i]));
}

static void materializeElems(ModuleGen &mg, FuncEnv &env, IRBuilder<> &b) {
  for (size_t k = 0; k < mg.wasm.elems.size(); ++k) {
    const ElemSegment &seg = mg.wasm.elems[k];
    Value *items = env.elemItems(k);
    for (size_t j = 0; j < seg.items.size(); ++j)
      b.CreateStore(evaluate(mg, env, b, seg.items[j]),
                    b.CreateConstInBoundsGEP1_64(mg.ptrType(), items, j));
    b.CreateStore(b.getInt32(seg.items.size()), env.elemCountPtr(k));
  }
}

static void applyElems(ModuleGen &mg, FuncEnv &env, IRBuilder<> &b) {
  for (size_t k = 0; k < mg.wasm.elems.size(); ++k) {
    const ElemSegment &seg = mg.wasm.elems[k];
    if (seg.mode == SegmentMode::Active) {
      Value *offset = evaluate(mg, env, b, seg.offset);
      env.tableInit(seg.table, k, offset, b.getInt32(0),
                    b.getInt32(seg.items.size()));
    }
    if (seg.mode != SegmentMode::Passive)
      env.elemDrop(k);
  }
}

static void applyDatas(ModuleGen &mg, FuncEnv &env, IRBuilder<> &b) {
  for (size_t k = 0; k < mg.wasm.datas.size(); ++k) {
    const DataSegment &seg = mg.wasm.datas[k];
    uint32_t size = seg.bytes.size();
    env.setDataSize(k, size);
    if (seg.mode != SegmentMode::Active)
      continue;
    Value *offset = evaluate(mg, env, b, seg.offset);
    env.memoryInit(seg.memory, k, offset, b.getInt32(0), b.getInt32(size));
    env.dataDrop(k);
  }
}

Expected<Function *> wasmkiln::createInitFunction(ModuleGen &mg) {
  auto *type =
      FunctionType::get(Type::getVoidTy(mg.ctx), {mg.ptrType()}, false);
  Function *f =
      Function::Create(type, GlobalValue::InternalLinkage,
                       "wasm:" + mg.options.moduleName + ":init", mg.ir);
  f->setDoesNotThrow();
  f->getArg(0)->setName("instance");
  IRBuilder<> b(BasicBlock::Create(mg.ctx, "entry", f));
  FuncEnv env(mg, b, f, f->getArg(0), "<init>");
  env.globalsInitialized = false;
  env.emitPrologue();
  initGlobals(mg, env, b);
  materializeElems(mg, env, b);
  applyElems(mg, env, b);
  applyDatas(mg, env, b);
  b.CreateRetVoid();
  return f;
}
