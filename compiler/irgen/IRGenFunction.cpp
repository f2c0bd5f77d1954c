//===- IRGenFunction.cpp - Translating one function body ------------------===//
//
// walkFunctionBody (Validator.h) reads a body with BodyReader and validates
// each instruction with FunctionValidator; this file then lowers it, in the
// same pass.
//
// Design note: the invariants of the translator.
//
// * Value stack: `stack` holds one LLVM value per wasm operand, in push
//   order, for reachable code only. Every value dominates the current
//   insertion point. Nothing is pushed or popped while the code is
//   unreachable (`reachable == false`); the validator has already checked
//   the types, so the stack is simply cut back to the frame's height at the
//   next `else`/`end`.
// * Control stack: one ControlFrame per open construct, the function itself
//   at the bottom. `height` is the stack size below the frame's parameters.
//   A frame opened in unreachable code is `dead`: it gets no LLVM blocks and
//   everything up to its `end` is skipped (the validator would call such a
//   block reachable; we know better, nothing can branch into it).
// * Blocks become LLVM blocks: `block` and `if` get an end block (created
//   detached, inserted when reached) with one phi per result; a branch to
//   the label, or falling off the end, adds incoming values to those phis
//   from the branching block. LLVM wants one phi entry per predecessor
//   edge, so br_table routes all entries naming one label with values
//   through one edge block (otherwise N entries into a block of K results
//   would cost N * K phi entries: finding F2). If nothing reaches the end
//   block it is deleted and the code after it is unreachable. `loop` gets a
//   header block with one phi per parameter; branches to a loop label go to
//   the header, and its results simply stay on the stack at `end`. `if`
//   branches to a then block and an else block; the parameters are kept
//   (ifParams) so that the else arm, or the implicit one of an `if` without
//   `else`, starts from them.
// * The function frame's end block ("return") has phis for the results and
//   returns them; `return` returns directly.
// * Locals live in allocas of the entry block (zero-initialised, params
//   stored on entry); mem2reg/SROA turn them into SSA values. A declared
//   local gets its alloca only when the body first uses it: a function may
//   declare 50,000 locals in a few bytes, and unused ones must cost nothing.
// * The entry block ends with the stack-limit check, inserted after the body
//   has been translated, once the maximum stack depth is known.
// * IR budget: a few bytes of wasm can make the translator copy a block's
//   K values (br_if, block/if/loop with params, a call's results); K is at
//   most 1,000 (the decoder's limits) but repeated that still costs
//   gigabytes. `cost` counts the IR values created and phi entries added;
//   past IRCostPerByte per body byte (plus a small base) the function fails
//   with an implementation-limit error instead. Calls, returns and the entry
//   count n values as n * n (chargeWide): see finding F4.
//
//===----------------------------------------------------------------------===//

#include "IRGenFuel.h"
#include "IRGenInternal.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Validator.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

/// A legacy try's catch or catch_all arm: its block, with phis for the
/// payload (filled in by the try's dispatch, at its end) and the exnref.
struct CatchArm {
  std::optional<uint32_t> tag; // none: catch_all
  BasicBlock *block = nullptr;
  SmallVector<PHINode *, 2> params;
  PHINode *exn = nullptr;
};

struct ControlFrame {
  enum Kind : uint8_t { Func, Block, Loop, If, Try, TryTable } kind = Block;
  bool dead = false;         // opened in unreachable code
  bool hasElse = false;      // If: the else arm has started
  bool endReachable = false; // something branches to / falls into endBlock
  size_t height = 0;
  SmallVector<Type *, 2> params, results;
  BasicBlock *endBlock = nullptr; // Func, Block, If
  SmallVector<PHINode *, 2> endPhis;
  BasicBlock *header = nullptr; // Loop
  SmallVector<PHINode *, 2> headerPhis;
  BasicBlock *elseBlock = nullptr; // If
  SmallVector<Value *, 2> ifParams;
  // Exception handling. `handler` is the try whose landing pad the calls
  // directly inside this frame unwind to (an index into handlers, -1: out
  // of the function); `ownHandler` the try this frame opens.
  int handler = -1;
  int ownHandler = -1;          // Try, TryTable
  SmallVector<CatchClause, 2> tableClauses; // TryTable, labels made absolute
  SmallVector<CatchArm, 2> arms; // Try: its catch arms so far
  Value *caughtExn = nullptr;    // Try in a catch arm: what rethrow throws
};

/// One try block's landing pad, created when the first call inside it is
/// (or a throw or delegate names it): `landingpad catch ptr null`, the
/// exception in `exn`. The try's dispatch is appended at its end.
struct Handler {
  int parent = -1; // the handler of the code around the try
  BasicBlock *pad = nullptr;
  Value *exn = nullptr;
};

class FunctionTranslator {
public:
  FunctionTranslator(ModuleGen &mg, uint32_t funcIndex);
  Error run();

private:
  Error translate(const Instr &instr);
  /// translate(), failing once the function's IR exceeds its budget.
  Error translateWithinBudget(const Instr &instr);
  void translateDead(const Instr &instr);
  Error translateOther(const Instr &instr);
  void setupEntry();
  /// After an error: hands the blocks not yet inserted (the end and else
  /// blocks of open frames) to the function, which frees them with the
  /// module; deleting them here would leave dangling branch operands.
  void adoptDetachedBlocks();
  /// The alloca of local \p index, created (zeroed, in the entry block) on
  /// first use.
  AllocaInst *local(uint32_t index);
  /// Under -g: declares the guest's variables of the function (at the end
  /// of the entry block) and the slot they are found through.
  void declareVariables();
  /// Stores the native address of the guest frame base \p v (null: none
  /// yet) in frameBase, where the debugger finds it (volatile: nothing but
  /// the debug info reads it).
  void storeFrameBase(Value *v);
  /// The native address of guest frame base \p v (null: none yet).
  Value *frameAddress(Value *v);

  // Control.
  void blockSignature(const BlockType &bt, SmallVectorImpl<Type *> &params,
                      SmallVectorImpl<Type *> &results);
  void openBlock(const Instr &instr);
  void openLoop(const Instr &instr);
  void openIf(const Instr &instr);
  void elseArm();
  void endFrame();
  ControlFrame &label(uint32_t depth) { return ctrl[ctrl.size() - 1 - depth]; }
  BasicBlock *branchTarget(ControlFrame &frame);
  void addIncoming(ControlFrame &frame, BasicBlock *from);
  void addEndIncoming(ControlFrame &frame, ArrayRef<Value *> values,
                      BasicBlock *from);
  void br(uint32_t depth);
  void brIf(uint32_t depth);
  void brTable(const Instr &instr);
  BasicBlock *brTableDest(uint32_t depth,
                          DenseMap<uint32_t, BasicBlock *> &dests);
  void emitReturn(ArrayRef<Value *> values);

  // Exception handling.
  int currentHandler() const { return ctrl.back().handler; }
  Handler &openHandler();
  BasicBlock *landingPad(int handler);
  void throwException(Value *exn, int handler);
  void makeCallsInvoke(BasicBlock *fromBlock, Instruction *mark,
                       BasicBlock *lastBlock);
  void throwTag(uint32_t tag);
  void openTry(const Instr &instr);
  void openTryTable(const Instr &instr);
  void catchArm(const Instr &instr);
  void endTry(std::optional<uint32_t> delegateLabel);
  void emitDispatch(ControlFrame &frame, int passTo);
  SmallVector<Value *, 4> loadPayload(Value *exn, uint32_t tag);
  void branchWithValues(ControlFrame &target, ArrayRef<Value *> values);
  void markUnreachable() { reachable = false; }
  BasicBlock *newBlock(const Twine &name) {
    return BasicBlock::Create(mg.ctx, name, func);
  }
  void enterBlock(BasicBlock *block);

  // Calls, memory.
  void pushCallResults(Value *result, const FuncType &type);
  void call(uint32_t funcIndex);
  void callIndirect(const Instr &instr);
  void returnCall(uint32_t funcIndex);
  void returnCallIndirect(const Instr &instr);
  void callRef(const Instr &instr);
  void returnCallRef(const Instr &instr);
  bool translateTypedReference(const Instr &instr);
  Value *emitLoad(Opcode op, Value *addr);
  void emitStore(Opcode op, Value *addr, Value *value);
  bool translateMemory(const Instr &instr);
  void translateAtomic(const Instr &instr, llvm::Value *addr,
                       llvm::ArrayRef<llvm::Value *> operands);
  bool translateTable(const Instr &instr);
  bool translateVariable(const Instr &instr);

  // The value stack.
  void push(Value *v) {
    stack.push_back(v);
    maxDepth = std::max(maxDepth, stack.size());
  }
  Value *pop() { return stack.pop_back_val(); }
  /// Values passed or returned through memory make one block of n loads or
  /// stores, and LLVM's machine scheduler takes about n * n time for it
  /// (finding F4: 500 functions forwarding a 1,000-result call, 4 KB, took
  /// minutes); such a move is charged as n * n.
  void chargeWide(size_t n) { cost += uint64_t(n) * n; }
  SmallVector<Value *, 8> popN(size_t n) {
    cost += n;
    SmallVector<Value *, 8> values(stack.end() - n, stack.end());
    stack.resize(stack.size() - n);
    return values;
  }
  ArrayRef<Value *> top(size_t n) {
    return ArrayRef<Value *>(stack).take_back(n);
  }
  Value *isTrue(Value *i32) { return b.CreateICmpNE(i32, b.getInt32(0)); }

  ModuleGen &mg;
  uint32_t funcIndex;
  const FuncType &type;
  const FunctionBody &body;
  Function *func;
  IRBuilder<> b;
  FuncEnv env;
  InterruptChecker interrupts; // --fuel, --timeout (IRGenFuel.cpp)
  BasicBlock *entry = nullptr;

  SmallVector<Value *, 32> stack;
  SmallVector<ControlFrame, 16> ctrl;
  std::vector<Handler> handlers;
  std::vector<AllocaInst *> locals; // null until first used
  std::vector<Type *> localTypes;
  AllocaInst *frameBase = nullptr; // -g: see storeFrameBase
  int32_t frameBaseLocal = -1;
  size_t numLocalAllocas = 0;
  bool reachable = true;
  size_t maxDepth = 0;
  uint64_t cost = 0; // IR values and phi entries created; see IR budget
};

/// The IR budget of a function: cost units per byte of its body, plus a base
/// so that small functions of wide types (a 1,000-result call forwarded by a
/// 3-byte body) still compile. Ordinary code costs a few units per byte.
constexpr uint64_t IRCostPerByte = 64;
constexpr uint64_t IRCostBase = 16384;

} // namespace

FunctionTranslator::FunctionTranslator(ModuleGen &mg, uint32_t funcIndex)
    : mg(mg), funcIndex(funcIndex), type(mg.wasm.funcType(funcIndex)),
      body(mg.wasm.body(funcIndex)), func(mg.functions[funcIndex]), b(mg.ctx),
      env(mg, b, func, func->getArg(0), mg.displayNames[funcIndex]),
      interrupts(mg, env, b, func, mg.displayNames[funcIndex]) {}

void FunctionTranslator::setupEntry() {
  entry = newBlock("entry");
  b.SetInsertPoint(entry);
  if (mg.debug) {
    mg.debug->beginFunction(funcIndex);
    b.SetCurrentDebugLocation(mg.debug->entryLocation());
  }
  for (ValType t : type.params)
    localTypes.push_back(mg.getType(t));
  for (auto &group : body.localGroups)
    localTypes.insert(localTypes.end(), group.first, mg.getType(group.second));
  locals.assign(localTypes.size(), nullptr);
  for (size_t i = 0; i < type.params.size(); ++i) {
    locals[i] = b.CreateAlloca(localTypes[i]);
    b.CreateStore(func->getArg(i + 1), locals[i]);
  }
  numLocalAllocas = type.params.size();
  env.emitPrologue();
  if (mg.debug)
    declareVariables();
  BasicBlock *start = newBlock("body");
  b.CreateBr(start);
  b.SetInsertPoint(start);
  interrupts.emitCheck();
  if (LibcRoutine routine = mg.info->libcRoutines[funcIndex];
      routine != LibcRoutine::None)
    env.emitLibcFastPath(routine,
                         {func->getArg(1), func->getArg(2), func->getArg(3)},
                         !type.results.empty());

  ControlFrame frame;
  frame.kind = ControlFrame::Func;
  for (ValType t : type.results)
    frame.results.push_back(mg.getType(t));
  frame.endBlock = BasicBlock::Create(mg.ctx, "return");
  for (Type *t : frame.results)
    frame.endPhis.push_back(PHINode::Create(t, 2, "", frame.endBlock));
  cost += frame.results.size();
  chargeWide(type.params.size());
  ctrl.push_back(std::move(frame));
}

AllocaInst *FunctionTranslator::local(uint32_t index) {
  if (!locals[index]) {
    IRBuilder<> atEntry(entry, entry->begin());
    locals[index] = atEntry.CreateAlloca(localTypes[index]);
    atEntry.CreateStore(Constant::getNullValue(localTypes[index]),
                        locals[index]);
    ++numLocalAllocas;
  }
  return locals[index];
}

void FunctionTranslator::declareVariables() {
  int32_t fb = mg.debug->frameBaseLocal();
  if (fb >= 0 && size_t(fb) < localTypes.size() && !mg.wasm.memories.empty() &&
      localTypes[fb]->isIntegerTy()) {
    frameBaseLocal = fb;
    // {the guest frame's native address, memory 0's base}: the second
    // turns a pointer variable's wasm address into a native one. Stored
    // whole once, so that SROA keeps the slot one piece.
    Type *slotType = FixedVectorType::get(b.getPtrTy(), 2);
    frameBase = b.CreateAlloca(slotType, nullptr, "frame_base");
    // Inlined, the slot would be the caller's, unset (not even null)
    // where the inlined code begins: gdb would read variables through
    // whatever it held. Such functions are clang -O0 code, not inlined
    // natively either.
    func->addFnAttr(Attribute::NoInline);
    Value *slot = b.CreateInsertElement(
        PoisonValue::get(slotType),
        frameAddress(size_t(fb) < type.params.size() ? func->getArg(fb + 1)
                                                     : nullptr),
        uint64_t(0));
    slot = b.CreateInsertElement(slot, env.memoryBase(0), 1);
    b.CreateStore(slot, frameBase, /*isVolatile=*/true);
  }
  mg.debug->declareVariables(
      b.GetInsertBlock(), frameBase,
      [&](uint32_t index, uint64_t bits) -> AllocaInst * {
        if (index >= localTypes.size() ||
            bits > localTypes[index]->getPrimitiveSizeInBits())
          return nullptr;
        return local(index);
      });
}

Value *FunctionTranslator::frameAddress(Value *v) {
  if (!v)
    return Constant::getNullValue(b.getPtrTy());
  return b.CreateGEP(b.getInt8Ty(), env.memoryBase(0),
                     b.CreateZExtOrTrunc(v, b.getInt64Ty()));
}

void FunctionTranslator::storeFrameBase(Value *v) {
  b.CreateStore(frameAddress(v), frameBase, /*isVolatile=*/true);
}

Error FunctionTranslator::run() {
  setupEntry();
  // The validator has rejected code after the function's end and a body
  // that ends early, before either reaches the translator.
  if (Error err = walkFunctionBody(mg.wasm, funcIndex, [&](const Instr &instr) {
        assert(!ctrl.empty() && "instruction after the function's end");
        return translateWithinBudget(instr);
      })) {
    adoptDetachedBlocks();
    return err;
  }
  assert(ctrl.empty() && "function body ended early");
  // A rough upper bound of the frame: every local and operand spilled.
  uint64_t estimate = 16 * (uint64_t(numLocalAllocas) + maxDepth) + 64;
  if (mg.debug)
    b.SetCurrentDebugLocation(mg.debug->entryLocation());
  env.emitStackCheck(entry, std::min<uint64_t>(estimate, 1 << 20));
  return Error::success();
}

void FunctionTranslator::adoptDetachedBlocks() {
  for (ControlFrame &frame : ctrl)
    for (BasicBlock *block : {frame.endBlock, frame.elseBlock})
      if (block && !block->getParent())
        block->insertInto(func);
}

Error FunctionTranslator::translateWithinBudget(const Instr &instr) {
  uint64_t budget = IRCostPerByte * body.code.size() + IRCostBase;
  ++cost;
  // Inside a try block, the calls an instruction makes become invokes of
  // the try's landing pad (every call instruction: call, call_indirect and
  // those of later proposals).
  bool inTry = reachable && currentHandler() >= 0 &&
               StringRef(getOpcodeInfo(instr.op).text).starts_with("call");
  BasicBlock *fromBlock = inTry ? b.GetInsertBlock() : nullptr;
  Instruction *mark =
      inTry && !fromBlock->empty() ? &fromBlock->back() : nullptr;
  BasicBlock *lastBlock = inTry ? &func->back() : nullptr;
  size_t depth = ctrl.size();
  if (mg.debug)
    b.SetCurrentDebugLocation(mg.debug->locationAt(instr.offset));
  if (Error err = translate(instr))
    return err;
  if (inTry)
    makeCallsInvoke(fromBlock, mark, lastBlock);
  // A new block, loop or if is covered by the try around it.
  if (ctrl.size() > depth && ctrl.back().ownHandler < 0)
    ctrl.back().handler = ctrl[ctrl.size() - 2].handler;
  if (cost <= budget)
    return Error::success();
  return makeError(WasmError::ImplLimit, instr.offset,
                   "function " + Twine(funcIndex) +
                       " too large to compile: its IR would exceed " +
                       Twine(budget) + " values (" + Twine(IRCostPerByte) +
                       " per body byte)");
}

//===-- Control -----------------------------------------------------------===//

void FunctionTranslator::blockSignature(const BlockType &bt,
                                        SmallVectorImpl<Type *> &params,
                                        SmallVectorImpl<Type *> &results) {
  if (bt.kind == BlockType::Value) {
    results.push_back(mg.getType(bt.value));
  } else if (bt.kind == BlockType::TypeIndex) {
    const FuncType &ft = mg.wasm.types[bt.typeIndex];
    for (ValType t : ft.params)
      params.push_back(mg.getType(t));
    for (ValType t : ft.results)
      results.push_back(mg.getType(t));
  }
}

void FunctionTranslator::enterBlock(BasicBlock *block) {
  if (!block->getParent())
    block->insertInto(func);
  b.SetInsertPoint(block);
}

void FunctionTranslator::openBlock(const Instr &instr) {
  ControlFrame frame;
  frame.kind = ControlFrame::Block;
  blockSignature(instr.block, frame.params, frame.results);
  frame.height = stack.size() - frame.params.size();
  frame.endBlock = BasicBlock::Create(mg.ctx, "block.end");
  for (Type *t : frame.results)
    frame.endPhis.push_back(PHINode::Create(t, 2, "", frame.endBlock));
  cost += frame.results.size();
  ctrl.push_back(std::move(frame));
}

void FunctionTranslator::openLoop(const Instr &instr) {
  ControlFrame frame;
  frame.kind = ControlFrame::Loop;
  blockSignature(instr.block, frame.params, frame.results);
  frame.height = stack.size() - frame.params.size();
  frame.header = newBlock("loop");
  BasicBlock *from = b.GetInsertBlock();
  b.CreateBr(frame.header);
  SmallVector<Value *, 4> params = popN(frame.params.size());
  b.SetInsertPoint(frame.header);
  for (size_t i = 0; i < params.size(); ++i) {
    PHINode *phi = b.CreatePHI(frame.params[i], 2);
    phi->addIncoming(params[i], from);
    frame.headerPhis.push_back(phi);
    push(phi);
  }
  interrupts.emitCheck();
  cost += params.size();
  ctrl.push_back(std::move(frame));
}

void FunctionTranslator::openIf(const Instr &instr) {
  Value *cond = isTrue(pop());
  ControlFrame frame;
  frame.kind = ControlFrame::If;
  blockSignature(instr.block, frame.params, frame.results);
  frame.height = stack.size() - frame.params.size();
  frame.endBlock = BasicBlock::Create(mg.ctx, "if.end");
  for (Type *t : frame.results)
    frame.endPhis.push_back(PHINode::Create(t, 2, "", frame.endBlock));
  cost += frame.results.size();
  frame.elseBlock = BasicBlock::Create(mg.ctx, "if.else");
  auto params = top(frame.params.size());
  frame.ifParams.assign(params.begin(), params.end());
  BasicBlock *thenBlock = newBlock("if.then");
  b.CreateCondBr(cond, thenBlock, frame.elseBlock);
  b.SetInsertPoint(thenBlock);
  ctrl.push_back(std::move(frame));
}

void FunctionTranslator::elseArm() {
  ControlFrame &frame = ctrl.back();
  frame.hasElse = true;
  if (frame.dead)
    return;
  if (reachable) {
    addIncoming(frame, b.GetInsertBlock());
    b.CreateBr(frame.endBlock);
  }
  stack.resize(frame.height);
  for (Value *v : frame.ifParams)
    push(v);
  cost += frame.ifParams.size();
  enterBlock(frame.elseBlock);
  reachable = true;
}

void FunctionTranslator::endFrame() {
  ControlFrame frame = ctrl.pop_back_val();
  if (frame.dead)
    return;
  if (frame.kind == ControlFrame::Loop) {
    // Falling off the end keeps the results where they are.
    if (!reachable)
      stack.resize(frame.height);
    return;
  }
  if (reachable) {
    addIncoming(frame, b.GetInsertBlock());
    b.CreateBr(frame.endBlock);
  }
  if (frame.kind == ControlFrame::If && !frame.hasElse) {
    // The missing else arm passes the parameters through.
    enterBlock(frame.elseBlock);
    addEndIncoming(frame, frame.ifParams, frame.elseBlock);
    b.CreateBr(frame.endBlock);
  }
  stack.resize(frame.height);
  if (!frame.endReachable) {
    for (PHINode *phi : frame.endPhis)
      phi->eraseFromParent();
    delete frame.endBlock;
    reachable = false;
    return;
  }
  enterBlock(frame.endBlock);
  reachable = true;
  for (PHINode *phi : frame.endPhis)
    push(phi);
  cost += frame.endPhis.size();
  if (frame.kind == ControlFrame::Func) {
    SmallVector<Value *, 4> results(frame.endPhis.begin(), frame.endPhis.end());
    emitReturn(results);
    reachable = false;
  }
}

BasicBlock *FunctionTranslator::branchTarget(ControlFrame &frame) {
  return frame.kind == ControlFrame::Loop ? frame.header : frame.endBlock;
}

void FunctionTranslator::addEndIncoming(ControlFrame &frame,
                                        ArrayRef<Value *> values,
                                        BasicBlock *from) {
  for (size_t i = 0; i < frame.endPhis.size(); ++i)
    frame.endPhis[i]->addIncoming(values[i], from);
  cost += frame.endPhis.size();
  frame.endReachable = true;
}

void FunctionTranslator::addIncoming(ControlFrame &frame, BasicBlock *from) {
  if (frame.kind == ControlFrame::Loop) {
    ArrayRef<Value *> values = top(frame.headerPhis.size());
    for (size_t i = 0; i < values.size(); ++i)
      frame.headerPhis[i]->addIncoming(values[i], from);
    cost += values.size();
    return;
  }
  addEndIncoming(frame, top(frame.endPhis.size()), from);
}

void FunctionTranslator::br(uint32_t depth) {
  ControlFrame &frame = label(depth);
  addIncoming(frame, b.GetInsertBlock());
  b.CreateBr(branchTarget(frame));
  markUnreachable();
}

void FunctionTranslator::brIf(uint32_t depth) {
  Value *cond = isTrue(pop());
  ControlFrame &frame = label(depth);
  BasicBlock *cont = newBlock("br_if.cont");
  addIncoming(frame, b.GetInsertBlock());
  b.CreateCondBr(cond, branchTarget(frame), cont);
  b.SetInsertPoint(cont);
}

/// The block a br_table edge to label \p depth jumps to. A label that
/// carries no values is the target itself; otherwise the first edge creates
/// a block that adds the phi entries once and branches on, and every later
/// entry naming the same label shares it.
BasicBlock *
FunctionTranslator::brTableDest(uint32_t depth,
                                DenseMap<uint32_t, BasicBlock *> &dests) {
  ControlFrame &frame = label(depth);
  size_t arity = frame.kind == ControlFrame::Loop ? frame.headerPhis.size()
                                                  : frame.endPhis.size();
  if (arity == 0) {
    if (frame.kind != ControlFrame::Loop)
      frame.endReachable = true;
    return branchTarget(frame);
  }
  BasicBlock *&dest = dests[depth];
  if (!dest) {
    dest = newBlock("br_table.edge");
    addIncoming(frame, dest);
    BranchInst::Create(branchTarget(frame), dest);
  }
  return dest;
}

void FunctionTranslator::brTable(const Instr &instr) {
  Value *index = pop();
  DenseMap<uint32_t, BasicBlock *> dests;
  SwitchInst *sw = b.CreateSwitch(index, brTableDest(instr.index, dests),
                                  instr.targets.size());
  for (size_t i = 0; i < instr.targets.size(); ++i)
    sw->addCase(b.getInt32(i), brTableDest(instr.targets[i], dests));
  cost += instr.targets.size();
  markUnreachable();
}

void FunctionTranslator::emitReturn(ArrayRef<Value *> values) {
  chargeWide(values.size());
  if (values.empty()) {
    b.CreateRetVoid();
  } else if (values.size() == 1) {
    b.CreateRet(values[0]);
  } else {
    const FuncType &type = mg.wasm.funcType(funcIndex);
    Value *agg = PoisonValue::get(mg.getResultType(type));
    for (unsigned i = 0; i < values.size(); ++i)
      agg = b.CreateInsertValue(agg, values[i], i);
    env.returnCallResult(agg);
  }
}

//===-- Exception handling ------------------------------------------------===//
//
// A try block (try_table, or the legacy try) gets a Handler: calls inside
// it become invokes whose unwind edge is the handler's landing pad, created
// on first use, so a try without calls costs nothing. At the try's end the
// landing pad gets its dispatch: each clause in order compares the
// exception's tag with the instance's wk_tag * of the clause (or catches
// all) and branches with the payload to its label (try_table) or catch arm
// (legacy); if none matches, the exception is thrown on to the handler
// around the try (or, from a delegate, around its label). Throwing is a
// call of wk_throw, an invoke inside a try. Calls outside try blocks stay
// plain calls.

/// A handler for the try frame just opened (on top of ctrl), whose code
/// around it is covered by the handler of the frame below.
Handler &FunctionTranslator::openHandler() {
  Handler h;
  h.parent = ctrl[ctrl.size() - 2].handler;
  handlers.push_back(h);
  return handlers.back();
}

BasicBlock *FunctionTranslator::landingPad(int index) {
  Handler &h = handlers[index];
  if (h.pad)
    return h.pad;
  if (!func->hasPersonalityFn())
    func->setPersonalityFn(getPersonalityFunction(mg));
  // An exception may now leave the function (an unmatched clause).
  func->removeFnAttr(Attribute::NoUnwind);
  h.pad = newBlock("lpad");
  IRBuilder<> pb(h.pad);
  Type *ptr = mg.ptrType();
  LandingPadInst *lp =
      pb.CreateLandingPad(StructType::get(mg.ctx, {ptr, pb.getInt32Ty()}), 1);
  lp->addClause(ConstantPointerNull::get(cast<PointerType>(ptr)));
  h.exn = pb.CreateExtractValue(lp, 0, "exn");
  return h.pad;
}

/// Throws \p exn to \p handler (-1: out of the function); ends the block.
void FunctionTranslator::throwException(Value *exn, int handler) {
  FunctionCallee thrower = getThrowFunction(mg);
  Value *args[] = {exn, mg.getString(mg.displayNames[funcIndex])};
  if (handler < 0) {
    b.CreateCall(thrower, args)->setDoesNotReturn();
  } else {
    BasicBlock *cont = newBlock("throw.cont");
    b.CreateInvoke(thrower, cont, landingPad(handler), args);
    b.SetInsertPoint(cont);
  }
  b.CreateUnreachable();
}

/// Turns the calls that may unwind among the instructions emitted after
/// \p mark in \p fromBlock and in the blocks after \p lastBlock into
/// invokes of the current handler's landing pad.
void FunctionTranslator::makeCallsInvoke(BasicBlock *fromBlock,
                                         Instruction *mark,
                                         BasicBlock *lastBlock) {
  SmallVector<CallInst *, 4> calls;
  auto collect = [&](BasicBlock::iterator it, BasicBlock::iterator end) {
    for (; it != end; ++it)
      if (auto *call = dyn_cast<CallInst>(&*it))
        if (!call->doesNotThrow() && !call->isMustTailCall() &&
            !isa<IntrinsicInst>(call))
          calls.push_back(call);
  };
  collect(mark ? std::next(mark->getIterator()) : fromBlock->begin(),
          fromBlock->end());
  for (auto it = std::next(lastBlock->getIterator()); it != func->end(); ++it)
    if (&*it != fromBlock)
      collect(it->begin(), it->end());
  BasicBlock *pad = calls.empty() ? nullptr : landingPad(currentHandler());
  for (CallInst *call : calls) {
    BasicBlock *block = call->getParent();
    BasicBlock *cont = BasicBlock::Create(mg.ctx, "invoke.cont", func,
                                          block->getNextNode());
    cont->splice(cont->end(), block, std::next(call->getIterator()),
                 block->end());
    if (cont->getTerminator())
      cont->replaceSuccessorsPhiUsesWith(block, cont);
    SmallVector<Value *, 8> args(call->args());
    SmallVector<OperandBundleDef, 1> bundles;
    call->getOperandBundlesAsDefs(bundles);
    InvokeInst *invoke =
        InvokeInst::Create(call->getFunctionType(), call->getCalledOperand(),
                           cont, pad, args, bundles, "", block);
    invoke->setCallingConv(call->getCallingConv());
    invoke->setAttributes(call->getAttributes());
    invoke->setDebugLoc(call->getDebugLoc());
    invoke->takeName(call);
    call->replaceAllUsesWith(invoke);
    // The value stack holds the call's result too (not an IR use).
    std::replace(stack.begin(), stack.end(), static_cast<Value *>(call),
                 static_cast<Value *>(invoke));
    call->eraseFromParent();
    if (b.GetInsertBlock() == block)
      b.SetInsertPoint(cont);
  }
}

SmallVector<Value *, 4> FunctionTranslator::loadPayload(Value *exn,
                                                        uint32_t tag) {
  const FuncType &ft = mg.wasm.types[mg.wasm.tags[tag]];
  SmallVector<Value *, 4> values;
  for (unsigned i = 0; i < ft.params.size(); ++i)
    values.push_back(b.CreateAlignedLoad(mg.getType(ft.params[i]),
                                         exceptionValuePtr(b, exn, i),
                                         Align(abi::ValueAlign)));
  chargeWide(values.size());
  return values;
}

void FunctionTranslator::throwTag(uint32_t tag) {
  const FuncType &ft = mg.wasm.types[mg.wasm.tags[tag]];
  SmallVector<Value *, 8> args = popN(ft.params.size());
  Value *exn = emitNewException(mg, b, emitTagRef(mg, env, tag));
  for (unsigned i = 0; i < args.size(); ++i)
    b.CreateAlignedStore(args[i], exceptionValuePtr(b, exn, i),
                         Align(abi::ValueAlign));
  chargeWide(args.size());
  throwException(exn, currentHandler());
}

void FunctionTranslator::openTry(const Instr &instr) {
  openBlock(instr);
  ControlFrame &frame = ctrl.back();
  frame.kind = ControlFrame::Try;
  frame.handler = frame.ownHandler = int(handlers.size());
  openHandler();
}

void FunctionTranslator::openTryTable(const Instr &instr) {
  size_t outerDepth = ctrl.size();
  openBlock(instr);
  ControlFrame &frame = ctrl.back();
  frame.kind = ControlFrame::TryTable;
  frame.handler = frame.ownHandler = int(handlers.size());
  for (CatchClause clause : instr.catches) {
    // Labels count from outside the try_table; keep the frame's index.
    clause.label = uint32_t(outerDepth - 1 - clause.label);
    frame.tableClauses.push_back(clause);
  }
  openHandler();
}

/// catch / catch_all of a legacy try: the arm before it ends like an if's
/// then arm; the new arm is reached from the dispatch, if anything in the
/// try's body can throw, and is covered by the handler around the try.
void FunctionTranslator::catchArm(const Instr &instr) {
  ControlFrame &frame = ctrl.back();
  if (frame.dead)
    return;
  if (reachable) {
    addIncoming(frame, b.GetInsertBlock());
    b.CreateBr(frame.endBlock);
  }
  stack.resize(frame.height);
  frame.handler = handlers[frame.ownHandler].parent;
  CatchArm arm;
  if (instr.op == Opcode::Catch)
    arm.tag = instr.index;
  frame.caughtExn = nullptr;
  reachable = handlers[frame.ownHandler].pad != nullptr;
  if (reachable) {
    arm.block = newBlock(arm.tag ? "catch" : "catch_all");
    b.SetInsertPoint(arm.block);
    if (arm.tag)
      for (ValType t : mg.wasm.types[mg.wasm.tags[*arm.tag]].params) {
        arm.params.push_back(b.CreatePHI(mg.getType(t), 1));
        push(arm.params.back());
      }
    arm.exn = b.CreatePHI(mg.ptrType(), 1, "caught");
    frame.caughtExn = arm.exn;
    cost += arm.params.size() + 1;
  }
  frame.arms.push_back(std::move(arm));
}

/// Branches from the current block to \p target with \p values, as br.
void FunctionTranslator::branchWithValues(ControlFrame &target,
                                          ArrayRef<Value *> values) {
  if (target.kind == ControlFrame::Loop) {
    for (size_t i = 0; i < values.size(); ++i)
      target.headerPhis[i]->addIncoming(values[i], b.GetInsertBlock());
    cost += values.size();
  } else {
    addEndIncoming(target, values, b.GetInsertBlock());
  }
  b.CreateBr(branchTarget(target));
}

/// Fills in the landing pad of \p frame's try: its clauses in order, then
/// the exception thrown on to handler \p passTo.
void FunctionTranslator::emitDispatch(ControlFrame &frame, int passTo) {
  Handler &h = handlers[frame.ownHandler];
  if (!h.pad)
    return;
  IRBuilder<>::InsertPointGuard guard(b);
  b.SetInsertPoint(h.pad);
  Value *exn = h.exn;
  Value *tag = emitExceptionTag(mg, env, exn);
  // One clause: catches only \p tagIndex (none: all), then \p onMatch.
  auto clause = [&](std::optional<uint32_t> tagIndex, auto onMatch) {
    if (!tagIndex) {
      onMatch();
      return false;
    }
    BasicBlock *match = newBlock("catch.match"), *next = newBlock("catch.next");
    b.CreateCondBr(b.CreateICmpEQ(tag, emitTagRef(mg, env, *tagIndex)), match,
                   next);
    b.SetInsertPoint(match);
    onMatch();
    b.SetInsertPoint(next);
    return true;
  };
  bool fallsThrough = true;
  for (const CatchClause &c : frame.tableClauses) {
    std::optional<uint32_t> tagIndex;
    if (c.hasTag())
      tagIndex = c.tag;
    fallsThrough = clause(tagIndex, [&] {
      SmallVector<Value *, 4> values;
      if (c.hasTag())
        values = loadPayload(exn, c.tag);
      if (c.hasRef())
        values.push_back(exn);
      branchWithValues(ctrl[c.label], values);
    });
    if (!fallsThrough)
      break;
  }
  for (CatchArm &arm : frame.arms) {
    if (!fallsThrough)
      break;
    fallsThrough = clause(arm.tag, [&] {
      if (arm.tag) {
        SmallVector<Value *, 4> values = loadPayload(exn, *arm.tag);
        for (size_t i = 0; i < values.size(); ++i)
          arm.params[i]->addIncoming(values[i], b.GetInsertBlock());
      }
      arm.exn->addIncoming(exn, b.GetInsertBlock());
      b.CreateBr(arm.block);
    });
  }
  if (fallsThrough)
    throwException(exn, passTo);
}

/// end (or delegate \p delegateLabel) of a try or try_table.
void FunctionTranslator::endTry(std::optional<uint32_t> delegateLabel) {
  ControlFrame &frame = ctrl.back();
  if (!frame.dead) {
    int passTo = handlers[frame.ownHandler].parent;
    // delegate's label counts from outside the try: the exception goes to
    // the handler around that label's code.
    if (delegateLabel)
      passTo = label(*delegateLabel + 1).handler;
    emitDispatch(frame, passTo);
  }
  endFrame();
}

//===-- Dispatch ----------------------------------------------------------===//

void FunctionTranslator::translateDead(const Instr &instr) {
  switch (instr.op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If: {
    ControlFrame frame;
    frame.dead = true;
    frame.height = stack.size();
    ctrl.push_back(std::move(frame));
    return;
  }
  case Opcode::Try:
  case Opcode::TryTable: {
    ControlFrame frame;
    frame.dead = true;
    frame.height = stack.size();
    ctrl.push_back(std::move(frame));
    return;
  }
  case Opcode::Else:
    elseArm();
    return;
  case Opcode::Catch:
  case Opcode::CatchAll:
    catchArm(instr);
    return;
  case Opcode::Delegate:
    endTry(instr.index);
    return;
  case Opcode::End:
    if (ctrl.back().kind == ControlFrame::Try ||
        ctrl.back().kind == ControlFrame::TryTable)
      endTry(std::nullopt);
    else
      endFrame();
    return;
  default:
    return;
  }
}

Error FunctionTranslator::translate(const Instr &instr) {
  if (!reachable) {
    translateDead(instr);
    return Error::success();
  }
  switch (instr.op) {
  case Opcode::Unreachable:
    env.trap(WK_TRAP_UNREACHABLE);
    markUnreachable();
    return Error::success();
  case Opcode::Nop:
    return Error::success();
  case Opcode::Block:
    openBlock(instr);
    return Error::success();
  case Opcode::Loop:
    openLoop(instr);
    return Error::success();
  case Opcode::If:
    openIf(instr);
    return Error::success();
  case Opcode::Else:
    elseArm();
    return Error::success();
  case Opcode::End:
    if (ctrl.back().kind == ControlFrame::Try ||
        ctrl.back().kind == ControlFrame::TryTable)
      endTry(std::nullopt);
    else
      endFrame();
    return Error::success();
  case Opcode::Try:
    openTry(instr);
    return Error::success();
  case Opcode::TryTable:
    openTryTable(instr);
    return Error::success();
  case Opcode::Catch:
  case Opcode::CatchAll:
    catchArm(instr);
    return Error::success();
  case Opcode::Delegate:
    endTry(instr.index);
    return Error::success();
  case Opcode::Throw:
    throwTag(instr.index);
    markUnreachable();
    return Error::success();
  case Opcode::ThrowRef:
    throwException(pop(), currentHandler());
    markUnreachable();
    return Error::success();
  case Opcode::Rethrow:
    throwException(label(instr.index).caughtExn, currentHandler());
    markUnreachable();
    return Error::success();
  case Opcode::Br:
    br(instr.index);
    return Error::success();
  case Opcode::BrIf:
    brIf(instr.index);
    return Error::success();
  case Opcode::BrTable:
    brTable(instr);
    return Error::success();
  case Opcode::Return:
    emitReturn(top(type.results.size()));
    markUnreachable();
    return Error::success();
  case Opcode::Call:
    call(instr.index);
    return Error::success();
  case Opcode::CallIndirect:
    callIndirect(instr);
    return Error::success();
  case Opcode::ReturnCall:
    returnCall(instr.index);
    markUnreachable();
    return Error::success();
  case Opcode::ReturnCallIndirect:
    returnCallIndirect(instr);
    markUnreachable();
    return Error::success();
  case Opcode::Drop:
    // A dropped guard-mode memory load still traps: translateMemory makes
    // every one volatile, so LLVM keeps it.
    pop();
    return Error::success();
  case Opcode::Select:
  case Opcode::SelectT: {
    Value *cond = isTrue(pop());
    Value *second = pop();
    Value *first = pop();
    push(b.CreateSelect(cond, first, second));
    return Error::success();
  }
  default:
    return translateOther(instr);
  }
}

Error FunctionTranslator::translateOther(const Instr &instr) {
  const OpcodeInfo &info = getOpcodeInfo(instr.op);
  bool scalar = isScalarOp(instr.op);
  if (scalar || isSIMDOp(instr.op)) {
    SmallVector<Value *, 3> args = popN(info.sig.numParams);
    Value *result = scalar ? emitScalarOp(b, instr.op, args, env)
                           : emitSIMDOp(b, instr, args);
    if (info.sig.numResults)
      push(result);
    return Error::success();
  }
  if (isWideArithOp(instr.op)) {
    SmallVector<Value *, 4> args = popN(info.sig.numParams);
    SmallVector<Value *, 2> results;
    emitWideArithOp(b, instr.op, args, results);
    for (Value *result : results)
      push(result);
    return Error::success();
  }
  if (translateMemory(instr) || translateTable(instr) ||
      translateVariable(instr) || translateTypedReference(instr))
    return Error::success();
  // Every opcode the validator accepts has a case above.
  llvm_unreachable("valid instruction without a translation");
}

//===-- Variables and constants
//---------------------------------------------===//

bool FunctionTranslator::translateVariable(const Instr &instr) {
  switch (instr.op) {
  case Opcode::LocalGet:
    push(b.CreateLoad(localTypes[instr.index], local(instr.index)));
    return true;
  case Opcode::LocalSet:
  case Opcode::LocalTee:
    b.CreateStore(stack.back(), local(instr.index));
    if (int32_t(instr.index) == frameBaseLocal)
      storeFrameBase(stack.back());
    if (instr.op == Opcode::LocalSet)
      stack.pop_back();
    return true;
  case Opcode::GlobalGet:
    push(env.globalGet(instr.index));
    return true;
  case Opcode::GlobalSet:
    env.globalSet(instr.index, pop());
    return true;
  case Opcode::I32Const:
    push(b.getInt32(uint32_t(instr.value)));
    return true;
  case Opcode::I64Const:
    push(b.getInt64(instr.value));
    return true;
  case Opcode::F32Const:
    push(ConstantFP::get(
        mg.ctx, APFloat(APFloat::IEEEsingle(), APInt(32, instr.value))));
    return true;
  case Opcode::F64Const:
    push(ConstantFP::get(
        mg.ctx, APFloat(APFloat::IEEEdouble(), APInt(64, instr.value))));
    return true;
  case Opcode::RefNull:
    push(Constant::getNullValue(mg.ptrType()));
    return true;
  case Opcode::RefIsNull:
    push(b.CreateZExt(b.CreateIsNull(pop()), b.getInt32Ty()));
    return true;
  case Opcode::RefFunc:
    push(env.funcRef(instr.index));
    return true;
  default:
    return false;
  }
}

//===-- Calls -------------------------------------------------------------===//

void FunctionTranslator::pushCallResults(Value *result, const FuncType &ft) {
  chargeWide(ft.params.size());
  chargeWide(ft.results.size());
  if (ft.results.size() == 1) {
    push(result);
    return;
  }
  for (unsigned i = 0; i < ft.results.size(); ++i)
    push(b.CreateExtractValue(result, i));
}

void FunctionTranslator::call(uint32_t callee) {
  const FuncType &ft = mg.wasm.funcType(callee);
  SmallVector<Value *, 8> args = popN(ft.params.size());
  Value *result;
  if (mg.wasm.isImportedFunc(callee)) {
    result = env.callImport(callee, args);
  } else {
    args.insert(args.begin(), func->getArg(0));
    result = mg.callWasmCode(b, func, mg.functions[callee], ft, args);
  }
  pushCallResults(result, ft);
}

void FunctionTranslator::callIndirect(const Instr &instr) {
  const FuncType &ft = mg.wasm.types[instr.index];
  Value *index = pop();
  SmallVector<Value *, 8> args = popN(ft.params.size());
  pushCallResults(env.callIndirect(instr.index, instr.index2, index, args), ft);
}

/// return_call: the callee's frame replaces this one (IRGenTailCall.cpp).
void FunctionTranslator::returnCall(uint32_t callee) {
  const FuncType &ft = mg.wasm.funcType(callee);
  SmallVector<Value *, 8> args = popN(ft.params.size());
  chargeWide(args.size());
  if (mg.wasm.isImportedFunc(callee))
    env.tailCallImport(callee, args);
  else
    env.emitTailCall(mg.functions[callee], ft, func->getArg(0), args);
}

void FunctionTranslator::returnCallIndirect(const Instr &instr) {
  const FuncType &ft = mg.wasm.types[instr.index];
  Value *index = pop();
  SmallVector<Value *, 8> args = popN(ft.params.size());
  chargeWide(args.size());
  env.tailCallIndirect(instr.index, instr.index2, index, args);
}

/// return_call_ref: a null check, then as return_call_indirect's callee
/// (the reference may be any instance's function).
void FunctionTranslator::returnCallRef(const Instr &instr) {
  const FuncType &ft = mg.wasm.types[instr.index];
  Value *ref = pop();
  SmallVector<Value *, 8> args = popN(ft.params.size());
  chargeWide(args.size());
  env.trapIf(b.CreateIsNull(ref), WK_TRAP_NULL_FUNC_REF);
  env.tailCallFuncRef(ref, ft, args, /*ownInstance=*/false);
}

void FunctionTranslator::callRef(const Instr &instr) {
  const FuncType &ft = mg.wasm.types[instr.index];
  Value *ref = pop();
  SmallVector<Value *, 8> args = popN(ft.params.size());
  pushCallResults(env.callRef(instr.index, ref, args), ft);
}

//===-- Typed function references -----------------------------------------===//

bool FunctionTranslator::translateTypedReference(const Instr &instr) {
  switch (instr.op) {
  case Opcode::CallRef:
    callRef(instr);
    return true;
  case Opcode::ReturnCallRef: {
    returnCallRef(instr);
    markUnreachable();
    return true;
  }
  case Opcode::RefAsNonNull:
    env.trapIf(b.CreateIsNull(stack.back()), WK_TRAP_NULL_REF);
    return true;
  case Opcode::BrOnNull: {
    // Branch with the operands below the reference; keep it otherwise.
    Value *ref = pop();
    ControlFrame &frame = label(instr.index);
    BasicBlock *cont = newBlock("br_on_null.cont");
    addIncoming(frame, b.GetInsertBlock());
    b.CreateCondBr(b.CreateIsNull(ref), branchTarget(frame), cont);
    b.SetInsertPoint(cont);
    push(ref);
    return true;
  }
  case Opcode::BrOnNonNull: {
    // Branch with the reference on top of the operands; drop it otherwise.
    Value *ref = stack.back();
    ControlFrame &frame = label(instr.index);
    BasicBlock *cont = newBlock("br_on_non_null.cont");
    addIncoming(frame, b.GetInsertBlock());
    b.CreateCondBr(b.CreateIsNotNull(ref), branchTarget(frame), cont);
    b.SetInsertPoint(cont);
    pop();
    return true;
  }
  default:
    return false;
  }
}

//===-- Tables ------------------------------------------------------------===//

bool FunctionTranslator::translateTable(const Instr &instr) {
  switch (instr.op) {
  case Opcode::TableGet: {
    Value *index = pop();
    push(env.tableGet(instr.index, index));
    return true;
  }
  case Opcode::TableSet: {
    Value *value = pop();
    Value *index = pop();
    env.tableSet(instr.index, index, value);
    return true;
  }
  case Opcode::TableSize:
    push(env.tableSize(instr.index));
    return true;
  case Opcode::TableGrow: {
    Value *delta = pop();
    Value *init = pop();
    push(env.tableGrow(instr.index, init, delta));
    return true;
  }
  case Opcode::TableFill: {
    auto args = popN(3);
    env.tableFill(instr.index, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::TableCopy: {
    auto args = popN(3);
    env.tableCopy(instr.index, instr.index2, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::TableInit: {
    auto args = popN(3);
    env.tableInit(instr.index2, instr.index, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::ElemDrop:
    env.elemDrop(instr.index);
    return true;
  default:
    return false;
  }
}

//===-- Memory ------------------------------------------------------------===//

/// A scalar load of getMemoryAccessWidth(op) bytes, widened to the result
/// type as the table's Ext column says.
Value *FunctionTranslator::emitLoad(Opcode op, Value *addr) {
  const OpcodeInfo &info = getOpcodeInfo(op);
  Type *resultTy = mg.getType(info.sig.results[0]);
  unsigned bits = 8 * getMemoryAccessWidth(op);
  if (info.ext == Extend::None) {
    assert(resultTy->getPrimitiveSizeInBits() == bits && "narrow load");
    return b.CreateAlignedLoad(resultTy, addr, MaybeAlign(1));
  }
  Value *narrow = b.CreateAlignedLoad(b.getIntNTy(bits), addr, MaybeAlign(1));
  return info.ext == Extend::Sign ? b.CreateSExt(narrow, resultTy)
                                  : b.CreateZExt(narrow, resultTy);
}

/// A scalar store of getMemoryAccessWidth(op) bytes: the narrow stores keep
/// the low bytes of their operand.
void FunctionTranslator::emitStore(Opcode op, Value *addr, Value *value) {
  unsigned bits = 8 * getMemoryAccessWidth(op);
  if (value->getType()->getPrimitiveSizeInBits() > bits)
    value = b.CreateTrunc(value, b.getIntNTy(bits));
  b.CreateAlignedStore(value, addr, MaybeAlign(1));
}

bool FunctionTranslator::translateMemory(const Instr &instr) {
  unsigned width = getMemoryAccessWidth(instr.op);
  const OpcodeInfo &info = getOpcodeInfo(instr.op);
  if (width) {
    unsigned numParams = info.sig.numParams, numResults = info.sig.numResults;
    SmallVector<Value *, 2> args = popN(numParams);
    if (info.prefix == 0xfe)
      env.checkAtomicAlignment(instr.mem, args[0], width);
    Value *addr = env.getAddress(instr.mem, args[0], width);
    Value *operand = numParams > 1 ? args[1] : nullptr;
    // In guard mode only the fault of an executed access traps, so every
    // memory access is volatile. LLVM deletes loads whose value turns out
    // unused, even after optimisation (differential finding D1), and it
    // widens adjacent stores into one (vectorisers, memset idioms, the
    // backend's store merging), which faults as a whole where the wasm
    // would have done the earlier stores first (D4). LoopAddressing makes
    // them plain again in loops whose whole range it checks. The mark
    // separates the access from the address computation.
    BasicBlock *block = b.GetInsertBlock();
    Instruction *mark = block->empty() ? nullptr : &block->back();
    auto keepAccesses = make_scope_exit([&] {
      if (mg.options.boundsChecks != BoundsChecks::Guard)
        return;
      auto it = mark ? std::next(mark->getIterator()) : block->begin();
      for (; it != block->end(); ++it)
        if (auto *load = dyn_cast<LoadInst>(&*it))
          load->setVolatile(true);
        else if (auto *store = dyn_cast<StoreInst>(&*it))
          store->setVolatile(true);
    });
    if (info.prefix == 0xfe) {
      translateAtomic(instr, addr, ArrayRef<Value *>(args).drop_front());
    } else if (info.prefix == 0xfd) {
      if (numResults)
        push(emitSIMDLoad(b, instr, addr, operand));
      else
        emitSIMDStore(b, instr, addr, operand);
    } else if (numResults) {
      push(emitLoad(instr.op, addr));
    } else {
      emitStore(instr.op, addr, operand);
    }
    return true;
  }
  switch (instr.op) {
  case Opcode::MemorySize:
    push(env.memorySize(instr.index));
    return true;
  case Opcode::MemoryGrow:
    push(env.memoryGrow(instr.index, pop()));
    return true;
  case Opcode::MemoryFill: {
    auto args = popN(3);
    env.memoryFill(instr.index, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::MemoryCopy: {
    auto args = popN(3);
    env.memoryCopy(instr.index, instr.index2, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::MemoryInit: {
    auto args = popN(3);
    env.memoryInit(instr.index2, instr.index, args[0], args[1], args[2]);
    return true;
  }
  case Opcode::DataDrop:
    env.dataDrop(instr.index);
    return true;
  case Opcode::AtomicFence:
    b.CreateFence(AtomicOrdering::SequentiallyConsistent);
    return true;
  default:
    return false;
  }
}

/// An access of the threads proposal at \p addr (checked and aligned).
void FunctionTranslator::translateAtomic(const Instr &instr, Value *addr,
                                         ArrayRef<Value *> operands) {
  const OpcodeInfo &info = getOpcodeInfo(instr.op);
  switch (instr.op) {
  case Opcode::MemoryAtomicWait32:
  case Opcode::MemoryAtomicWait64:
    push(env.atomicWait(instr.mem.memory, addr, operands[0], operands[1]));
    return;
  case Opcode::MemoryAtomicNotify:
    push(env.atomicNotify(instr.mem.memory, addr, operands[0]));
    return;
  default:
    break;
  }
  Type *resultTy =
      info.sig.numResults ? mg.getType(info.sig.results[0]) : nullptr;
  if (Value *result = emitAtomic(b, instr, addr, operands, resultTy))
    push(result);
}

Error wasmkiln::translateFunction(ModuleGen &mg, uint32_t funcIndex) {
  FunctionTranslator translator(mg, funcIndex);
  return translator.run();
}
