//===- Validator.cpp - Module-level validation ----------------------------===//
//
// Everything the spec validates outside function bodies: type indices of
// functions, limits of tables and memories, constant expressions (global
// initialisers, segment offsets and items), segments' tables and memories,
// the start function and exports. Bodies are FunctionValidator's job.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Validator.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/TypeRelations.h"

#include "llvm/ADT/StringSet.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

constexpr uint64_t MaxMemoryPages = 65536;

/// The most pages a memory of this type may declare: 4 GiB of 64 KiB pages
/// for 32-bit memories, 2^48 for 64-bit ones (2^64 bytes); with 1-byte
/// pages every count its address type can hold.
uint64_t maxMemoryPages(const MemoryType &memory) {
  if (memory.pageSizeLog2 == 0)
    return memory.is64 ? UINT64_MAX : UINT32_MAX;
  return memory.is64 ? uint64_t(1) << 48 : MaxMemoryPages;
}

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &module) : module(module) {}
  Error run();

private:
  const Module &module;

  Error checkFuncTypeIndex(uint32_t typeIndex, size_t offset);
  Error checkLimits(const Limits &limits, size_t offset);
  Error checkMemory(const MemoryType &memory, size_t offset);
  Error checkConstExpr(const ConstExpr &expr, ValType expected,
                       uint32_t numGlobals);
  Error typeConstOp(const ConstExpr &op, uint32_t numGlobals,
                    SmallVectorImpl<ValType> &stack);
  Error checkValType(ValType t, size_t offset);
  Error checkTypes();
  Error checkTables();
  Error checkTagType(uint32_t typeIndex);
  Error checkImports();
  Error checkDefinitions();
  Error checkElems();
  Error checkDatas();
  Error checkStart();
  Error checkExports();
};

} // namespace

Error ModuleValidator::checkFuncTypeIndex(uint32_t typeIndex, size_t offset) {
  if (typeIndex >= module.types.size())
    return invalid(offset, Twine("unknown type ") + Twine(typeIndex));
  return Error::success();
}

Error ModuleValidator::checkLimits(const Limits &limits, size_t offset) {
  if (limits.max && limits.min > *limits.max)
    return invalid(offset, "size minimum must not be greater than maximum");
  return Error::success();
}

Error ModuleValidator::checkMemory(const MemoryType &memory, size_t offset) {
  const Limits &limits = memory.limits;
  // custom-page-sizes: 1 byte or 64 KiB.
  if (memory.pageSizeLog2 != 0 && memory.pageSizeLog2 != DefaultPageSizeLog2)
    return invalid(offset, "invalid custom page size");
  uint64_t maxPages = maxMemoryPages(memory);
  if (limits.min > maxPages || (limits.max && *limits.max > maxPages))
    return invalid(offset, memory.is64
                               ? "memory size must be at most 2^64 bytes"
                               : "memory size must be at most 65536 pages "
                                 "(4GiB)");
  if (memory.shared && !limits.max)
    return invalid(offset, "shared memory must have maximum");
  return checkLimits(limits, offset);
}

/// Types one constant instruction on \p stack. 3.0's constant expressions
/// read the immutable globals below \p numGlobals (those defined before a
/// global initialiser, every global elsewhere).
Error ModuleValidator::typeConstOp(const ConstExpr &op, uint32_t numGlobals,
                                   SmallVectorImpl<ValType> &stack) {
  auto binary = [&](ValType t) -> Error {
    if (stack.size() < 2 || stack.back() != t || stack[stack.size() - 2] != t)
      return invalid(op.offset, "type mismatch");
    stack.pop_back();
    return Error::success();
  };
  switch (op.kind) {
  case ConstExpr::I32Const:
    stack.push_back(ValType::I32);
    break;
  case ConstExpr::I64Const:
    stack.push_back(ValType::I64);
    break;
  case ConstExpr::F32Const:
    stack.push_back(ValType::F32);
    break;
  case ConstExpr::F64Const:
    stack.push_back(ValType::F64);
    break;
  case ConstExpr::V128Const:
    stack.push_back(ValType::V128);
    break;
  case ConstExpr::RefNull:
    if (!isValidValType(op.refType, module.types.size()))
      return invalid(op.offset,
                     Twine("unknown type ") + Twine(heapType(op.refType)));
    stack.push_back(op.refType);
    break;
  case ConstExpr::RefFunc:
    if (op.index >= module.funcs.size())
      return invalid(op.offset, Twine("unknown function ") + Twine(op.index));
    stack.push_back(makeRefType(false, module.funcs[op.index]));
    break;
  case ConstExpr::GlobalGet:
    if (op.index >= numGlobals)
      return invalid(op.offset, Twine("unknown global ") + Twine(op.index));
    if (module.globals[op.index].isMutable)
      return invalid(op.offset, "constant expression required");
    stack.push_back(module.globals[op.index].type);
    break;
  case ConstExpr::I32Add:
  case ConstExpr::I32Sub:
  case ConstExpr::I32Mul:
    return binary(ValType::I32);
  case ConstExpr::I64Add:
  case ConstExpr::I64Sub:
  case ConstExpr::I64Mul:
    return binary(ValType::I64);
  case ConstExpr::Extended:
    for (const ConstExpr &inner : op.ops)
      if (Error err = typeConstOp(inner, numGlobals, stack))
        return err;
    break;
  }
  return Error::success();
}

Error ModuleValidator::checkConstExpr(const ConstExpr &expr, ValType expected,
                                      uint32_t numGlobals) {
  SmallVector<ValType, 4> stack;
  if (Error err = typeConstOp(expr, numGlobals, stack))
    return err;
  if (stack.size() != 1 || !isSubtype(module, stack[0], expected))
    return invalid(expr.offset, "type mismatch");
  return Error::success();
}

Error ModuleValidator::checkValType(ValType t, size_t offset) {
  if (!isValidValType(t, module.types.size()))
    return invalid(offset, Twine("unknown type ") + Twine(heapType(t)));
  return Error::success();
}

/// Without GC's recursion groups a function type refers only to itself and
/// earlier types.
Error ModuleValidator::checkTypes() {
  for (size_t i = 0; i < module.types.size(); ++i) {
    const FuncType &type = module.types[i];
    for (const auto &list :
         {ArrayRef<ValType>(type.params), ArrayRef<ValType>(type.results)})
      for (ValType t : list)
        if (!isValidValType(t, i + 1))
          return invalid(0, Twine("unknown type ") + Twine(heapType(t)));
  }
  return Error::success();
}

/// Table element types, and the initialiser that a table of a non-nullable
/// type needs.
Error ModuleValidator::checkTables() {
  for (size_t i = 0; i < module.tables.size(); ++i) {
    const TableType &table = module.tables[i];
    if (Error err = checkValType(table.elemType, 0))
      return err;
    if (i < module.numImportedTables)
      continue;
    size_t defined = i - module.numImportedTables;
    const std::optional<ConstExpr> *init = defined < module.tableInits.size()
                                               ? &module.tableInits[defined]
                                               : nullptr;
    // The table section comes before the global section: a table's
    // initialiser sees the imported globals only.
    if (init && *init) {
      if (Error err =
              checkConstExpr(**init, table.elemType, module.numImportedGlobals))
        return err;
    } else if (!isNullable(table.elemType)) {
      return invalid(0, "type mismatch");
    }
  }
  return Error::success();
}

/// A tag's type is a function type without results (its params are the
/// exception's payload).
Error ModuleValidator::checkTagType(uint32_t typeIndex) {
  if (Error err = checkFuncTypeIndex(typeIndex, 0))
    return err;
  if (!module.types[typeIndex].results.empty())
    return invalid(0, "non-empty tag result type");
  return Error::success();
}

Error ModuleValidator::checkImports() {
  for (const Import &import : module.imports) {
    // Imports carry no offset of their own; 0 points at the module.
    switch (import.kind) {
    case ExternKind::Func:
      if (Error err = checkFuncTypeIndex(import.funcType, 0))
        return err;
      break;
    case ExternKind::Table:
      if (Error err = checkLimits(import.table.limits, 0))
        return err;
      break;
    case ExternKind::Memory:
      if (Error err = checkMemory(import.memory, import.memory.offset))
        return err;
      break;
    case ExternKind::Global:
      if (Error err = checkValType(import.global.type, 0))
        return err;
      break;
    case ExternKind::Tag:
      if (Error err = checkTagType(import.tagType))
        return err;
      break;
    }
  }
  return Error::success();
}

Error ModuleValidator::checkDefinitions() {
  for (uint32_t typeIndex : module.funcs)
    if (Error err = checkFuncTypeIndex(typeIndex, 0))
      return err;
  for (const FunctionBody &body : module.bodies)
    for (const auto &group : body.localGroups)
      if (Error err = checkValType(group.second, body.bodyOffset))
        return err;
  for (const TableType &table : module.tables)
    if (Error err = checkLimits(table.limits, 0))
      return err;
  for (const MemoryType &memory : module.memories)
    if (Error err = checkMemory(memory, memory.offset))
      return err;
  for (size_t i = module.numImportedTags; i < module.tags.size(); ++i)
    if (Error err = checkTagType(module.tags[i]))
      return err;
  if (module.globalInits.size() !=
      module.globals.size() - module.numImportedGlobals)
    return malformed(0, "global initialisers do not match the globals");
  for (size_t i = 0; i < module.globalInits.size(); ++i) {
    uint32_t index = module.numImportedGlobals + i;
    const GlobalType &global = module.globals[index];
    if (Error err = checkValType(global.type, module.globalInits[i].offset))
      return err;
    if (Error err = checkConstExpr(module.globalInits[i], global.type, index))
      return err;
  }
  return Error::success();
}

Error ModuleValidator::checkElems() {
  uint32_t numGlobals = module.globals.size();
  for (const ElemSegment &elem : module.elems) {
    if (Error err = checkValType(elem.type, elem.offset.offset))
      return err;
    for (const ConstExpr &item : elem.items)
      if (Error err = checkConstExpr(item, elem.type, numGlobals))
        return err;
    if (elem.mode != SegmentMode::Active)
      continue;
    if (elem.table >= module.tables.size())
      return invalid(elem.offset.offset,
                     Twine("unknown table ") + Twine(elem.table));
    if (!isSubtype(module, elem.type, module.tables[elem.table].elemType))
      return invalid(elem.offset.offset, "type mismatch");
    if (Error err = checkConstExpr(
            elem.offset, module.tables[elem.table].addressType(), numGlobals))
      return err;
  }
  return Error::success();
}

Error ModuleValidator::checkDatas() {
  if (module.dataCount && *module.dataCount != module.datas.size())
    return malformed(0,
                     "data count and data section have inconsistent lengths");
  for (const DataSegment &data : module.datas) {
    if (data.mode != SegmentMode::Active)
      continue;
    if (data.memory >= module.memories.size())
      return invalid(data.offset.offset,
                     Twine("unknown memory ") + Twine(data.memory));
    if (Error err = checkConstExpr(data.offset,
                                   module.memories[data.memory].addressType(),
                                   module.globals.size()))
      return err;
  }
  return Error::success();
}

Error ModuleValidator::checkStart() {
  if (!module.start)
    return Error::success();
  if (*module.start >= module.funcs.size())
    return invalid(0, Twine("unknown function ") + Twine(*module.start));
  const FuncType &type = module.funcType(*module.start);
  if (!type.params.empty() || !type.results.empty())
    return invalid(0, "start function");
  return Error::success();
}

Error ModuleValidator::checkExports() {
  StringSet<> names;
  for (const Export &exp : module.exports) {
    if (!names.insert(exp.name).second)
      return invalid(0, "duplicate export name");
    switch (exp.kind) {
    case ExternKind::Func:
      if (exp.index >= module.funcs.size())
        return invalid(0, Twine("unknown function ") + Twine(exp.index));
      break;
    case ExternKind::Table:
      if (exp.index >= module.tables.size())
        return invalid(0, Twine("unknown table ") + Twine(exp.index));
      break;
    case ExternKind::Memory:
      if (exp.index >= module.memories.size())
        return invalid(0, Twine("unknown memory ") + Twine(exp.index));
      break;
    case ExternKind::Global:
      if (exp.index >= module.globals.size())
        return invalid(0, Twine("unknown global ") + Twine(exp.index));
      break;
    case ExternKind::Tag:
      if (exp.index >= module.tags.size())
        return invalid(0, Twine("unknown tag ") + Twine(exp.index));
      break;
    }
  }
  return Error::success();
}

Error ModuleValidator::run() {
  if (Error err = checkTypes())
    return err;
  if (Error err = checkImports())
    return err;
  if (Error err = checkDefinitions())
    return err;
  if (Error err = checkTables())
    return err;
  if (Error err = checkElems())
    return err;
  if (Error err = checkDatas())
    return err;
  if (Error err = checkStart())
    return err;
  return checkExports();
}

Error wasmkiln::validateModule(const Module &module) {
  return ModuleValidator(module).run();
}
