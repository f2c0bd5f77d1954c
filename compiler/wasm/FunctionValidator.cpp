//===- FunctionValidator.cpp - Validation of function bodies --------------===//
//
// The spec's validation algorithm (appendix "Validation Algorithm"), one
// instruction at a time: an operand stack of value types whose bottom may be
// Unknown, and a control stack of frames {opcode, start types, end types,
// height, unreachable}. After unreachable, br, br_table and return the rest
// of the frame is stack-polymorphic: popping below the frame's height yields
// Unknown, which matches every type.
//
// Every operator whose Opcodes.def signature is fixed is typed by one generic
// path (pop the params, push the results) from the signatures Opcode.h parses
// at compile time; only the operators with an empty signature are typed by
// hand. Immediates (indices, alignment, lanes) are checked by immediate kind
// first, so every operator sharing an immediate kind shares its checks.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/BodyReader.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Validator.h"

#include <utility>

using namespace llvm;
using namespace wasmkiln;

namespace {

/// The stack-polymorphic bottom type: matches every expected type.
constexpr ValType Unknown = static_cast<ValType>(0);

/// The one-type results of value block types, as views into AllValTypes
/// (ValType.h), so that frames can refer to them without owning them.
ArrayRef<ValType> singleType(ValType t) {
  for (const ValType &candidate : AllValTypes)
    if (candidate == t)
      return ArrayRef<ValType>(&candidate, 1);
  return {};
}

/// log2 of a memory access width of 1..16 bytes.
unsigned log2Width(unsigned width) {
  unsigned log = 0;
  while ((1u << log) < width)
    ++log;
  return log;
}

unsigned laneCount(ImmKind imm) {
  switch (imm) {
  case ImmKind::Lane2:
    return 2;
  case ImmKind::Lane4:
    return 4;
  case ImmKind::Lane8:
    return 8;
  default:
    return 16;
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// State and stack primitives
//===----------------------------------------------------------------------===//

struct FunctionValidator::Impl {
  struct Frame {
    Opcode op;
    // Views into the Module's types or AllValTypes: both outlive the frame.
    ArrayRef<ValType> startTypes, endTypes;
    size_t height;
    bool unreachable;
  };

  const Module &module;
  const FuncType &type;
  // Runs of equally typed locals: (index one past the run, type).
  SmallVector<std::pair<uint64_t, ValType>, 8> localRuns;
  uint64_t totalLocals = 0;

  std::vector<ValType> vals;
  std::vector<Frame> ctrls;

  // The failure of the last check; every check returns false after fail().
  std::string errMsg;
  WasmError::Kind errKind = WasmError::Invalid;

  Impl(const Module &module, uint32_t funcIndex);

  bool fail(const char *msg, WasmError::Kind kind = WasmError::Invalid) {
    errMsg = msg;
    errKind = kind;
    return false;
  }
  /// "unknown local 3", as the spec's reference interpreter words it.
  bool fail(const char *msg, uint32_t index) {
    errMsg = (Twine(msg) + " " + Twine(index)).str();
    errKind = WasmError::Invalid;
    return false;
  }
  bool mismatch() { return fail("type mismatch"); }

  void push(ValType t) { vals.push_back(t); }
  void pushVals(ArrayRef<ValType> ts) {
    vals.insert(vals.end(), ts.begin(), ts.end());
  }

  /// Pops any operand into \p out (Unknown below a polymorphic frame).
  bool popAny(ValType &out) {
    const Frame &frame = ctrls.back();
    if (vals.size() == frame.height) {
      out = Unknown;
      return frame.unreachable || mismatch();
    }
    out = vals.back();
    vals.pop_back();
    return true;
  }
  bool pop(ValType expected, ValType &out) {
    if (!popAny(out))
      return false;
    return out == expected || out == Unknown || expected == Unknown ||
           mismatch();
  }
  bool pop(ValType expected) {
    ValType ignored;
    return pop(expected, ignored);
  }
  bool popVals(ArrayRef<ValType> ts) {
    for (ValType t : llvm::reverse(ts))
      if (!pop(t))
        return false;
    return true;
  }

  void pushCtrl(Opcode op, ArrayRef<ValType> in, ArrayRef<ValType> out) {
    ctrls.push_back({op, in, out, vals.size(), false});
    pushVals(in);
  }
  bool popCtrl(Frame &out) {
    out = ctrls.back();
    if (!popVals(out.endTypes))
      return false;
    if (vals.size() != out.height)
      return mismatch();
    ctrls.pop_back();
    return true;
  }
  static ArrayRef<ValType> labelTypes(const Frame &frame) {
    return frame.op == Opcode::Loop ? frame.startTypes : frame.endTypes;
  }
  const Frame &label(uint32_t depth) const {
    return ctrls[ctrls.size() - 1 - depth];
  }
  void setUnreachable() {
    vals.resize(ctrls.back().height);
    ctrls.back().unreachable = true;
  }

  ValType localType(uint32_t index) const {
    auto it = llvm::upper_bound(
        localRuns, uint64_t(index),
        [](uint64_t i, const std::pair<uint64_t, ValType> &run) {
          return i < run.first;
        });
    return it->second;
  }

  bool checkImmediates(const Instr &instr);
  bool checkMemArg(const Instr &instr, ImmKind imm);
  bool checkDataIndex(uint32_t index);
  bool checkTableElemTypes(const Instr &instr);
  bool checkBlockType(const BlockType &bt, ArrayRef<ValType> &in,
                      ArrayRef<ValType> &out);

  bool apply(const Instr &instr);
  bool applyControl(const Instr &instr);
  bool applyBranch(const Instr &instr);
  bool applyVariable(const Instr &instr);
  bool applyReference(const Instr &instr);
  bool applySelect(const Instr &instr);
  bool applyException(const Instr &instr);
  bool checkCatchClause(const CatchClause &clause);
  bool checkTag(uint32_t index) {
    return index < module.tags.size() || fail("unknown tag", index);
  }
  ArrayRef<ValType> tagParams(uint32_t index) const {
    return module.types[module.tags[index]].params;
  }
};

FunctionValidator::Impl::Impl(const Module &module, uint32_t funcIndex)
    : module(module), type(module.funcType(funcIndex)) {
  for (ValType t : type.params)
    localRuns.push_back({++totalLocals, t});
  for (const auto &[count, t] : module.body(funcIndex).localGroups) {
    if (count == 0)
      continue;
    totalLocals += count;
    localRuns.push_back({totalLocals, t});
  }
  // The function's own frame: a branch to it is a return.
  ctrls.push_back({Opcode::Block, {}, type.results, 0, false});
}

//===----------------------------------------------------------------------===//
// Immediates, checked by immediate kind
//===----------------------------------------------------------------------===//

bool FunctionValidator::Impl::checkBlockType(const BlockType &bt,
                                             ArrayRef<ValType> &in,
                                             ArrayRef<ValType> &out) {
  in = {};
  out = {};
  switch (bt.kind) {
  case BlockType::Empty:
    return true;
  case BlockType::Value:
    out = singleType(bt.value);
    return true;
  case BlockType::TypeIndex:
    if (bt.typeIndex >= module.types.size())
      return fail("unknown type", bt.typeIndex);
    in = module.types[bt.typeIndex].params;
    out = module.types[bt.typeIndex].results;
    return true;
  }
  return true;
}

bool FunctionValidator::Impl::checkMemArg(const Instr &instr, ImmKind imm) {
  if (instr.mem.memory >= module.memories.size())
    return fail("unknown memory", instr.mem.memory);
  unsigned width = getMemoryAccessWidth(instr.op);
  if (instr.mem.alignLog2 > log2Width(width))
    return fail("alignment must not be larger than natural");
  bool hasLane = imm == ImmKind::MemArgLane1 || imm == ImmKind::MemArgLane2 ||
                 imm == ImmKind::MemArgLane4 || imm == ImmKind::MemArgLane8;
  if (hasLane && instr.lane >= 16 / width)
    return fail("invalid lane index");
  return true;
}

bool FunctionValidator::Impl::checkDataIndex(uint32_t index) {
  // Without segments the index is wrong whatever the encoding; with them,
  // the binary format wanted a data count section for this operator.
  if (!module.dataCount && module.datas.empty())
    return fail("unknown data segment", index);
  if (!module.dataCount)
    return fail("data count section required", WasmError::Malformed);
  return index < *module.dataCount || fail("unknown data segment", index);
}

bool FunctionValidator::Impl::checkTableElemTypes(const Instr &instr) {
  const auto &tables = module.tables;
  if (instr.op == Opcode::TableInit) {
    if (instr.index2 >= tables.size())
      return fail("unknown table", instr.index2);
    if (instr.index >= module.elems.size())
      return fail("unknown elem segment", instr.index);
    return module.elems[instr.index].type == tables[instr.index2].elemType ||
           mismatch();
  }
  for (uint32_t index : {instr.index, instr.index2})
    if (index >= tables.size())
      return fail("unknown table", index);
  return tables[instr.index].elemType == tables[instr.index2].elemType ||
         mismatch();
}

bool FunctionValidator::Impl::checkImmediates(const Instr &instr) {
  ImmKind imm = getOpcodeInfo(instr.op).imm;
  switch (imm) {
  case ImmKind::Label:
    // delegate's label counts from outside the try it ends (applyException).
    return instr.op == Opcode::Delegate || instr.index < ctrls.size() ||
           fail("unknown label", instr.index);
  case ImmKind::BrTable:
    for (uint32_t target : instr.targets)
      if (target >= ctrls.size())
        return fail("unknown label", target);
    return instr.index < ctrls.size() || fail("unknown label", instr.index);
  case ImmKind::Func:
    return instr.index < module.funcs.size() ||
           fail("unknown function", instr.index);
  case ImmKind::CallIndirect:
    if (instr.index2 >= module.tables.size())
      return fail("unknown table", instr.index2);
    if (instr.index >= module.types.size())
      return fail("unknown type", instr.index);
    // Only funcref tables hold callable references.
    return module.tables[instr.index2].elemType == ValType::FuncRef ||
           mismatch();
  case ImmKind::Local:
    return instr.index < totalLocals || fail("unknown local", instr.index);
  case ImmKind::Global:
    return instr.index < module.globals.size() ||
           fail("unknown global", instr.index);
  case ImmKind::Table:
    return instr.index < module.tables.size() ||
           fail("unknown table", instr.index);
  case ImmKind::Mem:
    return instr.index < module.memories.size() ||
           fail("unknown memory", instr.index);
  case ImmKind::MemArg1:
  case ImmKind::MemArg2:
  case ImmKind::MemArg4:
  case ImmKind::MemArg8:
  case ImmKind::MemArg16:
  case ImmKind::MemArgLane1:
  case ImmKind::MemArgLane2:
  case ImmKind::MemArgLane4:
  case ImmKind::MemArgLane8:
    return checkMemArg(instr, imm);
  case ImmKind::Lane2:
  case ImmKind::Lane4:
  case ImmKind::Lane8:
  case ImmKind::Lane16:
    return instr.lane < laneCount(imm) || fail("invalid lane index");
  case ImmKind::Shuffle:
    for (uint8_t lane : instr.bytes)
      if (lane >= 32)
        return fail("invalid lane index");
    return true;
  case ImmKind::SelectT:
    // The decoder leaves the vector's length in index (see BodyReader).
    return instr.index == 1 || fail("invalid result arity");
  case ImmKind::MemoryInit:
    if (instr.index2 >= module.memories.size())
      return fail("unknown memory", instr.index2);
    return checkDataIndex(instr.index);
  case ImmKind::Data:
    return checkDataIndex(instr.index);
  case ImmKind::MemoryCopy:
    for (uint32_t index : {instr.index, instr.index2})
      if (index >= module.memories.size())
        return fail("unknown memory", index);
    return true;
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
    return checkTableElemTypes(instr);
  case ImmKind::Elem:
    return instr.index < module.elems.size() ||
           fail("unknown elem segment", instr.index);
  case ImmKind::Tag:
    return checkTag(instr.index);
  case ImmKind::TryTable: // checked with the block's types
    return true;
  case ImmKind::None:
  case ImmKind::Block: // checked with the block's types
  case ImmKind::I32:
  case ImmKind::I64:
  case ImmKind::F32:
  case ImmKind::F64:
  case ImmKind::V128:
  case ImmKind::RefType:
    return true;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Typing
//===----------------------------------------------------------------------===//

bool FunctionValidator::Impl::apply(const Instr &instr) {
  const OpcodeSig &sig = getOpcodeInfo(instr.op).sig;
  if (sig.fixed) {
    if (!popVals(sig.paramTypes()))
      return false;
    pushVals(sig.resultTypes());
    return true;
  }
  switch (instr.op) {
  case Opcode::Unreachable:
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Else:
  case Opcode::End:
    return applyControl(instr);
  case Opcode::Br:
  case Opcode::BrIf:
  case Opcode::BrTable:
  case Opcode::Return:
    return applyBranch(instr);
  case Opcode::Call:
  case Opcode::CallIndirect: {
    const FuncType &callee = instr.op == Opcode::Call
                                 ? module.funcType(instr.index)
                                 : module.types[instr.index];
    if (instr.op == Opcode::CallIndirect && !pop(ValType::I32))
      return false;
    if (!popVals(callee.params))
      return false;
    pushVals(callee.results);
    return true;
  }
  case Opcode::Drop: {
    ValType ignored;
    return popAny(ignored);
  }
  case Opcode::Select:
  case Opcode::SelectT:
    return applySelect(instr);
  case Opcode::Try:
  case Opcode::Catch:
  case Opcode::CatchAll:
  case Opcode::Delegate:
  case Opcode::Throw:
  case Opcode::Rethrow:
  case Opcode::ThrowRef:
  case Opcode::TryTable:
    return applyException(instr);
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee:
  case Opcode::GlobalGet:
  case Opcode::GlobalSet:
    return applyVariable(instr);
  default:
    return applyReference(instr);
  }
}

bool FunctionValidator::Impl::applyControl(const Instr &instr) {
  ArrayRef<ValType> in, out;
  switch (instr.op) {
  case Opcode::Unreachable:
    setUnreachable();
    return true;
  case Opcode::Block:
  case Opcode::Loop:
    if (!checkBlockType(instr.block, in, out) || !popVals(in))
      return false;
    pushCtrl(instr.op, in, out);
    return true;
  case Opcode::If:
    if (!checkBlockType(instr.block, in, out) || !pop(ValType::I32) ||
        !popVals(in))
      return false;
    pushCtrl(instr.op, in, out);
    return true;
  case Opcode::Else: {
    // The binary format nests else inside if: anything else is malformed.
    if (ctrls.back().op != Opcode::If)
      return fail("else without matching if", WasmError::Malformed);
    Frame frame;
    if (!popCtrl(frame))
      return false;
    pushCtrl(Opcode::Else, frame.startTypes, frame.endTypes);
    return true;
  }
  case Opcode::End: {
    Frame frame;
    if (!popCtrl(frame))
      return false;
    // An if without else passes its parameters through as its results.
    if (frame.op == Opcode::If && frame.startTypes != frame.endTypes)
      return mismatch();
    pushVals(frame.endTypes);
    return true;
  }
  default:
    llvm_unreachable("not a control operator");
  }
}

bool FunctionValidator::Impl::applyBranch(const Instr &instr) {
  switch (instr.op) {
  case Opcode::Br:
    if (!popVals(labelTypes(label(instr.index))))
      return false;
    setUnreachable();
    return true;
  case Opcode::BrIf: {
    ArrayRef<ValType> types = labelTypes(label(instr.index));
    if (!pop(ValType::I32) || !popVals(types))
      return false;
    pushVals(types);
    return true;
  }
  case Opcode::BrTable: {
    if (!pop(ValType::I32))
      return false;
    ArrayRef<ValType> defaultTypes = labelTypes(label(instr.index));
    // 2.0's rule: every target is checked against the actual operands, so
    // under a polymorphic stack the targets need only agree in arity.
    for (uint32_t target : instr.targets) {
      ArrayRef<ValType> types = labelTypes(label(target));
      if (types.size() != defaultTypes.size())
        return mismatch();
      SmallVector<ValType, 4> popped(types.size());
      for (size_t i = types.size(); i-- > 0;)
        if (!pop(types[i], popped[i]))
          return false;
      // Re-push what was popped (Unknowns stay Unknown), restoring the stack.
      pushVals(popped);
    }
    if (!popVals(defaultTypes))
      return false;
    setUnreachable();
    return true;
  }
  case Opcode::Return:
    if (!popVals(type.results))
      return false;
    setUnreachable();
    return true;
  default:
    llvm_unreachable("not a branch");
  }
}

bool FunctionValidator::Impl::applyVariable(const Instr &instr) {
  switch (instr.op) {
  case Opcode::LocalGet:
    push(localType(instr.index));
    return true;
  case Opcode::LocalSet:
    return pop(localType(instr.index));
  case Opcode::LocalTee: {
    ValType t = localType(instr.index);
    if (!pop(t))
      return false;
    push(t);
    return true;
  }
  case Opcode::GlobalGet:
    push(module.globals[instr.index].type);
    return true;
  case Opcode::GlobalSet: {
    const GlobalType &global = module.globals[instr.index];
    if (!global.isMutable)
      return fail("global is immutable");
    return pop(global.type);
  }
  default:
    llvm_unreachable("not a variable operator");
  }
}

bool FunctionValidator::Impl::applySelect(const Instr &instr) {
  if (!pop(ValType::I32))
    return false;
  if (instr.op == Opcode::SelectT) {
    if (!pop(instr.type) || !pop(instr.type))
      return false;
    push(instr.type);
    return true;
  }
  // Untyped select only chooses between numbers or vectors of one type.
  ValType t1, t2;
  if (!popAny(t1) || !popAny(t2))
    return false;
  if (isRefType(t1) || isRefType(t2))
    return mismatch();
  if (t1 != t2 && t1 != Unknown && t2 != Unknown)
    return mismatch();
  push(t1 == Unknown ? t2 : t1);
  return true;
}

bool FunctionValidator::Impl::applyReference(const Instr &instr) {
  switch (instr.op) {
  case Opcode::RefNull:
    if (!isRefType(instr.type))
      return mismatch();
    push(instr.type);
    return true;
  case Opcode::RefIsNull: {
    ValType t;
    if (!popAny(t))
      return false;
    if (t != Unknown && !isRefType(t))
      return mismatch();
    push(ValType::I32);
    return true;
  }
  case Opcode::RefFunc:
    // C.refs: only functions referenced outside function bodies.
    if (!module.declaredFuncRefs.contains(instr.index))
      return fail("undeclared function reference");
    push(ValType::FuncRef);
    return true;
  case Opcode::TableGet:
    if (!pop(ValType::I32))
      return false;
    push(module.tables[instr.index].elemType);
    return true;
  case Opcode::TableSet:
    return pop(module.tables[instr.index].elemType) && pop(ValType::I32);
  case Opcode::TableGrow:
    if (!pop(ValType::I32) || !pop(module.tables[instr.index].elemType))
      return false;
    push(ValType::I32);
    return true;
  case Opcode::TableFill:
    return pop(ValType::I32) && pop(module.tables[instr.index].elemType) &&
           pop(ValType::I32);
  default:
    llvm_unreachable("operator with an empty Sig and no typing rule");
  }
}

/// A try_table clause: its tag exists and the values it branches with (the
/// tag's parameters, then the exnref for the _ref forms) are what its label
/// takes. Labels count from outside the try_table.
bool FunctionValidator::Impl::checkCatchClause(const CatchClause &clause) {
  if (clause.hasTag() && !checkTag(clause.tag))
    return false;
  if (clause.label >= ctrls.size())
    return fail("unknown label", clause.label);
  SmallVector<ValType, 4> carried;
  if (clause.hasTag())
    carried.append(tagParams(clause.tag).begin(), tagParams(clause.tag).end());
  if (clause.hasRef())
    carried.push_back(ValType::ExnRef);
  return ArrayRef<ValType>(carried) == labelTypes(label(clause.label)) ||
         mismatch();
}

/// Exception handling: throw, throw_ref and try_table (3.0), and the legacy
/// try with catch, catch_all, delegate and rethrow. A legacy try's catch
/// arms are frames of their own (op Catch or CatchAll), which is what
/// rethrow's label must name.
bool FunctionValidator::Impl::applyException(const Instr &instr) {
  ArrayRef<ValType> in, out;
  switch (instr.op) {
  case Opcode::Try:
    if (!checkBlockType(instr.block, in, out) || !popVals(in))
      return false;
    pushCtrl(instr.op, in, out);
    return true;
  case Opcode::TryTable:
    if (!checkBlockType(instr.block, in, out))
      return false;
    for (const CatchClause &clause : instr.catches)
      if (!checkCatchClause(clause))
        return false;
    if (!popVals(in))
      return false;
    pushCtrl(instr.op, in, out);
    return true;
  case Opcode::Catch:
  case Opcode::CatchAll: {
    Opcode open = ctrls.back().op;
    if (open != Opcode::Try && open != Opcode::Catch)
      return fail(instr.op == Opcode::Catch ? "catch without matching try"
                                            : "catch_all without matching try",
                  WasmError::Malformed);
    Frame frame;
    if (!popCtrl(frame))
      return false;
    pushCtrl(instr.op,
             instr.op == Opcode::Catch ? tagParams(instr.index)
                                       : ArrayRef<ValType>(),
             frame.endTypes);
    return true;
  }
  case Opcode::Delegate: {
    if (ctrls.back().op != Opcode::Try)
      return fail("delegate without matching try", WasmError::Malformed);
    Frame frame;
    if (!popCtrl(frame))
      return false;
    if (instr.index >= ctrls.size())
      return fail("unknown label", instr.index);
    pushVals(frame.endTypes);
    return true;
  }
  case Opcode::Throw:
    if (!popVals(tagParams(instr.index)))
      return false;
    setUnreachable();
    return true;
  case Opcode::ThrowRef:
    if (!pop(ValType::ExnRef))
      return false;
    setUnreachable();
    return true;
  case Opcode::Rethrow: {
    Opcode target = label(instr.index).op;
    if (target != Opcode::Catch && target != Opcode::CatchAll)
      return fail("invalid rethrow label");
    setUnreachable();
    return true;
  }
  default:
    llvm_unreachable("not an exception operator");
  }
}

//===----------------------------------------------------------------------===//
// The public interface
//===----------------------------------------------------------------------===//

FunctionValidator::FunctionValidator(const Module &module, uint32_t funcIndex)
    : impl(std::make_unique<Impl>(module, funcIndex)) {}

FunctionValidator::~FunctionValidator() = default;

Error FunctionValidator::validate(const Instr &instr) {
  if (impl->ctrls.empty())
    return malformed(instr.offset, "operators remaining after end of function");
  if (!impl->checkImmediates(instr) || !impl->apply(instr))
    return makeError(impl->errKind, instr.offset, impl->errMsg);
  return Error::success();
}

Error FunctionValidator::finish(size_t endOffset) {
  if (!impl->ctrls.empty())
    return malformed(endOffset, "unexpected end");
  return Error::success();
}

Error wasmkiln::validateFunctionBodies(const Module &module) {
  if (module.bodies.size() != module.funcs.size() - module.numImportedFuncs)
    return malformed(0, "function and code section have inconsistent lengths");
  for (uint32_t i = module.numImportedFuncs; i < module.funcs.size(); ++i)
    if (Error err = walkFunctionBody(
            module, i, [](const Instr &) { return Error::success(); }))
      return err;
  return Error::success();
}

Error wasmkiln::walkFunctionBody(const Module &module, uint32_t funcIndex,
                                 function_ref<Error(const Instr &)> onValid) {
  const FunctionBody &body = module.body(funcIndex);
  FunctionValidator validator(module, funcIndex);
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  while (!reader.atEnd()) {
    if (Error err = reader.next(instr))
      return err;
    if (Error err = validator.validate(instr))
      return err;
    if (Error err = onValid(instr))
      return err;
  }
  return validator.finish(reader.offset());
}
