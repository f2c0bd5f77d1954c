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

#include "llvm/ADT/StringSet.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

constexpr uint64_t MaxMemoryPages = 65536;

class ModuleValidator {
public:
  explicit ModuleValidator(const Module &module) : module(module) {}
  Error run();

private:
  const Module &module;

  Error checkFuncTypeIndex(uint32_t typeIndex, size_t offset);
  Error checkLimits(const Limits &limits, size_t offset);
  Error checkMemory(const MemoryType &memory, size_t offset);
  Error checkConstExpr(const ConstExpr &expr, ValType expected);
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
  if (limits.min > MaxMemoryPages ||
      (limits.max && *limits.max > MaxMemoryPages))
    return invalid(offset, "memory size must be at most 65536 pages (4GiB)");
  return checkLimits(limits, offset);
}

/// 2.0's constant expressions see only the imported globals, and only the
/// immutable ones are constant.
Error ModuleValidator::checkConstExpr(const ConstExpr &expr, ValType expected) {
  ValType actual = ValType::I32;
  switch (expr.kind) {
  case ConstExpr::I32Const:
    actual = ValType::I32;
    break;
  case ConstExpr::I64Const:
    actual = ValType::I64;
    break;
  case ConstExpr::F32Const:
    actual = ValType::F32;
    break;
  case ConstExpr::F64Const:
    actual = ValType::F64;
    break;
  case ConstExpr::V128Const:
    actual = ValType::V128;
    break;
  case ConstExpr::RefNull:
    actual = expr.refType;
    break;
  case ConstExpr::RefFunc:
    if (expr.index >= module.funcs.size())
      return invalid(expr.offset,
                     Twine("unknown function ") + Twine(expr.index));
    actual = ValType::FuncRef;
    break;
  case ConstExpr::GlobalGet:
    if (expr.index >= module.numImportedGlobals)
      return invalid(expr.offset, Twine("unknown global ") + Twine(expr.index));
    if (module.globals[expr.index].isMutable)
      return invalid(expr.offset, "constant expression required");
    actual = module.globals[expr.index].type;
    break;
  }
  if (actual != expected)
    return invalid(expr.offset, "type mismatch");
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
      if (Error err = checkMemory(import.memory, 0))
        return err;
      break;
    case ExternKind::Global:
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
  for (const TableType &table : module.tables)
    if (Error err = checkLimits(table.limits, 0))
      return err;
  for (const MemoryType &memory : module.memories)
    if (Error err = checkMemory(memory, 0))
      return err;
  for (size_t i = module.numImportedTags; i < module.tags.size(); ++i)
    if (Error err = checkTagType(module.tags[i]))
      return err;
  if (module.memories.size() > 1)
    return invalid(0, "multiple memories");
  if (module.globalInits.size() !=
      module.globals.size() - module.numImportedGlobals)
    return malformed(0, "global initialisers do not match the globals");
  for (size_t i = 0; i < module.globalInits.size(); ++i) {
    const GlobalType &global = module.globals[module.numImportedGlobals + i];
    if (Error err = checkConstExpr(module.globalInits[i], global.type))
      return err;
  }
  return Error::success();
}

Error ModuleValidator::checkElems() {
  for (const ElemSegment &elem : module.elems) {
    for (const ConstExpr &item : elem.items)
      if (Error err = checkConstExpr(item, elem.type))
        return err;
    if (elem.mode != SegmentMode::Active)
      continue;
    if (elem.table >= module.tables.size())
      return invalid(elem.offset.offset,
                     Twine("unknown table ") + Twine(elem.table));
    if (module.tables[elem.table].elemType != elem.type)
      return invalid(elem.offset.offset, "type mismatch");
    if (Error err = checkConstExpr(elem.offset, ValType::I32))
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
    if (Error err = checkConstExpr(data.offset, ValType::I32))
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
  if (Error err = checkImports())
    return err;
  if (Error err = checkDefinitions())
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
