//===- DecoderImpl.h - The module decoder's internal state ------*- C++ -*-===//
//
// Shared by Decoder.cpp (the section loop and order, the cross-section count
// checks, custom sections and constant expressions) and DecoderSections.cpp
// (one method per known section, plus segments and function bodies). Each
// section method reads from a ByteReader bounded by its section, so an item
// that runs past its section is malformed wherever it is read.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_DECODERIMPL_H
#define WASMKILN_DECODERIMPL_H

#include "ByteReader.h"
#include "wasmkiln/wasm/Module.h"
#include "llvm/ADT/Twine.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace wasmkiln {

/// Functions may declare at most this many locals (besides their params);
/// more is an implementation limit, not a malformed module.
constexpr uint64_t MaxFunctionLocals = 50000;

/// A function type may have at most this many params and this many results
/// (the limits of the JS API, which V8 and SpiderMonkey enforce). Every
/// branch to a block copies its values, so an unbounded arity would let a
/// few bytes cost gigabytes of IR (fuzzing finding F2).
constexpr uint64_t MaxFunctionParams = 1000;
constexpr uint64_t MaxFunctionResults = 1000;

class ModuleDecoder {
public:
  ModuleDecoder(llvm::ArrayRef<uint8_t> bytes, FeatureSet disabled)
      : input(bytes), disabled(disabled) {}

  llvm::Expected<std::unique_ptr<Module>> decode();

private:
  llvm::Error decodeAll();
  llvm::Error decodeSection(uint8_t id, ByteReader &r);
  llvm::Error finishModule(size_t endOffset);
  /// Keeps the first validation error found while decoding; it is reported
  /// only if the module turns out to be well-formed.
  void deferInvalid(size_t offset, const llvm::Twine &message);
  /// Records a module-level use of \p f at \p offset; the first use of a
  /// disabled feature is kept as the module's error, like deferInvalid.
  void useFeature(Feature f, size_t offset, const llvm::Twine &what);
  /// The extended-constant uses of one constant-expression instruction.
  void noteExtendedConst(const ConstExpr &op, const char *text);
  /// The features a memory or table type at \p at uses (memory64 for i64
  /// addresses, custom page sizes).
  void useTypeFeatures(const MemoryType &memory, size_t at);
  void useTypeFeatures(const TableType &table, size_t at);

  // One per section kind (DecoderSections.cpp).
  llvm::Error readTypeSection(ByteReader &r);
  llvm::Error readImportSection(ByteReader &r);
  llvm::Error readFunctionSection(ByteReader &r);
  llvm::Error readTableSection(ByteReader &r);
  llvm::Error readMemorySection(ByteReader &r);
  llvm::Error readGlobalSection(ByteReader &r);
  llvm::Error readExportSection(ByteReader &r);
  llvm::Error readStartSection(ByteReader &r);
  llvm::Error readElemSection(ByteReader &r);
  llvm::Error readDataCountSection(ByteReader &r);
  llvm::Error readCodeSection(ByteReader &r);
  llvm::Error readDataSection(ByteReader &r);
  llvm::Error readTagSection(ByteReader &r);
  llvm::Error readCustomSection(ByteReader &r);
  void readNameSection(ByteReader &r);
  llvm::Error readFunctionNames(ByteReader &r);

  // Pieces shared by several sections.
  llvm::Error readConstExpr(ByteReader &r, ConstExpr &out);
  llvm::Error readElemSegment(ByteReader &r, ElemSegment &out);
  llvm::Error readElemExprs(ByteReader &r, ElemSegment &out);
  llvm::Error readElemFuncIndices(ByteReader &r, ElemSegment &out);
  llvm::Error readDataSegment(ByteReader &r, DataSegment &out);
  llvm::Error readFunctionBody(ByteReader &r, FunctionBody &out);

  llvm::ArrayRef<uint8_t> input;
  FeatureSet disabled;
  std::unique_ptr<Module> module;
  uint32_t numDeclaredFuncs = 0; // from the function section
  bool sawCodeSection = false;
  bool sawDataSection = false;
  std::optional<std::pair<size_t, std::string>> pendingInvalid;
  struct FeatureUse {
    size_t offset;
    Feature feature;
    std::string what;
  };
  std::optional<FeatureUse> pendingDisabled;
};

} // namespace wasmkiln

#endif
