//===- ValidatorTest.cpp - Unit tests of module and function validation ---===//
//
// Builds Modules and instruction sequences by hand (no decoder involved) and
// checks the validator's verdicts on the cases the algorithm gets wrong most
// easily: the polymorphic stack, br_table, multi-value blocks, select,
// reference types, immediates and the module-level rules.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Validator.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/TypeRelations.h"

#include "gtest/gtest.h"

#include <vector>

using namespace llvm;
using namespace wasmkiln;

namespace {

constexpr ValType I32 = ValType::I32, I64 = ValType::I64, F32 = ValType::F32,
                  V128 = ValType::V128, FuncRef = ValType::FuncRef,
                  ExternRef = ValType::ExternRef;

/// The verdict on a function or module: "" when valid, else the message,
/// prefixed by "malformed: " for Malformed errors.
std::string verdict(Error err, size_t *offset = nullptr) {
  std::string result;
  handleAllErrors(std::move(err), [&](const WasmError &e) {
    result = (e.getKind() == WasmError::Malformed ? "malformed: " : "") +
             e.getMessage();
    if (offset)
      *offset = e.getOffset();
  });
  return result;
}

Instr op(Opcode o, uint32_t index = 0) {
  Instr instr;
  instr.op = o;
  instr.index = index;
  return instr;
}
Instr block(Opcode o, BlockType::Kind kind = BlockType::Empty,
            ValType value = I32, uint32_t typeIndex = 0) {
  Instr instr = op(o);
  instr.block.kind = kind;
  instr.block.value = value;
  instr.block.typeIndex = typeIndex;
  return instr;
}
Instr typed(Opcode o, ValType t, uint32_t index = 1) {
  Instr instr = op(o, index);
  instr.type = t;
  return instr;
}
Instr lane(Opcode o, uint8_t l) {
  Instr instr = op(o);
  instr.lane = l;
  return instr;
}
Instr memop(Opcode o, uint32_t alignLog2) {
  Instr instr = op(o);
  instr.mem.alignLog2 = alignLog2;
  return instr;
}

/// A module whose defined function 0 has type \p type, plus whatever the
/// test adds; function bodies are supplied as Instr sequences.
struct TestModule {
  Module m;

  explicit TestModule(FuncType type = {},
                      std::vector<std::pair<uint32_t, ValType>> locals = {}) {
    m.types.push_back(type);
    addFunc(0, locals);
  }
  uint32_t addType(FuncType type) {
    m.types.push_back(std::move(type));
    return m.types.size() - 1;
  }
  uint32_t addFunc(uint32_t typeIndex,
                   std::vector<std::pair<uint32_t, ValType>> locals = {}) {
    m.funcs.push_back(typeIndex);
    FunctionBody body;
    for (auto &group : locals) {
      body.localGroups.push_back(group);
      body.numLocals += group.first;
    }
    m.bodies.push_back(body);
    return m.funcs.size() - 1;
  }

  /// Validates \p code (which must include the final end) as function 0;
  /// instruction i is given offset 100 + i.
  std::string run(std::vector<Instr> code, size_t *offset = nullptr) const {
    FunctionValidator v(m, 0);
    for (size_t i = 0; i < code.size(); ++i) {
      code[i].offset = 100 + i;
      if (Error err = v.validate(code[i]))
        return verdict(std::move(err), offset);
    }
    return verdict(v.finish(100 + code.size()), offset);
  }
};

FuncType sig(std::vector<ValType> params, std::vector<ValType> results) {
  FuncType t;
  t.params.assign(params.begin(), params.end());
  t.results.assign(results.begin(), results.end());
  return t;
}

//===----------------------------------------------------------------------===//
// Operand stack and the polymorphic stack
//===----------------------------------------------------------------------===//

TEST(FunctionValidator, FixedSignaturesComeFromTheTable) {
  TestModule t(sig({}, {I64}));
  EXPECT_EQ(
      t.run({op(Opcode::I32Const), op(Opcode::I64ExtendI32S), op(Opcode::End)}),
      "");
  EXPECT_EQ(
      t.run({op(Opcode::I64Const), op(Opcode::I64ExtendI32S), op(Opcode::End)}),
      "type mismatch");
  TestModule v(sig({V128, V128}, {V128}));
  EXPECT_EQ(v.run({op(Opcode::LocalGet, 0), op(Opcode::LocalGet, 1),
                   op(Opcode::V128Bitselect), op(Opcode::End)}),
            "type mismatch"); // needs three operands
}

TEST(FunctionValidator, ResultMismatchReportsTheOffset) {
  TestModule t(sig({}, {I32}));
  size_t offset = 0;
  EXPECT_EQ(t.run({op(Opcode::I64Const), op(Opcode::End)}, &offset),
            "type mismatch");
  EXPECT_EQ(offset, 101u);
  EXPECT_EQ(
      t.run({op(Opcode::I32Const), op(Opcode::I32Const), op(Opcode::End)}),
      "type mismatch"); // one value too many
}

TEST(FunctionValidator, UnreachableMakesTheStackPolymorphic) {
  TestModule t(sig({}, {I32}));
  EXPECT_EQ(
      t.run({op(Opcode::Unreachable), op(Opcode::I32Add), op(Opcode::End)}),
      "");
  // Known operands above the polymorphic bottom are still checked.
  EXPECT_EQ(t.run({op(Opcode::Unreachable), op(Opcode::I64Const),
                   op(Opcode::I32Add), op(Opcode::End)}),
            "type mismatch");
  // The polymorphism ends with the frame.
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::Unreachable),
                   op(Opcode::End), op(Opcode::I32Add), op(Opcode::End)}),
            "type mismatch");
}

TEST(FunctionValidator, ReachabilityEndsWithTheFrame) {
  TestModule t;
  // After br the rest of the block is polymorphic: i32.add finds operands.
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::Br, 0), op(Opcode::I32Add),
                   op(Opcode::Drop), op(Opcode::End), op(Opcode::End)}),
            "");
  // Its end makes the code reachable again.
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::Br, 0), op(Opcode::End),
                   op(Opcode::I32Add), op(Opcode::Drop), op(Opcode::End)}),
            "type mismatch");
}

TEST(FunctionValidator, ControlDepth) {
  TestModule t;
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::End), op(Opcode::End)}),
            "");
  // A frame still open at the body's end.
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::End)}),
            "malformed: unexpected end");
  // The function's own frame closed before the last instruction.
  size_t offset = 0;
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::End), op(Opcode::End),
                   op(Opcode::Nop)},
                  &offset),
            "malformed: operators remaining after end of function");
  EXPECT_EQ(offset, 103u);
}

TEST(FunctionValidator, LocalsByGroup) {
  TestModule t(sig({I32, F32}, {}), {{3, I64}, {2, V128}});
  auto use = [&](uint32_t local, Opcode unary) {
    return t.run({op(Opcode::LocalGet, local), op(unary), op(Opcode::Drop),
                  op(Opcode::End)});
  };
  EXPECT_EQ(use(0, Opcode::I32Eqz), "");
  EXPECT_EQ(use(1, Opcode::F32Neg), "");
  EXPECT_EQ(use(2, Opcode::I64Eqz), "");
  EXPECT_EQ(use(4, Opcode::I64Eqz), "");
  EXPECT_EQ(use(5, Opcode::V128Not), "");
  EXPECT_EQ(use(6, Opcode::V128Not), "");
  // The edges of the runs: parameter 1 is not i32, local 5 not i64.
  EXPECT_EQ(use(1, Opcode::I32Eqz), "type mismatch");
  EXPECT_EQ(use(5, Opcode::I64Eqz), "type mismatch");
  EXPECT_EQ(t.run({op(Opcode::LocalGet, 7), op(Opcode::Drop), op(Opcode::End)}),
            "unknown local 7");
  EXPECT_EQ(t.run({op(Opcode::I64Const), op(Opcode::LocalTee, 4),
                   op(Opcode::LocalSet, 3), op(Opcode::End)}),
            "");
  EXPECT_EQ(
      t.run({op(Opcode::I32Const), op(Opcode::LocalSet, 3), op(Opcode::End)}),
      "type mismatch");
}

//===----------------------------------------------------------------------===//
// Control
//===----------------------------------------------------------------------===//

TEST(FunctionValidator, MultiValueBlocksPopAndRepushParams) {
  TestModule t(sig({}, {I32}));
  uint32_t binop = t.addType(sig({I32, I32}, {I32}));
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   block(Opcode::Block, BlockType::TypeIndex, I32, binop),
                   op(Opcode::I32Add), op(Opcode::End), op(Opcode::End)}),
            "");
  // The block's params are not visible below its height.
  EXPECT_EQ(t.run({op(Opcode::I32Const),
                   block(Opcode::Block, BlockType::TypeIndex, I32, binop),
                   op(Opcode::I32Add), op(Opcode::End), op(Opcode::End)}),
            "type mismatch");
  // A branch to a loop carries the loop's params, not its results.
  uint32_t loopType = t.addType(sig({I64}, {I32}));
  EXPECT_EQ(t.run({op(Opcode::I64Const),
                   block(Opcode::Loop, BlockType::TypeIndex, I32, loopType),
                   op(Opcode::Br, 0), op(Opcode::End), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::I64Const),
                   block(Opcode::Loop, BlockType::TypeIndex, I32, loopType),
                   op(Opcode::Drop), op(Opcode::I32Const), op(Opcode::Br, 0),
                   op(Opcode::End), op(Opcode::End)}),
            "type mismatch");
  EXPECT_EQ(t.run({block(Opcode::Block, BlockType::TypeIndex, I32, 99),
                   op(Opcode::End), op(Opcode::End)}),
            "unknown type 99");
}

TEST(FunctionValidator, IfWithoutElseMustPassParamsThrough) {
  TestModule t(sig({}, {I32}));
  uint32_t same = t.addType(sig({I32}, {I32}));
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   block(Opcode::If, BlockType::TypeIndex, I32, same),
                   op(Opcode::End), op(Opcode::End)}),
            "");
  EXPECT_EQ(
      t.run({op(Opcode::I32Const), block(Opcode::If, BlockType::Value, I32),
             op(Opcode::I32Const), op(Opcode::End), op(Opcode::End)}),
      "type mismatch");
  EXPECT_EQ(
      t.run({op(Opcode::I32Const), block(Opcode::If, BlockType::Value, I32),
             op(Opcode::I32Const), op(Opcode::Else), op(Opcode::I32Const),
             op(Opcode::End), op(Opcode::End)}),
      "");
}

TEST(FunctionValidator, StructureErrorsAreMalformed) {
  TestModule t;
  EXPECT_EQ(t.run({op(Opcode::Else), op(Opcode::End)}),
            "malformed: else without matching if");
  EXPECT_EQ(t.run({op(Opcode::I32Const), block(Opcode::If), op(Opcode::Else),
                   op(Opcode::Else), op(Opcode::End), op(Opcode::End)}),
            "malformed: else without matching if");
  EXPECT_EQ(t.run({op(Opcode::End), op(Opcode::Nop)}),
            "malformed: operators remaining after end of function");
  EXPECT_EQ(t.run({block(Opcode::Block), op(Opcode::End)}),
            "malformed: unexpected end");
}

TEST(FunctionValidator, BrTable) {
  TestModule t(sig({}, {I32}));
  auto brTable = [](std::vector<uint32_t> *storage, uint32_t defaultLabel) {
    Instr instr = op(Opcode::BrTable, defaultLabel);
    instr.targets = *storage;
    return instr;
  };
  std::vector<uint32_t> toInner = {0};
  // Targets of different arity are rejected even when unreachable.
  EXPECT_EQ(
      t.run({block(Opcode::Block, BlockType::Value, I32), block(Opcode::Block),
             op(Opcode::Unreachable), brTable(&toInner, 1), op(Opcode::End),
             op(Opcode::I32Const), op(Opcode::End), op(Opcode::End)}),
      "type mismatch");
  // Same arity, different types: 2.0 accepts it under a polymorphic stack...
  EXPECT_EQ(t.run({block(Opcode::Block, BlockType::Value, I32),
                   block(Opcode::Block, BlockType::Value, F32),
                   op(Opcode::Unreachable), brTable(&toInner, 1),
                   op(Opcode::End), op(Opcode::Drop), op(Opcode::I32Const),
                   op(Opcode::End), op(Opcode::End)}),
            "");
  // ...but not with an actual operand, which cannot be both.
  EXPECT_EQ(t.run({block(Opcode::Block, BlockType::Value, I32),
                   block(Opcode::Block, BlockType::Value, F32),
                   op(Opcode::I32Const), op(Opcode::I32Const),
                   brTable(&toInner, 1), op(Opcode::End), op(Opcode::Drop),
                   op(Opcode::I32Const), op(Opcode::End), op(Opcode::End)}),
            "type mismatch");
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   brTable(&toInner, 0), op(Opcode::End)}),
            "");
  std::vector<uint32_t> tooDeep = {0, 5};
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   brTable(&tooDeep, 0), op(Opcode::End)}),
            "unknown label 5");
}

TEST(FunctionValidator, BranchesAndReturn) {
  TestModule t(sig({}, {I32}));
  EXPECT_EQ(t.run({op(Opcode::Br, 1), op(Opcode::End)}), "unknown label 1");
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::Return),
                   op(Opcode::I64Const), op(Opcode::End)}),
            "type mismatch"); // i64 above the polymorphic bottom
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   op(Opcode::BrIf, 0), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::I64Const), op(Opcode::I32Const),
                   op(Opcode::BrIf, 0), op(Opcode::End)}),
            "type mismatch");
}

//===----------------------------------------------------------------------===//
// select, references, calls, tables
//===----------------------------------------------------------------------===//

TEST(FunctionValidator, Select) {
  TestModule t(sig({FuncRef}, {}));
  EXPECT_EQ(
      t.run({op(Opcode::I64Const), op(Opcode::I64Const), op(Opcode::I32Const),
             op(Opcode::Select), op(Opcode::Drop), op(Opcode::End)}),
      "");
  EXPECT_EQ(
      t.run({op(Opcode::I64Const), op(Opcode::F32Const), op(Opcode::I32Const),
             op(Opcode::Select), op(Opcode::Drop), op(Opcode::End)}),
      "type mismatch");
  EXPECT_EQ(t.run({op(Opcode::LocalGet, 0), op(Opcode::LocalGet, 0),
                   op(Opcode::I32Const), op(Opcode::Select), op(Opcode::Drop),
                   op(Opcode::End)}),
            "type mismatch"); // untyped select takes no references
  EXPECT_EQ(t.run({op(Opcode::LocalGet, 0), op(Opcode::LocalGet, 0),
                   op(Opcode::I32Const), typed(Opcode::SelectT, FuncRef),
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::LocalGet, 0), op(Opcode::LocalGet, 0),
                   op(Opcode::I32Const), typed(Opcode::SelectT, FuncRef, 2),
                   op(Opcode::Drop), op(Opcode::End)}),
            "invalid result arity");
  // Both operands unknown: the result is unknown too, and matches i64.
  EXPECT_EQ(t.run({op(Opcode::Unreachable), op(Opcode::Select),
                   op(Opcode::I64Add), op(Opcode::Drop), op(Opcode::End)}),
            "");
  EXPECT_EQ(
      t.run({op(Opcode::Unreachable), op(Opcode::Select), op(Opcode::I64Const),
             op(Opcode::I64Add), op(Opcode::Drop), op(Opcode::End)}),
      "");
}

TEST(FunctionValidator, References) {
  TestModule t;
  uint32_t other = t.addFunc(0);
  EXPECT_EQ(
      t.run({op(Opcode::RefFunc, other), op(Opcode::Drop), op(Opcode::End)}),
      "undeclared function reference");
  t.m.declaredFuncRefs.insert(other);
  EXPECT_EQ(t.run({op(Opcode::RefFunc, other), op(Opcode::RefIsNull),
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::RefFunc, 9), op(Opcode::Drop), op(Opcode::End)}),
            "unknown function 9");
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::RefIsNull),
                   op(Opcode::Drop), op(Opcode::End)}),
            "type mismatch");
  EXPECT_EQ(t.run({typed(Opcode::RefNull, ExternRef), op(Opcode::RefIsNull),
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
}

TEST(FunctionValidator, TablesAndCallIndirect) {
  TestModule t;
  t.m.tables.push_back({ExternRef, {}});
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::TableGet, 0),
                   op(Opcode::RefIsNull), op(Opcode::Drop), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::I32Const), typed(Opcode::RefNull, FuncRef),
                   op(Opcode::TableSet, 0), op(Opcode::End)}),
            "type mismatch");
  EXPECT_EQ(
      t.run({typed(Opcode::RefNull, ExternRef), op(Opcode::I32Const),
             op(Opcode::TableGrow, 0), op(Opcode::Drop), op(Opcode::End)}),
      "");
  EXPECT_EQ(
      t.run({op(Opcode::TableSize, 1), op(Opcode::Drop), op(Opcode::End)}),
      "unknown table 1");
  Instr call = op(Opcode::CallIndirect, 0);
  call.index2 = 0;
  EXPECT_EQ(t.run({op(Opcode::I32Const), call, op(Opcode::End)}),
            "type mismatch"); // externref tables are not callable
  t.m.tables.push_back({FuncRef, {}});
  call.index2 = 1;
  EXPECT_EQ(t.run({op(Opcode::I32Const), call, op(Opcode::End)}), "");
  Instr copy = op(Opcode::TableCopy, 0);
  copy.index2 = 1;
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   op(Opcode::I32Const), copy, op(Opcode::End)}),
            "type mismatch");
}

TEST(FunctionValidator, CallsAndGlobals) {
  TestModule t(sig({}, {I32}));
  uint32_t callee = t.addFunc(t.addType(sig({I64, F32}, {I32})));
  EXPECT_EQ(t.run({op(Opcode::I64Const), op(Opcode::F32Const),
                   op(Opcode::Call, callee), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::F32Const), op(Opcode::I64Const),
                   op(Opcode::Call, callee), op(Opcode::End)}),
            "type mismatch");
  t.m.globals.push_back({I32, false});
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::GlobalSet, 0),
                   op(Opcode::GlobalGet, 0), op(Opcode::End)}),
            "global is immutable");
  EXPECT_EQ(t.run({op(Opcode::GlobalGet, 1), op(Opcode::End)}),
            "unknown global 1");
}

//===----------------------------------------------------------------------===//
// Memory immediates and segments
//===----------------------------------------------------------------------===//

TEST(FunctionValidator, MemoryImmediates) {
  TestModule t;
  EXPECT_EQ(t.run({op(Opcode::I32Const), memop(Opcode::I32Load, 2),
                   op(Opcode::Drop), op(Opcode::End)}),
            "unknown memory 0");
  t.m.memories.push_back({});
  EXPECT_EQ(t.run({op(Opcode::I32Const), memop(Opcode::I32Load, 2),
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
  EXPECT_EQ(t.run({op(Opcode::I32Const), memop(Opcode::I32Load, 3),
                   op(Opcode::Drop), op(Opcode::End)}),
            "alignment must not be larger than natural");
  EXPECT_EQ(t.run({op(Opcode::I32Const), memop(Opcode::I32Load8U, 1),
                   op(Opcode::Drop), op(Opcode::End)}),
            "alignment must not be larger than natural");
  Instr loadLane = memop(Opcode::V128Load32Lane, 2);
  loadLane.lane = 4;
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::V128Const), loadLane,
                   op(Opcode::Drop), op(Opcode::End)}),
            "invalid lane index");
  loadLane.lane = 3;
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::V128Const), loadLane,
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
}

TEST(FunctionValidator, LaneImmediates) {
  TestModule t;
  EXPECT_EQ(t.run({op(Opcode::V128Const), lane(Opcode::I64x2ExtractLane, 2),
                   op(Opcode::Drop), op(Opcode::End)}),
            "invalid lane index");
  EXPECT_EQ(t.run({op(Opcode::V128Const), lane(Opcode::I64x2ExtractLane, 1),
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
  Instr shuffle = op(Opcode::I8x16Shuffle);
  shuffle.bytes[15] = 31;
  EXPECT_EQ(t.run({op(Opcode::V128Const), op(Opcode::V128Const), shuffle,
                   op(Opcode::Drop), op(Opcode::End)}),
            "");
  shuffle.bytes[15] = 32;
  EXPECT_EQ(t.run({op(Opcode::V128Const), op(Opcode::V128Const), shuffle,
                   op(Opcode::Drop), op(Opcode::End)}),
            "invalid lane index");
}

TEST(FunctionValidator, DataAndElemSegments) {
  TestModule t;
  t.m.memories.push_back({});
  t.m.datas.push_back({});
  EXPECT_EQ(t.run({op(Opcode::DataDrop, 0), op(Opcode::End)}),
            "malformed: data count section required");
  t.m.dataCount = 1;
  EXPECT_EQ(t.run({op(Opcode::DataDrop, 0), op(Opcode::End)}), "");
  EXPECT_EQ(t.run({op(Opcode::DataDrop, 1), op(Opcode::End)}),
            "unknown data segment 1");
  EXPECT_EQ(t.run({op(Opcode::ElemDrop, 0), op(Opcode::End)}),
            "unknown elem segment 0");
  ElemSegment elem;
  elem.mode = SegmentMode::Passive;
  elem.type = ExternRef;
  t.m.elems.push_back(elem);
  t.m.tables.push_back({FuncRef, {}});
  Instr init = op(Opcode::TableInit, 0);
  init.index2 = 0;
  EXPECT_EQ(t.run({op(Opcode::I32Const), op(Opcode::I32Const),
                   op(Opcode::I32Const), init, op(Opcode::End)}),
            "type mismatch");
}

//===----------------------------------------------------------------------===//
// Module-level validation
//===----------------------------------------------------------------------===//

ConstExpr constExpr(ConstExpr::Kind kind, uint32_t index = 0) {
  ConstExpr e;
  e.kind = kind;
  e.index = index;
  return e;
}

TEST(ModuleValidator, Limits) {
  TestModule t;
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.memories.push_back({{2, 1}});
  EXPECT_EQ(verdict(validateModule(t.m)),
            "size minimum must not be greater than maximum");
  t.m.memories[0] = {{1, 65537}};
  EXPECT_EQ(verdict(validateModule(t.m)),
            "memory size must be at most 65536 pages (4GiB)");
  t.m.memories[0] = {{1, 65536}};
  // WebAssembly 3.0: a module may have several memories.
  t.m.memories.push_back({});
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.memories.pop_back();
  t.m.tables.push_back({FuncRef, {5, 4}});
  EXPECT_EQ(verdict(validateModule(t.m)),
            "size minimum must not be greater than maximum");
}

TEST(ModuleValidator, GlobalInitialisers) {
  TestModule t;
  t.m.globals = {{I32, false}, {I32, true}, {I32, false}, {I64, false}};
  t.m.numImportedGlobals = 2;
  t.m.globalInits = {constExpr(ConstExpr::GlobalGet, 0),
                     constExpr(ConstExpr::I64Const)};
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.globalInits[0] = constExpr(ConstExpr::GlobalGet, 1);
  EXPECT_EQ(verdict(validateModule(t.m)), "constant expression required");
  t.m.globalInits[0] = constExpr(ConstExpr::GlobalGet, 2);
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown global 2");
  t.m.globalInits[0] = constExpr(ConstExpr::F32Const);
  EXPECT_EQ(verdict(validateModule(t.m)), "type mismatch");
  t.m.globalInits[0] = constExpr(ConstExpr::I32Const);
  t.m.globalInits[1] = constExpr(ConstExpr::RefFunc, 0);
  t.m.globals[3].type = FuncRef;
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.globalInits[1] = constExpr(ConstExpr::RefFunc, 3);
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown function 3");
}

TEST(ModuleValidator, StartAndExports) {
  TestModule t(sig({I32}, {}));
  t.m.start = 0;
  EXPECT_EQ(verdict(validateModule(t.m)), "start function");
  t.m.start = t.addFunc(t.addType({}));
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.exports = {{"f", ExternKind::Func, 1}, {"f", ExternKind::Func, 0}};
  EXPECT_EQ(verdict(validateModule(t.m)), "duplicate export name");
  t.m.exports = {{"f", ExternKind::Func, 1}, {"m", ExternKind::Memory, 0}};
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown memory 0");
  t.m.exports.pop_back();
  t.m.funcs[0] = 42;
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown type 42");
}

TEST(ModuleValidator, Segments) {
  TestModule t;
  ElemSegment elem;
  elem.items = {constExpr(ConstExpr::RefFunc, 0)};
  t.m.elems.push_back(elem);
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown table 0");
  t.m.tables.push_back({ExternRef, {}});
  EXPECT_EQ(verdict(validateModule(t.m)), "type mismatch");
  t.m.tables[0].elemType = FuncRef;
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.elems[0].type = ExternRef;
  EXPECT_EQ(verdict(validateModule(t.m)), "type mismatch"); // the item
  t.m.elems.clear();
  t.m.datas.push_back({});
  EXPECT_EQ(verdict(validateModule(t.m)), "unknown memory 0");
  t.m.memories.push_back({});
  EXPECT_EQ(verdict(validateModule(t.m)), "");
  t.m.datas[0].offset = constExpr(ConstExpr::I64Const);
  EXPECT_EQ(verdict(validateModule(t.m)), "type mismatch");
}

} // namespace

TEST(TypeRelations, ReferenceSubtyping) {
  Module m;
  m.types.resize(3);
  m.types[0].params = {ValType::I32};
  m.types[1].params = {ValType::I32}; // equivalent to type 0
  m.types[2].results = {ValType::I64};
  ValType ref0 = makeRefType(false, 0), null0 = makeRefType(true, 0);
  EXPECT_EQ(makeRefType(true, HeapFunc), ValType::FuncRef);
  EXPECT_EQ(storageType(ref0), ValType::FuncRef);
  EXPECT_EQ(storageType(makeRefType(true, HeapNoExtern)), ValType::ExternRef);
  EXPECT_TRUE(isSubtype(m, ref0, null0));
  EXPECT_FALSE(isSubtype(m, null0, ref0));
  EXPECT_TRUE(isSubtype(m, ref0, ValType::FuncRef));
  EXPECT_FALSE(isSubtype(m, ValType::FuncRef, null0));
  EXPECT_TRUE(isSubtype(m, makeRefType(false, 1), ref0));
  EXPECT_FALSE(isSubtype(m, makeRefType(false, 2), ref0));
  EXPECT_TRUE(isSubtype(m, makeRefType(true, HeapNoFunc), null0));
  EXPECT_FALSE(isSubtype(m, makeRefType(true, HeapNoFunc), ValType::ExternRef));
  EXPECT_TRUE(
      isSubtype(m, makeRefType(true, HeapNoExtern), ValType::ExternRef));
  EXPECT_FALSE(isSubtype(m, ValType::ExternRef, ValType::FuncRef));
  EXPECT_FALSE(isSubtype(m, ValType::I32, ValType::I64));
  EXPECT_FALSE(isDefaultable(ref0));
  EXPECT_TRUE(isDefaultable(null0));
  EXPECT_NE(m.canonicalSignature(0), m.canonicalSignature(2));
  EXPECT_EQ(m.canonicalSignature(0), "i:");
}
