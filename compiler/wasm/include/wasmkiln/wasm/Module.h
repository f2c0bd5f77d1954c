//===- Module.h - The decoded form of a WebAssembly module ------*- C++ -*-===//
//
// What the decoder produces and every later phase reads: types, imports,
// index spaces, segments and names. Function bodies and data segment bytes
// are not copied: they are views into the input buffer, which must outlive
// the Module.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_MODULE_H
#define WASMKILN_MODULE_H

#include "wasmkiln/wasm/Feature.h"
#include "wasmkiln/wasm/ValType.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmkiln {

struct FuncType {
  llvm::SmallVector<ValType, 4> params;
  llvm::SmallVector<ValType, 2> results;
  bool operator==(const FuncType &o) const {
    return params == o.params && results == o.results;
  }
  /// Compact signature string, "params:results" with
  /// i/l/f/d/v/r(func)/e(extern), each type by its storageType (what entry
  /// thunks need; Module::canonicalSignature tells typed references apart).
  std::string signature() const;
};

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
};

struct TableType {
  ValType elemType = ValType::FuncRef;
  Limits limits;
  bool is64 = false; // table64: i64 indices (limits flag bit 2)
  ValType addressType() const { return is64 ? ValType::I64 : ValType::I32; }
};

/// log2 of the default page size, 64 KiB.
constexpr uint32_t DefaultPageSizeLog2 = 16;

struct MemoryType {
  Limits limits;     // in pages of 2^pageSizeLog2 bytes
  bool is64 = false; // memory64: i64 addresses (limits flag bit 2)
  bool shared = false; // threads: shared between agents (limits flag bit 1)
  size_t offset = 0;   // of the limits in the module, for diagnostics
  uint32_t pageSizeLog2 = DefaultPageSizeLog2; // custom-page-sizes: 0 or 16
  ValType addressType() const { return is64 ? ValType::I64 : ValType::I32; }
  /// Whether every access can be left to guard pages: a 32-bit memory of
  /// 64 KiB pages. The others need explicit checks (docs/conformance.md).
  bool guardable() const {
    return !is64 && pageSizeLog2 == DefaultPageSizeLog2;
  }
};

struct GlobalType {
  ValType type = ValType::I32;
  bool isMutable = false;
};

enum class ExternKind : uint8_t {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  Tag = 4
};

/// A constant expression. Most are one instruction, held in the fields
/// below; WebAssembly 3.0's extended constant expressions (several
/// instructions, with i32/i64 add, sub and mul) are kind Extended, their
/// instructions in order in `ops` (each a one-instruction ConstExpr, the
/// arithmetic ones with no operands of their own: they pop two values).
struct ConstExpr {
  enum Kind : uint8_t {
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    V128Const,
    RefNull,
    RefFunc,
    GlobalGet,
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
    Extended
  } kind = I32Const;
  uint64_t bits = 0;  // i32/i64 value (sign-extended) or float bits
  uint32_t index = 0; // funcidx for RefFunc, globalidx for GlobalGet
  ValType refType = ValType::FuncRef; // for RefNull
  std::array<uint8_t, 16> v128{};
  size_t offset = 0;          // byte offset of the expression in the input
  std::vector<ConstExpr> ops; // Extended only
};

struct Import {
  std::string module, field;
  ExternKind kind = ExternKind::Func;
  uint32_t funcType = 0; // Func
  TableType table;       // Table
  MemoryType memory;     // Memory
  GlobalType global;     // Global
  uint32_t tagType = 0;  // Tag: its function type index
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  ValType type = ValType::FuncRef;
  uint32_t table = 0;
  ConstExpr offset;             // Active only
  std::vector<ConstExpr> items; // each RefFunc, RefNull or GlobalGet
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active; // never Declarative
  uint32_t memory = 0;
  ConstExpr offset; // Active only
  llvm::ArrayRef<uint8_t> bytes;
};

/// A defined function's body: its locals are decoded up front, the
/// instructions are a view into the input that BodyReader walks.
struct FunctionBody {
  llvm::SmallVector<std::pair<uint32_t, ValType>, 4>
      localGroups;              // (count, type)
  uint64_t numLocals = 0;       // declared locals, excluding params
  llvm::ArrayRef<uint8_t> code; // instructions, up to and incl. final end
  size_t codeOffset = 0;        // offset of code[0] in the input
  size_t bodyOffset = 0;        // offset of the body's size field
  size_t localsOffset = 0;      // offset after it: wasm DWARF's low_pc
};

struct Module {
  std::vector<FuncType> types;
  std::vector<Import> imports;

  // Index spaces: imports come first in each.
  std::vector<uint32_t> funcs; // type index of every function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalType> globals;
  std::vector<uint32_t> tags; // the function type index of every tag
  uint32_t numImportedFuncs = 0, numImportedTables = 0, numImportedMemories = 0,
           numImportedGlobals = 0, numImportedTags = 0;

  std::vector<ConstExpr> globalInits; // defined globals only
  /// Per defined table: its initialiser (3.0's table form 0x40 0x00), or
  /// none (null).
  std::vector<std::optional<ConstExpr>> tableInits;
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::optional<uint32_t> dataCount;
  std::vector<DataSegment> datas;
  std::vector<FunctionBody> bodies; // defined functions only

  /// Functions that may be the operand of ref.func in a body (2.0's C.refs):
  /// those named in exports, elem segments and global initialisers.
  llvm::DenseSet<uint32_t> declaredFuncRefs;
  /// Per table: it only ever holds null or functions defined here
  /// (findOwnFunctionTables, filled by decodeAndValidate; empty means none).
  std::vector<bool> ownFunctionTables;
  /// Some body makes a tail call (findTailCalls, filled by
  /// decodeAndValidate): every defined function then has the tail-call
  /// convention (docs/abi.md, "Tail calls").
  bool usesTailCalls = false;

  /// Features the user disabled (checked by the decoder and the function
  /// validator) and those the module-level parts use (the decoder's; the
  /// function validator reports the bodies' own).
  FeatureSet disabledFeatures, usedFeatures;

  // From the custom "name" section, when present and well-formed.
  std::string moduleName;
  llvm::DenseMap<uint32_t, std::string> funcNames;
  /// The custom sections holding DWARF (".debug_info", ...: clang -g), by
  /// name, as views into the input, with their contents' offsets in it;
  /// read only by `-g` (irgen's GuestDwarf.cpp, with LLVM's DWARF library).
  struct DebugSection {
    std::string name;
    llvm::ArrayRef<uint8_t> bytes;
    size_t offset = 0;
  };
  std::vector<DebugSection> debugSections;
  /// Offset in the input of the code section's contents (its function
  /// count): wasm DWARF addresses are relative to it.
  size_t codeSectionOffset = 0;

  const FuncType &funcType(uint32_t funcIndex) const {
    return types[funcs[funcIndex]];
  }
  bool isImportedFunc(uint32_t funcIndex) const {
    return funcIndex < numImportedFuncs;
  }
  const FunctionBody &body(uint32_t funcIndex) const {
    return bodies[funcIndex - numImportedFuncs];
  }
  /// Whether function \p funcIndex can be reached other than by a direct
  /// call: it is the start function or in declaredFuncRefs (exports, elem
  /// segments, global initialisers).
  bool isReferenced(uint32_t funcIndex) const {
    return start == funcIndex || declaredFuncRefs.contains(funcIndex);
  }
  /// The signature string that identifies type \p typeIndex up to 3.0's
  /// type equivalence (the runtime interns it, wk_intern_type): signature()
  /// for types without typed references.
  std::string canonicalSignature(uint32_t typeIndex) const;
  /// Whether types \p a and \p b are equivalent (the same function type).
  bool sameType(uint32_t a, uint32_t b) const;
};

} // namespace wasmkiln

#endif
