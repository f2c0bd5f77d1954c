//===- FunctionValidator.cpp - Validation of function bodies --------------===//
//
// The spec's validation algorithm (appendix "Validation Algorithm"), one
// instruction at a time: an operand stack of value types whose bottom may be
// Unknown, and a control stack of frames {opcode, start types, end types,
// height, unreachable}. After unreachable, br, br_table and return the rest
// of the frame is stack-polymorphic: popping below the frame's height yields
// Unknown, which matches every type.
//
// WebAssembly 3.0: popping checks subtyping (TypeRelations.h), and locals of
// non-defaultable types (`(ref $t)`) must be set before they are read; a
// set counts until the end of the block it is in (each frame remembers
// where its sets begin in a log that its end undoes).
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
#include "wasmkiln/wasm/TypeRelations.h"
#include "wasmkiln/wasm/Validator.h"

#include "llvm/ADT/BitVector.h"

#include <deque>
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
    size_t initHeight = 0; // initLog's size when the frame began
  };

  const Module &module;
  const FuncType &type;
  // Runs of equally typed locals: (index one past the run, type).
  SmallVector<std::pair<uint64_t, ValType>, 8> localRuns;
  uint64_t totalLocals = 0;

  std::vector<ValType> vals;
  std::vector<Frame> ctrls;
  FeatureSet usedFeatures; // by the instructions validated so far
  // Locals of non-defaultable types that are set, and the log of the sets
  // that made them so (undone at the end of the frame that made them).
  BitVector initialized;
  std::vector<uint32_t> initLog;
  // The single types of typed-reference block types, which AllValTypes
  // does not hold (a deque: frames keep views into it).
  std::deque<ValType> ownedTypes;

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
    return out == Unknown || expected == Unknown ||
           isSubtype(module, out, expected) || mismatch();
  }
  /// Pops a reference of any type into \p out (Unknown when polymorphic).
  bool popRef(ValType &out) {
    if (!popAny(out))
      return false;
    return out == Unknown || isRefType(out) || mismatch();
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
    ctrls.push_back({op, in, out, vals.size(), false, initLog.size()});
    pushVals(in);
  }
  bool popCtrl(Frame &out) {
    out = ctrls.back();
    if (!popVals(out.endTypes))
      return false;
    if (vals.size() != out.height)
      return mismatch();
    resetInits(out.initHeight);
    ctrls.pop_back();
    return true;
  }
  /// Forgets the sets of non-defaultable locals logged since \p height.
  void resetInits(size_t height) {
    for (size_t i = height; i < initLog.size(); ++i)
      initialized.reset(initLog[i]);
    initLog.resize(height);
  }
  void markInitialized(uint32_t index) {
    if (index < initialized.size() && !initialized.test(index)) {
      initialized.set(index);
      initLog.push_back(index);
    }
  }
  /// A view of the one type \p t that outlives the frames referring to it.
  ArrayRef<ValType> ownedSingleType(ValType t) {
    ArrayRef<ValType> row = singleType(t);
    if (!row.empty())
      return row;
    ownedTypes.push_back(t);
    return ArrayRef<ValType>(&ownedTypes.back(), 1);
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
  bool applyReturnCall(const Instr &instr);
  bool returnsAsCaller(const FuncType &callee);
  bool applyVariable(const Instr &instr);
  bool applyReference(const Instr &instr);
  bool applySelect(const Instr &instr);
  bool applyTypedReference(const Instr &instr);
  bool applyCallRef(const Instr &instr);
  bool applyFixedSig(const Instr &instr, const OpcodeSig &sig);
  ValType memoryAddressType(uint32_t memory) const {
    return module.memories[memory].addressType();
  }
  ValType tableAddressType(uint32_t table) const {
    return module.tables[table].addressType();
  }
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
  uint64_t numParams = totalLocals;
  bool anyNonDefaultable = false;
  for (const auto &[count, t] : module.body(funcIndex).localGroups) {
    if (count == 0)
      continue;
    totalLocals += count;
    localRuns.push_back({totalLocals, t});
    anyNonDefaultable |= !isDefaultable(t);
  }
  // Parameters and defaultable locals start set; only the declared locals
  // of non-defaultable types are tracked.
  if (anyNonDefaultable) {
    initialized.resize(totalLocals, true);
    uint64_t start = numParams;
    for (size_t r = type.params.size(); r < localRuns.size(); ++r) {
      if (!isDefaultable(localRuns[r].second))
        initialized.reset(start, localRuns[r].first);
      start = localRuns[r].first;
    }
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
    if (!isValidValType(bt.value, module.types.size()))
      return fail("unknown type", heapType(bt.value));
    out = ownedSingleType(bt.value);
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
  // Atomic accesses state their natural alignment (threads).
  if (getOpcodeInfo(instr.op).prefix == 0xfe &&
      instr.mem.alignLog2 != log2Width(width))
    return fail("atomic alignment must be natural");
  if (!module.memories[instr.mem.memory].is64 && instr.mem.offset > UINT32_MAX)
    return fail("offset out of range");
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
    return isSubtype(module, module.elems[instr.index].type,
                     tables[instr.index2].elemType) ||
           mismatch();
  }
  for (uint32_t index : {instr.index, instr.index2})
    if (index >= tables.size())
      return fail("unknown table", index);
  // table.copy's source (index2) into its destination (index).
  return isSubtype(module, tables[instr.index2].elemType,
                   tables[instr.index].elemType) ||
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
    // Only tables of function references hold callable references.
    return isSubtype(module, module.tables[instr.index2].elemType,
                     ValType::FuncRef) ||
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
    if (instr.index != 1)
      return fail("invalid result arity");
    return isValidValType(instr.type, module.types.size()) ||
           fail("unknown type", heapType(instr.type));
  case ImmKind::Type:
    return instr.index < module.types.size() ||
           fail("unknown type", instr.index);
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
  case ImmKind::Reserved:
  case ImmKind::Block: // checked with the block's types
  case ImmKind::I32:
  case ImmKind::I64:
  case ImmKind::F32:
  case ImmKind::F64:
  case ImmKind::V128:
    return true;
  case ImmKind::RefType:
    return isValidValType(instr.type, module.types.size()) ||
           fail("unknown type", heapType(instr.type));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Typing
//===----------------------------------------------------------------------===//

bool FunctionValidator::Impl::apply(const Instr &instr) {
  const OpcodeSig &sig = getOpcodeInfo(instr.op).sig;
  if (sig.fixed)
    return applyFixedSig(instr, sig);
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
    if (instr.op == Opcode::CallIndirect &&
        !pop(tableAddressType(instr.index2)))
      return false;
    if (!popVals(callee.params))
      return false;
    pushVals(callee.results);
    return true;
  }
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
    return applyReturnCall(instr);
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
  case Opcode::CallRef:
  case Opcode::ReturnCallRef:
    return applyCallRef(instr);
  case Opcode::RefAsNonNull:
  case Opcode::BrOnNull:
  case Opcode::BrOnNonNull:
    return applyTypedReference(instr);
  default:
    return applyReference(instr);
  }
}

/// return_call and return_call_indirect: a call whose results are the
/// function's own (the callee's frame replaces the caller's), then as
/// `return`, everything after it is unreachable.
bool FunctionValidator::Impl::applyReturnCall(const Instr &instr) {
  const FuncType &callee = instr.op == Opcode::ReturnCall
                               ? module.funcType(instr.index)
                               : module.types[instr.index];
  if (instr.op == Opcode::ReturnCallIndirect &&
      !pop(tableAddressType(instr.index2)))
    return false;
  if (!popVals(callee.params) || !returnsAsCaller(callee))
    return false;
  setUnreachable();
  return true;
}

/// A tail call returns the callee's results as the caller's own: each must
/// be a subtype of the caller's.
bool FunctionValidator::Impl::returnsAsCaller(const FuncType &callee) {
  if (callee.results.size() != type.results.size())
    return mismatch();
  for (size_t i = 0; i < callee.results.size(); ++i)
    if (!isSubtype(module, callee.results[i], type.results[i]))
      return mismatch();
  return true;
}

/// The Sig column types addresses, sizes and table indices as i32; a 64-bit
/// memory or table (memory64, table64) makes them i64. A copy between an i32
/// and an i64 memory or table counts in the smaller of the two types.
bool FunctionValidator::Impl::applyFixedSig(const Instr &instr,
                                            const OpcodeSig &sig) {
  SmallVector<ValType, 4> params(sig.paramTypes());
  SmallVector<ValType, 2> results(sig.resultTypes());
  auto smaller = [](ValType a, ValType b) {
    return a == ValType::I64 && b == ValType::I64 ? ValType::I64 : ValType::I32;
  };
  if (getMemoryAccessWidth(instr.op)) {
    params[0] = memoryAddressType(instr.mem.memory);
  } else {
    switch (instr.op) {
    case Opcode::MemorySize:
      results[0] = memoryAddressType(instr.index);
      break;
    case Opcode::MemoryGrow:
      params[0] = results[0] = memoryAddressType(instr.index);
      break;
    case Opcode::MemoryFill:
      params[0] = params[2] = memoryAddressType(instr.index);
      break;
    case Opcode::MemoryInit:
      params[0] = memoryAddressType(instr.index2);
      break;
    case Opcode::MemoryCopy:
      params[0] = memoryAddressType(instr.index);
      params[1] = memoryAddressType(instr.index2);
      params[2] = smaller(params[0], params[1]);
      break;
    case Opcode::TableSize:
      results[0] = tableAddressType(instr.index);
      break;
    case Opcode::TableInit:
      params[0] = tableAddressType(instr.index2);
      break;
    case Opcode::TableCopy:
      params[0] = tableAddressType(instr.index);
      params[1] = tableAddressType(instr.index2);
      params[2] = smaller(params[0], params[1]);
      break;
    default:
      break;
    }
  }
  if (!popVals(params))
    return false;
  pushVals(results);
  return true;
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
    if (instr.index < initialized.size() && !initialized.test(instr.index))
      return fail("uninitialized local", instr.index);
    push(localType(instr.index));
    return true;
  case Opcode::LocalSet:
    if (!pop(localType(instr.index)))
      return false;
    markInitialized(instr.index);
    return true;
  case Opcode::LocalTee: {
    ValType t = localType(instr.index);
    if (!pop(t))
      return false;
    markInitialized(instr.index);
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
    if (!popRef(t))
      return false;
    push(ValType::I32);
    return true;
  }
  case Opcode::RefFunc:
    // C.refs: only functions referenced outside function bodies.
    if (!module.declaredFuncRefs.contains(instr.index))
      return fail("undeclared function reference");
    push(makeRefType(/*nullable=*/false, module.funcs[instr.index]));
    return true;
  case Opcode::TableGet:
    if (!pop(tableAddressType(instr.index)))
      return false;
    push(module.tables[instr.index].elemType);
    return true;
  case Opcode::TableSet:
    return pop(module.tables[instr.index].elemType) &&
           pop(tableAddressType(instr.index));
  case Opcode::TableGrow:
    if (!pop(tableAddressType(instr.index)) ||
        !pop(module.tables[instr.index].elemType))
      return false;
    push(tableAddressType(instr.index));
    return true;
  case Opcode::TableFill:
    return pop(tableAddressType(instr.index)) &&
           pop(module.tables[instr.index].elemType) &&
           pop(tableAddressType(instr.index));
  default:
    llvm_unreachable("operator with an empty Sig and no typing rule");
  }
}

/// ref.as_non_null, br_on_null and br_on_non_null: the operand is any
/// reference; what continues (or branches) with it is its non-null type.
bool FunctionValidator::Impl::applyTypedReference(const Instr &instr) {
  ValType t;
  if (!popRef(t))
    return false;
  ValType nonNull = t == Unknown ? Unknown : withNullability(t, false);
  switch (instr.op) {
  case Opcode::RefAsNonNull:
    push(nonNull);
    return true;
  case Opcode::BrOnNull: {
    ArrayRef<ValType> types = labelTypes(label(instr.index));
    if (!popVals(types))
      return false;
    pushVals(types);
    push(nonNull);
    return true;
  }
  case Opcode::BrOnNonNull: {
    // The label takes [t* (ref ht)]: the operands and the non-null value.
    ArrayRef<ValType> types = labelTypes(label(instr.index));
    if (types.empty() || !isRefType(types.back()))
      return mismatch();
    if (nonNull != Unknown && !isSubtype(module, nonNull, types.back()))
      return mismatch();
    ArrayRef<ValType> rest = types.drop_back();
    if (!popVals(rest))
      return false;
    pushVals(rest);
    return true;
  }
  default:
    llvm_unreachable("not a typed reference operator");
  }
}

/// call_ref and return_call_ref $t: the callee is a `(ref null $t)` on top
/// of the arguments.
bool FunctionValidator::Impl::applyCallRef(const Instr &instr) {
  const FuncType &callee = module.types[instr.index];
  if (!pop(makeRefType(/*nullable=*/true, instr.index)) ||
      !popVals(callee.params))
    return false;
  if (instr.op == Opcode::CallRef) {
    pushVals(callee.results);
    return true;
  }
  if (!returnsAsCaller(callee))
    return false;
  setUnreachable();
  return true;
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

/// Whether \p instr names a memory other than memory 0.
static bool usesOtherMemory(const Instr &instr, ImmKind imm) {
  switch (imm) {
  case ImmKind::Mem:
    return instr.index != 0;
  case ImmKind::MemoryInit:
    return instr.index2 != 0;
  case ImmKind::MemoryCopy:
    return instr.index != 0 || instr.index2 != 0;
  default:
    return getMemoryAccessWidth(instr.op) != 0 && instr.mem.memory != 0;
  }
}

/// The feature \p instr needs beyond its opcode's: a block typed by a
/// function type (params, several results) is multi-value, an access to a
/// memory but the first multi-memory.
static Feature getInstrFeature(const Instr &instr) {
  const OpcodeInfo &info = getOpcodeInfo(instr.op);
  if (info.imm == ImmKind::Block && instr.block.kind == BlockType::TypeIndex)
    return Feature::MultiValue;
  if (usesOtherMemory(instr, info.imm))
    return Feature::MultiMemory;
  return info.feature;
}

Error FunctionValidator::validate(const Instr &instr) {
  if (impl->ctrls.empty())
    return malformed(instr.offset, "operators remaining after end of function");
  Feature feature = getInstrFeature(instr);
  if (feature != Feature::MVP) {
    if (impl->module.disabledFeatures.has(feature))
      return featureDisabled(instr.offset, feature, getOpcodeText(instr.op));
    impl->usedFeatures.add(feature);
  }
  if (!impl->checkImmediates(instr) || !impl->apply(instr))
    return makeError(impl->errKind, instr.offset, impl->errMsg);
  return Error::success();
}

Error FunctionValidator::finish(size_t endOffset) {
  if (!impl->ctrls.empty())
    return malformed(endOffset, "unexpected end");
  return Error::success();
}

FeatureSet FunctionValidator::usedFeatures() const {
  return impl->usedFeatures;
}

Error wasmkiln::validateFunctionBodies(const Module &module, FeatureSet *used) {
  if (module.bodies.size() != module.funcs.size() - module.numImportedFuncs)
    return malformed(0, "function and code section have inconsistent lengths");
  for (uint32_t i = module.numImportedFuncs; i < module.funcs.size(); ++i)
    if (Error err = walkFunctionBody(
            module, i, [](const Instr &) { return Error::success(); }, used))
      return err;
  return Error::success();
}

Error wasmkiln::walkFunctionBody(const Module &module, uint32_t funcIndex,
                                 function_ref<Error(const Instr &)> onValid,
                                 FeatureSet *used) {
  const FunctionBody &body = module.body(funcIndex);
  FunctionValidator validator(module, funcIndex);
  BodyReader reader(body.code, body.codeOffset,
                    BodyEncoding::withDisabled(module.disabledFeatures));
  Instr instr;
  while (!reader.atEnd()) {
    if (Error err = reader.next(instr))
      return err;
    if (Error err = validator.validate(instr))
      return err;
    if (Error err = onValid(instr))
      return err;
  }
  if (used)
    used->add(validator.usedFeatures());
  return validator.finish(reader.offset());
}
