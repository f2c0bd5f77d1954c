//===- IRGenInit.cpp - The generated instance initialiser -----------------===//
//
// `void init(ptr instance)`, called by wk_instantiate under trap protection
// once the runtime has filled (and zeroed) the instance area: evaluates the
// defined globals' initialisers in order, materialises every element
// segment's items into its compiler-private array, then applies the active
// element segments and afterwards the active data segments in module order
// (table.init / memory.init followed by a drop), as WebAssembly 2.0
// instantiation does.
//
// Its code does not grow with the module: the work is described by private
// constant arrays that a few fixed loops walk. Straight-line code, one
// store or call per global, item and segment, cost LLVM superlinear time
// and gigabytes on modules of 100,000 of them (issue 26 item 2; figures in
// docs/reliability.md, "Compile-time bounds").
//  - The constant initialisers of all defined globals are one byte image,
//    copied into their (contiguous, 16-byte) slots by a single memcpy.
//  - Everything else that is written once is an InitOp row {dst, src, kind}:
//    globals initialised by global.get or ref.func, element items (ref.null
//    needs nothing: the area is zero), element counts and data sizes.
//  - Active and declarative element segments are rows of a second table,
//    active data segments of a third (with an array of their bytes).
//  - Extended constant expressions (3.0: i32/i64 add, sub, mul) are folded
//    here when they read no imported global; the rest, and the globals that
//    read them, are computed by straight-line code after the rows (they are
//    rare: one short sequence each). A computed segment offset goes through
//    a stack array that the segment loops read (OffsetComputed). Tables
//    with an initialiser (3.0) are filled with its value before the element
//    segments apply.
//
//===----------------------------------------------------------------------===//

#include "IRGenDebugInfo.h"
#include "IRGenInternal.h"

#include "llvm/Support/Endian.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <algorithm>

using namespace llvm;
using namespace wasmkiln;

namespace {

/// What an InitOp row does. The low bit (Indirect) says that src is the
/// instance offset of a pointer to the source (an imported global or
/// function) rather than of the source itself.
enum InitOpKind : uint32_t {
  Indirect = 1,
  StoreImm32 = 0, // *(u32 *)(inst + dst) = src
  StoreAddr = 2,  // *(void **)(inst + dst) = &src (a wk_func *)
  Copy4 = 4,      // copy 4, 8 or 16 bytes from src to dst
  Copy8 = 6,
  Copy16 = 8,
  NumInitOpKinds = 10
};

/// Where a segment's offset comes from: the row's value itself, or the i32
/// global at that instance offset (directly or through a pointer).
enum OffsetKind : uint32_t {
  OffsetConst,
  OffsetGlobal,
  OffsetImportedGlobal,
  OffsetComputed // element `value` of the array of computed offsets
};

/// Rows of uint32_t fields, emitted as one ConstantDataArray (cheap for
/// LLVM however many rows there are).
struct Rows {
  explicit Rows(unsigned stride) : stride(stride) {}
  void add(ArrayRef<uint32_t> row) {
    // Wide rows get their last two fields from addWideFields.
    assert(row.size() == stride || row.size() + 2 == stride);
    data.append(row.begin(), row.end());
  }
  uint64_t size() const { return data.size() / stride; }
  unsigned stride;
  SmallVector<uint32_t, 0> data;
};

class InitBuilder {
public:
  InitBuilder(ModuleGen &mg, Function *f)
      : mg(mg), f(f), instance(f->getArg(0)),
        b(BasicBlock::Create(mg.ctx, "entry", f)),
        env(mg, b, f, instance, "init"), ops(3), elemRows(wideElems() ? 8 : 6),
        dataRows(wideDatas() ? 7 : 5) {}

  void build();
  void publishMemoryBase();

private:
  void collectGlobals();
  void collectElems();
  void collectDatas();
  void addCopy(uint32_t dst, uint32_t global, unsigned width);
  void addValue(uint32_t dst, const ConstExpr &expr);
  std::pair<uint32_t, uint32_t> offsetRow(const ConstExpr &expr);

  std::optional<uint64_t> fold(const ConstExpr &expr);
  bool needsCompute(const ConstExpr &expr);
  Value *globalValue(uint32_t index);
  Value *compute(const ConstExpr &expr);
  Value *refValue(const ConstExpr &expr);

  void emitGlobalImage();
  void emitOps();
  void emitComputed();
  void emitTableInits();
  void emitElems();
  void emitDatas();

  Value *table(const Rows &rows, StringRef name);
  /// Emits `for (i = 0; i < count; ++i) body(i)` at the insertion point.
  void loop(uint64_t count, function_ref<void(Value *)> body);
  Value *field(Value *table, const Rows &rows, Value *i, unsigned index);
  Value *at(Value *offset);
  Value *offsetValue(Value *kind, Value *value);
  Value *offsetValue64(Value *kind, Value *low, Value *high, Value *is64);
  /// With a 64-bit table or memory (table64, memory64) the segment rows
  /// carry two more fields, the offset's high half and whether it is an
  /// i64, and the segments are applied with 64-bit destinations.
  bool wideElems() const {
    return llvm::any_of(mg.wasm.tables,
                        [](const TableType &t) { return t.is64; });
  }
  bool wideDatas() const {
    return llvm::any_of(mg.wasm.memories,
                        [](const MemoryType &m) { return m.is64; });
  }
  void addWideFields(Rows &rows, const ConstExpr &offset, bool is64);
  Value *runtimeObject(uint32_t arrayOffset, Value *index);

  ModuleGen &mg;
  Function *f;
  Value *instance;
  IRBuilder<> b;
  FuncEnv env; // its loads and stores of runtime data
  std::vector<uint8_t> globalImage;
  Rows ops, elemRows, dataRows;
  std::vector<Constant *> dataBytes;
  // Defined globals (by index) computed by code, in order; offsets likewise
  // (OffsetComputed indexes them), and the stack array that holds them.
  std::vector<uint32_t> computedGlobals;
  std::vector<const ConstExpr *> computedOffsets;
  Value *offsetArray = nullptr;
};

} // namespace

//===-- Collecting the rows -----------------------------------------------===//

static unsigned byteWidth(ValType type) {
  switch (type) {
  case ValType::I32:
  case ValType::F32:
    return 4;
  case ValType::V128:
    return 16;
  default:
    return 8;
  }
}

static bool isInteger(ValType t) {
  return t == ValType::I32 || t == ValType::I64;
}

/// The value of an integer constant expression that reads no imported
/// global (and no global computed at run time); none otherwise.
std::optional<uint64_t> InitBuilder::fold(const ConstExpr &expr) {
  const wasmkiln::Module &wasm = mg.wasm;
  switch (expr.kind) {
  case ConstExpr::I32Const:
  case ConstExpr::I64Const:
    return expr.bits;
  case ConstExpr::GlobalGet: {
    uint32_t n = wasm.numImportedGlobals;
    if (expr.index < n || !isInteger(wasm.globals[expr.index].type))
      return std::nullopt;
    return fold(wasm.globalInits[expr.index - n]);
  }
  case ConstExpr::Extended: {
    SmallVector<uint64_t, 4> stack;
    for (const ConstExpr &op : expr.ops) {
      if (op.kind < ConstExpr::I32Add) {
        std::optional<uint64_t> v = fold(op);
        if (!v)
          return std::nullopt;
        stack.push_back(*v);
        continue;
      }
      uint64_t rhs = stack.pop_back_val(), lhs = stack.pop_back_val();
      uint64_t r = 0;
      switch (op.kind) {
      case ConstExpr::I32Add:
      case ConstExpr::I64Add:
        r = lhs + rhs;
        break;
      case ConstExpr::I32Sub:
      case ConstExpr::I64Sub:
        r = lhs - rhs;
        break;
      default:
        r = lhs * rhs;
        break;
      }
      // i32 results stay sign-extended, as I32Const bits are.
      if (op.kind <= ConstExpr::I32Mul)
        r = uint64_t(int64_t(int32_t(uint32_t(r))));
      stack.push_back(r);
    }
    return stack.back();
  }
  default:
    return std::nullopt;
  }
}

/// An expression that only code can evaluate: extended and not foldable,
/// or a global.get of a global that code computes.
bool InitBuilder::needsCompute(const ConstExpr &expr) {
  const wasmkiln::Module &wasm = mg.wasm;
  if (expr.kind == ConstExpr::Extended)
    return !fold(expr);
  if (expr.kind != ConstExpr::GlobalGet || expr.index < wasm.numImportedGlobals)
    return false;
  return needsCompute(wasm.globalInits[expr.index - wasm.numImportedGlobals]);
}

/// Loads global \p index (plain loads: init writes the globals).
Value *InitBuilder::globalValue(uint32_t index) {
  Value *slot = at(b.getInt32(mg.layout.globals[index]));
  if (index < mg.wasm.numImportedGlobals)
    slot = env.loadRuntime(mg.ptrType(), slot);
  return env.loadRuntime(mg.getType(mg.wasm.globals[index].type), slot);
}

/// Code for an integer constant expression (after the rows have run).
Value *InitBuilder::compute(const ConstExpr &expr) {
  if (std::optional<uint64_t> v = fold(expr)) {
    bool is64 = expr.kind == ConstExpr::I64Const ||
                (expr.kind == ConstExpr::GlobalGet &&
                 mg.wasm.globals[expr.index].type == ValType::I64);
    if (expr.kind == ConstExpr::Extended)
      is64 = expr.ops.back().kind >= ConstExpr::I64Add ||
             expr.ops.back().kind == ConstExpr::I64Const;
    return is64 ? b.getInt64(*v) : b.getInt32(uint32_t(*v));
  }
  if (expr.kind == ConstExpr::GlobalGet)
    return globalValue(expr.index);
  SmallVector<Value *, 4> stack;
  for (const ConstExpr &op : expr.ops) {
    if (op.kind < ConstExpr::I32Add) {
      stack.push_back(compute(op));
      continue;
    }
    Value *rhs = stack.pop_back_val(), *lhs = stack.pop_back_val();
    switch (op.kind) {
    case ConstExpr::I32Add:
    case ConstExpr::I64Add:
      stack.push_back(b.CreateAdd(lhs, rhs));
      break;
    case ConstExpr::I32Sub:
    case ConstExpr::I64Sub:
      stack.push_back(b.CreateSub(lhs, rhs));
      break;
    default:
      stack.push_back(b.CreateMul(lhs, rhs));
      break;
    }
  }
  return stack.back();
}

/// The value of a reference constant expression (a table's initialiser).
Value *InitBuilder::refValue(const ConstExpr &expr) {
  switch (expr.kind) {
  case ConstExpr::RefFunc:
    return env.funcRef(expr.index);
  case ConstExpr::GlobalGet:
    return globalValue(expr.index);
  default:
    return Constant::getNullValue(mg.ptrType());
  }
}

void InitBuilder::addCopy(uint32_t dst, uint32_t global, unsigned width) {
  uint32_t kind = width == 4 ? Copy4 : width == 8 ? Copy8 : Copy16;
  if (global < mg.wasm.numImportedGlobals)
    kind |= Indirect;
  ops.add({dst, mg.layout.globals[global], kind});
}

/// A row for a value that is not a constant: global.get or ref.func.
void InitBuilder::addValue(uint32_t dst, const ConstExpr &expr) {
  const wasmkiln::Module &wasm = mg.wasm;
  if (expr.kind == ConstExpr::GlobalGet) {
    addCopy(dst, expr.index, byteWidth(wasm.globals[expr.index].type));
  } else if (expr.kind == ConstExpr::RefFunc) {
    uint32_t n = wasm.numImportedFuncs;
    if (expr.index < n)
      ops.add({dst,
               uint32_t(mg.layout.funcImports + abi::PointerSize * expr.index),
               StoreAddr | Indirect});
    else
      ops.add({dst,
               uint32_t(mg.layout.funcs + abi::FuncSize * (expr.index - n)),
               StoreAddr});
  }
}

void InitBuilder::collectGlobals() {
  const wasmkiln::Module &wasm = mg.wasm;
  size_t count = wasm.globalInits.size();
  if (count == 0)
    return;
  uint32_t base = mg.layout.globals[wasm.numImportedGlobals];
  std::vector<uint8_t> image(abi::ValueSize * count);
  bool nonZero = false;
  for (size_t i = 0; i < count; ++i) {
    const ConstExpr &expr = wasm.globalInits[i];
    uint8_t *slot = &image[abi::ValueSize * i];
    assert(mg.layout.globals[wasm.numImportedGlobals + i] ==
           base + abi::ValueSize * i);
    if (needsCompute(expr)) {
      computedGlobals.push_back(wasm.numImportedGlobals + i);
      continue;
    }
    std::optional<uint64_t> folded;
    if (expr.kind == ConstExpr::Extended)
      folded = fold(expr);
    switch (expr.kind) {
    case ConstExpr::Extended:
      if (byteWidth(wasm.globals[wasm.numImportedGlobals + i].type) == 4)
        support::endian::write32le(slot, uint32_t(*folded));
      else
        support::endian::write64le(slot, *folded);
      break;
    case ConstExpr::I32Const:
    case ConstExpr::F32Const:
      support::endian::write32le(slot, uint32_t(expr.bits));
      break;
    case ConstExpr::I64Const:
    case ConstExpr::F64Const:
      support::endian::write64le(slot, expr.bits);
      break;
    case ConstExpr::V128Const:
      std::copy(expr.v128.begin(), expr.v128.end(), slot);
      break;
    case ConstExpr::RefNull:
      break;
    case ConstExpr::RefFunc:
    case ConstExpr::GlobalGet:
      addValue(base + abi::ValueSize * i, expr);
      break;
    default: // the arithmetic kinds occur only inside Extended
      break;
    }
    nonZero |=
        std::any_of(slot, slot + abi::ValueSize, [](uint8_t c) { return c; });
  }
  if (nonZero)
    globalImage = std::move(image);
}

std::pair<uint32_t, uint32_t> InitBuilder::offsetRow(const ConstExpr &expr) {
  if (needsCompute(expr)) {
    computedOffsets.push_back(&expr);
    return {OffsetComputed, uint32_t(computedOffsets.size() - 1)};
  }
  if (expr.kind == ConstExpr::Extended)
    return {OffsetConst, uint32_t(*fold(expr))};
  if (expr.kind != ConstExpr::GlobalGet)
    return {OffsetConst, uint32_t(expr.bits)};
  bool imported = expr.index < mg.wasm.numImportedGlobals;
  return {imported ? OffsetImportedGlobal : OffsetGlobal,
          mg.layout.globals[expr.index]};
}

void InitBuilder::collectElems() {
  for (size_t k = 0; k < mg.wasm.elems.size(); ++k) {
    const ElemSegment &seg = mg.wasm.elems[k];
    uint32_t countOffset = mg.layout.elems[k];
    for (size_t j = 0; j < seg.items.size(); ++j)
      addValue(countOffset + abi::ElemSegmentItems +
                   abi::PointerSize * uint32_t(j),
               seg.items[j]);
    uint32_t n = seg.items.size();
    if (n)
      ops.add({uint32_t(countOffset + abi::ElemSegmentCount), n, StoreImm32});
    if (seg.mode == SegmentMode::Passive)
      continue;
    bool active = seg.mode == SegmentMode::Active;
    auto [offKind, offValue] =
        active ? offsetRow(seg.offset) : std::pair<uint32_t, uint32_t>();
    elemRows.add({countOffset, seg.table, n, offKind, offValue, active});
    if (elemRows.stride > 6)
      addWideFields(elemRows, seg.offset,
                    active && mg.wasm.tables[seg.table].is64);
  }
}

void InitBuilder::collectDatas() {
  for (size_t k = 0; k < mg.wasm.datas.size(); ++k) {
    const DataSegment &seg = mg.wasm.datas[k];
    uint32_t size = seg.bytes.size();
    if (size)
      ops.add({mg.layout.datas[k], size, StoreImm32});
    if (seg.mode != SegmentMode::Active)
      continue;
    auto [offKind, offValue] = offsetRow(seg.offset);
    dataRows.add({mg.layout.datas[k], seg.memory, size, offKind, offValue});
    if (dataRows.stride > 5)
      addWideFields(dataRows, seg.offset, mg.wasm.memories[seg.memory].is64);
    dataBytes.push_back(mg.dataBytes[k]);
  }
}

/// The wide rows' last two fields: the offset constant's high half (zero for
/// i32 offsets, whose bits are sign-extended) and whether it is an i64.
void InitBuilder::addWideFields(Rows &rows, const ConstExpr &offset,
                                bool is64) {
  uint32_t high = is64 && offset.kind != ConstExpr::GlobalGet
                      ? uint32_t(offset.bits >> 32)
                      : 0;
  rows.data.push_back(high);
  rows.data.push_back(is64);
}

//===-- Emitting the loops ------------------------------------------------===//

Value *InitBuilder::table(const Rows &rows, StringRef name) {
  Constant *init = ConstantDataArray::get(mg.ctx, ArrayRef(rows.data));
  auto *gv = new GlobalVariable(mg.ir, init->getType(), true,
                                GlobalValue::PrivateLinkage, init, name);
  gv->setAlignment(Align(4));
  return gv;
}

void InitBuilder::loop(uint64_t count, function_ref<void(Value *)> body) {
  BasicBlock *pre = b.GetInsertBlock();
  BasicBlock *head = BasicBlock::Create(mg.ctx, "init.loop", f);
  BasicBlock *exit = BasicBlock::Create(mg.ctx, "init.done", f);
  b.CreateBr(head);
  b.SetInsertPoint(head);
  PHINode *i = b.CreatePHI(b.getInt64Ty(), 2, "i");
  i->addIncoming(b.getInt64(0), pre);
  body(i);
  Value *next = b.CreateNUWAdd(i, b.getInt64(1));
  i->addIncoming(next, b.GetInsertBlock());
  b.CreateCondBr(b.CreateICmpULT(next, b.getInt64(count)), head, exit);
  b.SetInsertPoint(exit);
}

Value *InitBuilder::field(Value *table, const Rows &rows, Value *i,
                          unsigned index) {
  Value *at = b.CreateNUWAdd(b.CreateNUWMul(i, b.getInt64(rows.stride)),
                             b.getInt64(index));
  return b.CreateLoad(b.getInt32Ty(),
                      b.CreateInBoundsGEP(b.getInt32Ty(), table, at));
}

Value *InitBuilder::at(Value *offset) {
  return b.CreateInBoundsGEP(b.getInt8Ty(), instance,
                             b.CreateZExt(offset, b.getInt64Ty()));
}

void InitBuilder::emitGlobalImage() {
  if (globalImage.empty())
    return;
  Constant *init = ConstantDataArray::get(mg.ctx, ArrayRef(globalImage));
  auto *gv =
      new GlobalVariable(mg.ir, init->getType(), true,
                         GlobalValue::PrivateLinkage, init, "global_image");
  gv->setAlignment(Align(abi::ValueAlign));
  uint32_t base = mg.layout.globals[mg.wasm.numImportedGlobals];
  b.CreateMemCpy(at(b.getInt32(base)), Align(abi::ValueAlign), gv,
                 Align(abi::ValueAlign), globalImage.size())
      ->setMetadata(LLVMContext::MD_tbaa, mg.tbaaRuntime);
}

void InitBuilder::emitOps() {
  if (ops.size() == 0)
    return;
  Value *rows = table(ops, "init_ops");
  loop(ops.size(), [&](Value *i) {
    Value *dst = at(field(rows, ops, i, 0));
    Value *src = field(rows, ops, i, 1);
    Value *kind = field(rows, ops, i, 2);
    BasicBlock *next = BasicBlock::Create(mg.ctx, "init.next", f);
    SwitchInst *sw = b.CreateSwitch(kind, next, NumInitOpKinds);
    auto addCase = [&](uint32_t k, function_ref<void()> emit) {
      BasicBlock *block = BasicBlock::Create(mg.ctx, "init.op", f, next);
      sw->addCase(b.getInt32(k), block);
      b.SetInsertPoint(block);
      emit();
      b.CreateBr(next);
    };
    addCase(StoreImm32, [&] { env.storeRuntime(src, dst); });
    for (uint32_t k = StoreAddr; k < NumInitOpKinds; ++k) {
      addCase(k, [&] {
        Value *from = at(src);
        if (k & Indirect)
          from = env.loadRuntime(mg.ptrType(), from);
        if ((k & ~Indirect) == StoreAddr) {
          env.storeRuntime(from, dst);
          return;
        }
        unsigned bits = (k & ~Indirect) == Copy4   ? 32
                        : (k & ~Indirect) == Copy8 ? 64
                                                   : 128;
        env.storeRuntime(env.loadRuntime(b.getIntNTy(bits), from), dst);
      });
    }
    b.SetInsertPoint(next);
  });
}

Value *InitBuilder::offsetValue(Value *kind, Value *value) {
  BasicBlock *pre = b.GetInsertBlock();
  BasicBlock *global = BasicBlock::Create(mg.ctx, "init.offset", f);
  BasicBlock *join = BasicBlock::Create(mg.ctx, "init.offset.done", f);
  b.CreateCondBr(b.CreateICmpEQ(kind, b.getInt32(OffsetConst)), join, global);
  b.SetInsertPoint(global);
  BasicBlock *computed = nullptr;
  Value *computedValue = nullptr;
  if (offsetArray) {
    // Only modules with computed offsets have this third case.
    BasicBlock *fromGlobal =
        BasicBlock::Create(mg.ctx, "init.offset.global", f);
    computed = BasicBlock::Create(mg.ctx, "init.offset.computed", f);
    b.CreateCondBr(b.CreateICmpEQ(kind, b.getInt32(OffsetComputed)), computed,
                   fromGlobal);
    b.SetInsertPoint(computed);
    computedValue =
        b.CreateLoad(b.getInt32Ty(),
                     b.CreateInBoundsGEP(b.getInt32Ty(), offsetArray,
                                         b.CreateZExt(value, b.getInt64Ty())));
    b.CreateBr(join);
    b.SetInsertPoint(fromGlobal);
    global = fromGlobal;
  }
  Value *slot = at(value);
  // One instruction per statement: the order of a call's arguments is the
  // host compiler's choice, and the IR must not depend on it.
  Value *imported = b.CreateICmpEQ(kind, b.getInt32(OffsetImportedGlobal));
  Value *owner = env.loadRuntime(mg.ptrType(), slot);
  Value *ptr = b.CreateSelect(imported, owner, slot);
  Value *loaded = env.loadRuntime(b.getInt32Ty(), ptr);
  b.CreateBr(join);
  b.SetInsertPoint(join);
  PHINode *phi = b.CreatePHI(b.getInt32Ty(), 2, "offset");
  phi->addIncoming(value, pre);
  phi->addIncoming(loaded, global);
  if (computed)
    phi->addIncoming(computedValue, computed);
  return phi;
}

/// offsetValue for wide rows: an i64, from the row's two halves or from the
/// global (an i64 global when is64, else an i32 one, zero-extended).
Value *InitBuilder::offsetValue64(Value *kind, Value *low, Value *high,
                                  Value *is64) {
  Type *i64 = b.getInt64Ty();
  Value *highPart = b.CreateShl(b.CreateZExt(high, i64), 32);
  Value *constant = b.CreateOr(highPart, b.CreateZExt(low, i64));
  BasicBlock *pre = b.GetInsertBlock();
  BasicBlock *global = BasicBlock::Create(mg.ctx, "init.offset", f);
  BasicBlock *join = BasicBlock::Create(mg.ctx, "init.offset.done", f);
  b.CreateCondBr(b.CreateICmpEQ(kind, b.getInt32(OffsetConst)), join, global);
  b.SetInsertPoint(global);
  Value *slot = at(low);
  Value *imported = b.CreateICmpEQ(kind, b.getInt32(OffsetImportedGlobal));
  Value *owner = env.loadRuntime(mg.ptrType(), slot);
  Value *ptr = b.CreateSelect(imported, owner, slot);
  Value *wide = env.loadRuntime(i64, ptr);
  Value *narrow = b.CreateZExt(env.loadRuntime(b.getInt32Ty(), ptr), i64);
  Value *isWide = b.CreateIsNotNull(is64);
  Value *loaded = b.CreateSelect(isWide, wide, narrow);
  b.CreateBr(join);
  b.SetInsertPoint(join);
  PHINode *phi = b.CreatePHI(i64, 2, "offset");
  phi->addIncoming(constant, pre);
  phi->addIncoming(loaded, global);
  return phi;
}

/// The wk_table * or wk_memory * at index \p index of the array of them at
/// instance offset \p arrayOffset.
Value *InitBuilder::runtimeObject(uint32_t arrayOffset, Value *index) {
  Value *offset =
      b.CreateNUWAdd(b.getInt32(arrayOffset),
                     b.CreateNUWMul(index, b.getInt32(abi::PointerSize)));
  return env.loadRuntime(mg.ptrType(), at(offset));
}

void InitBuilder::emitElems() {
  if (elemRows.size() == 0)
    return;
  Value *rows = table(elemRows, "init_elems");
  Type *i32 = b.getInt32Ty();
  loop(elemRows.size(), [&](Value *i) {
    Value *countPtr = at(field(rows, elemRows, i, 0));
    BasicBlock *apply = BasicBlock::Create(mg.ctx, "init.table", f);
    BasicBlock *drop = BasicBlock::Create(mg.ctx, "init.drop", f);
    b.CreateCondBr(b.CreateIsNotNull(field(rows, elemRows, i, 5)), apply, drop);
    b.SetInsertPoint(apply);
    Value *t = runtimeObject(mg.layout.tables, field(rows, elemRows, i, 1));
    Value *n = field(rows, elemRows, i, 2);
    Value *offsetKind = field(rows, elemRows, i, 3);
    bool wide = elemRows.stride > 6;
    Value *dst = wide ? offsetValue64(offsetKind, field(rows, elemRows, i, 4),
                                      field(rows, elemRows, i, 6),
                                      field(rows, elemRows, i, 7))
                      : offsetValue(offsetKind, field(rows, elemRows, i, 4));
    Value *items = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), countPtr,
                                                abi::ElemSegmentItems);
    Value *count = env.loadRuntime(i32, countPtr);
    if (wide)
      mg.createRuntimeCall(b, WK_RUNTIME_FN(wk_table_init64),
                           {t, items, count, dst, b.getInt32(0), n});
    else
      mg.createRuntimeCall(b, WK_RUNTIME_FN(wk_table_init),
                           {t, items, count, dst, b.getInt32(0), n});
    b.CreateBr(drop);
    b.SetInsertPoint(drop);
    env.storeRuntime(b.getInt32(0), countPtr);
  });
}

void InitBuilder::emitDatas() {
  if (dataRows.size() == 0)
    return;
  Value *rows = table(dataRows, "init_datas");
  Type *ptr = mg.ptrType();
  auto *bytesTy = ArrayType::get(ptr, dataBytes.size());
  auto *bytes = new GlobalVariable(
      mg.ir, bytesTy, true, GlobalValue::PrivateLinkage,
      ConstantArray::get(bytesTy, dataBytes), "init_data_bytes");
  bytes->setAlignment(Align(alignof(void *)));
  Type *i32 = b.getInt32Ty();
  loop(dataRows.size(), [&](Value *i) {
    Value *sizePtr = at(field(rows, dataRows, i, 0));
    Value *mem = runtimeObject(mg.layout.memories, field(rows, dataRows, i, 1));
    Value *n = field(rows, dataRows, i, 2);
    Value *offsetKind = field(rows, dataRows, i, 3);
    bool wide = dataRows.stride > 5;
    Value *dst = wide ? offsetValue64(offsetKind, field(rows, dataRows, i, 4),
                                      field(rows, dataRows, i, 5),
                                      field(rows, dataRows, i, 6))
                      : offsetValue(offsetKind, field(rows, dataRows, i, 4));
    Value *data = b.CreateLoad(ptr, b.CreateInBoundsGEP(ptr, bytes, i));
    Value *size = env.loadRuntime(i32, sizePtr);
    if (wide)
      mg.createRuntimeCall(b, WK_RUNTIME_FN(wk_memory_init64),
                           {mem, data, size, dst, b.getInt32(0), n});
    else
      mg.createRuntimeCall(b, WK_RUNTIME_FN(wk_memory_init),
                           {mem, data, size, dst, b.getInt32(0), n});
    env.storeRuntime(b.getInt32(0), sizePtr);
  });
}

/// The globals and offsets that only code can evaluate, in module order
/// (after the rows, which they may read).
void InitBuilder::emitComputed() {
  for (uint32_t index : computedGlobals)
    env.storeRuntime(
        compute(mg.wasm.globalInits[index - mg.wasm.numImportedGlobals]),
        at(b.getInt32(mg.layout.globals[index])));
  if (computedOffsets.empty())
    return;
  IRBuilder<> atEntry(&f->getEntryBlock(), f->getEntryBlock().begin());
  offsetArray = atEntry.CreateAlloca(
      b.getInt32Ty(), atEntry.getInt32(computedOffsets.size()), "offsets");
  for (size_t i = 0; i < computedOffsets.size(); ++i)
    b.CreateStore(compute(*computedOffsets[i]),
                  b.CreateConstInBoundsGEP1_64(b.getInt32Ty(), offsetArray, i));
}

/// Fills each defined table that has a non-null initialiser with its value.
void InitBuilder::emitTableInits() {
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = 0; i < wasm.tableInits.size(); ++i) {
    const std::optional<ConstExpr> &init = wasm.tableInits[i];
    if (!init || init->kind == ConstExpr::RefNull)
      continue;
    uint32_t table = wasm.numImportedTables + i;
    Value *value = refValue(*init);
    env.tableFill(table, b.getInt32(0), value, env.tableSize(table));
  }
}

/// -g: the guest's variables in linear memory are found through a native
/// variable holding memory 0's base, which init sets (volatile, and kept
/// as used: nothing but the debugger reads it). With several instances of
/// the module, the last one instantiated. Hidden, not internal: the
/// statics of functions in other parts refer to it. gdb sees it as
/// `__wasm_memory` (tools/gdb/wasmkiln.py follows wasm pointers with it).
void InitBuilder::publishMemoryBase() {
  if (!mg.debug || !mg.options.debugInfo || mg.wasm.memories.empty())
    return;
  auto *slot = new GlobalVariable(
      mg.ir, mg.ptrType(), false, GlobalValue::ExternalLinkage,
      Constant::getNullValue(mg.ptrType()), mg.debug->memoryBaseName());
  slot->setVisibility(GlobalValue::HiddenVisibility);
  // In .data, not .bss: ORC's debug objects give gdb the addresses of
  // the sections with contents only (a .bss slot would read as address 0).
  slot->setSection(".data.wasmkiln.debug");
  b.CreateStore(env.memoryBase(0), slot, /*isVolatile=*/true);
  appendToCompilerUsed(mg.ir, {slot});
  mg.debug->declareGlobals(slot);
}

void InitBuilder::build() {
  publishMemoryBase();
  collectGlobals();
  collectElems();
  collectDatas();
  emitGlobalImage();
  emitOps();
  emitComputed();
  emitTableInits();
  emitElems();
  emitDatas();
  b.CreateRetVoid();
}

Expected<Function *> wasmkiln::createInitFunction(ModuleGen &mg) {
  auto *type =
      FunctionType::get(Type::getVoidTy(mg.ctx), {mg.ptrType()}, false);
  Function *f =
      Function::Create(type, GlobalValue::InternalLinkage,
                       "wasm:" + mg.options.moduleName + ":init", mg.ir);
  f->setDoesNotThrow();
  f->getArg(0)->setName("instance");
  InitBuilder(mg, f).build();
  return f;
}
