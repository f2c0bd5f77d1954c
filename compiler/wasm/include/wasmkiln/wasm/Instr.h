//===- Instr.h - One decoded instruction ------------------------*- C++ -*-===//
//
// The unit that flows from BodyReader to FunctionValidator to the IR
// generator: an opcode, its byte offset, and its immediates. Which fields
// are meaningful depends on the opcode's ImmKind (see Opcode.h).
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_INSTR_H
#define WASMKILN_INSTR_H

#include "wasmkiln/wasm/Module.h"
#include "wasmkiln/wasm/Opcode.h"

#include "llvm/ADT/ArrayRef.h"

#include <array>

namespace wasmkiln {

struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex } kind = Empty;
  ValType value = ValType::I32; // Value
  uint32_t typeIndex = 0;       // TypeIndex
};

struct MemArg {
  uint32_t alignLog2 = 0;
  uint64_t offset = 0; // < 2^32 in WebAssembly 2.0
  uint32_t memory = 0;
};

/// One catch clause of try_table: which exceptions it catches (those of
/// `tag`, or all) and whether the branch to `label` also carries the exnref.
struct CatchClause {
  enum Kind : uint8_t { Catch, CatchRef, CatchAll, CatchAllRef } kind = Catch;
  uint32_t tag = 0; // Catch, CatchRef
  uint32_t label = 0;
  bool hasTag() const { return kind == Catch || kind == CatchRef; }
  bool hasRef() const { return kind == CatchRef || kind == CatchAllRef; }
};

struct Instr {
  Opcode op = Opcode::Nop;
  size_t offset = 0; // byte offset of the opcode in the input

  // Label, Func, Local, Global, Table, Mem, Data, Elem, Tag: the index.
  // CallIndirect: type index; MemoryInit: data index; TableInit: elem index;
  // MemoryCopy / TableCopy: destination; BrTable: the default label.
  uint32_t index = 0;
  // CallIndirect: table; MemoryInit: memory; TableInit: table;
  // MemoryCopy / TableCopy: source.
  uint32_t index2 = 0;
  // I32 (sign-extended) / I64 values, F32 / F64 bit patterns.
  uint64_t value = 0;
  std::array<uint8_t, 16> bytes{};  // V128 constant, Shuffle lanes
  uint8_t lane = 0;                 // Lane*, MemArgLane*
  MemArg mem;                       // MemArg*, MemArgLane*
  BlockType block;                  // Block
  ValType type = ValType::I32;      // RefType; SelectT (its single type)
  llvm::ArrayRef<uint32_t> targets; // BrTable labels, without the default;
                                    // valid until the reader's next read
  llvm::ArrayRef<CatchClause> catches; // TryTable, likewise
};

} // namespace wasmkiln

#endif
