//===- TableAnalysis.cpp - Which tables hold only the module's own functions //
//
// See TableAnalysis.h. The body scan decodes instructions without
// validating them (BodyReader only): it runs before IR generation, which
// validates as it translates.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/TableAnalysis.h"

#include "wasmkiln/wasm/BodyReader.h"

using namespace wasmkiln;

static bool holdsOnlyOwnFunctions(const Module &module,
                                  const ElemSegment &segment) {
  for (const ConstExpr &item : segment.items) {
    if (item.kind == ConstExpr::RefNull)
      continue;
    if (item.kind != ConstExpr::RefFunc || module.isImportedFunc(item.index))
      return false;
  }
  return true;
}

/// Marks the tables that instructions of \p body may fill with foreign
/// references; false if the body does not decode.
static bool markWrittenTables(const FunctionBody &body,
                              std::vector<bool> &own) {
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  auto clear = [&](uint32_t table) {
    if (table < own.size())
      own[table] = false;
  };
  while (!reader.atEnd()) {
    if (llvm::Error err = reader.next(instr)) {
      llvm::consumeError(std::move(err));
      return false;
    }
    switch (instr.op) {
    case Opcode::TableSet:
    case Opcode::TableFill:
    case Opcode::TableGrow:
      clear(instr.index);
      break;
    case Opcode::TableCopy:
      if (instr.index != instr.index2)
        clear(instr.index);
      break;
    default:
      break;
    }
  }
  return true;
}

std::vector<bool> wasmkiln::findOwnFunctionTables(const Module &module) {
  std::vector<bool> own(module.tables.size(), false);
  for (uint32_t t = module.numImportedTables; t < own.size(); ++t)
    own[t] = module.tables[t].elemType == ValType::FuncRef;
  for (const Export &exp : module.exports)
    if (exp.kind == ExternKind::Table && exp.index < own.size())
      own[exp.index] = false;
  // An active segment fills its table; a passive one may reach any table
  // through table.init; a declarative one none.
  for (const ElemSegment &segment : module.elems) {
    if (segment.mode == SegmentMode::Declarative ||
        holdsOnlyOwnFunctions(module, segment))
      continue;
    if (segment.mode == SegmentMode::Passive)
      return std::vector<bool>(own.size(), false);
    if (segment.table < own.size())
      own[segment.table] = false;
  }
  // The scan below decodes every body: skip it when no table is left.
  if (!llvm::is_contained(own, true))
    return own;
  for (const FunctionBody &body : module.bodies)
    if (!markWrittenTables(body, own))
      return std::vector<bool>(own.size(), false);
  return own;
}
