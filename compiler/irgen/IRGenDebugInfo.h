//===- IRGenDebugInfo.h - Native debug info for `-g` ------------*- C++ -*-===//
//
// Private to irgen. Two halves:
//
// * GuestDebugInfo (GuestDwarf.cpp): what `-g` takes from the module's own
//   DWARF (clang -g), read once per module with LLVM's DWARF library into
//   plain data, so that parts compiled on threads, each in an LLVMContext of
//   its own, share it without sharing a DWARFContext.
// * DebugInfoGen (IRGenDebugInfo.cpp): per part, the DICompileUnits and
//   DISubprograms, and the DILocation of every lowered instruction: the
//   guest's file:line:column (with inlinedAt chains for inlined frames)
//   where its line table covers the instruction, else the wasm code offset
//   as the line of `<module>.wasm`. DebugLocs change no instruction
//   (bench/same-code.py); they only add .debug_* sections.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_IRGENDEBUGINFO_H
#define WASMKILN_IRGENDEBUGINFO_H

#include "wasmkiln/wasm/Module.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfoMetadata.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace wasmkiln {

class ModuleGen;

/// The module's DWARF, reduced to what native debug info is built from.
/// Addresses are wasm code offsets: relative to the code section's contents
/// (Module::codeSectionOffset), as wasm DWARF has them.
struct GuestDebugInfo {
  struct File {
    std::string dir, name;
  };
  struct Unit {
    uint32_t file = 0;
    std::string producer;
    unsigned language = 0;
  };
  /// A source function: defined as a wasm function, inlined, or both.
  struct Subprogram {
    std::string name, linkageName;
    uint32_t file = 0, line = 0, unit = 0;
  };
  /// One frame of a location, innermost first: a line of subprogram `sub`;
  /// the next frame is the caller `sub` was inlined into, at its call site.
  struct Frame {
    uint32_t sub = 0, file = 0, line = 0, column = 0;
  };
  /// Line table row: from `address` up to the next row's. No frames: the
  /// end of a sequence (no location).
  struct Row {
    uint32_t address = 0;
    uint32_t firstFrame = 0, numFrames = 0;
  };
  std::vector<File> files;
  std::vector<Unit> units;
  std::vector<Subprogram> subprograms;
  std::vector<Frame> frames;
  std::vector<Row> rows; // by address
  /// By defined function (index - numImportedFuncs): its subprogram or -1.
  std::vector<int32_t> funcSubprogram;

  /// The row covering code offset \p address, or null.
  const Row *rowAt(uint32_t address) const;
};

/// Reads the DWARF of \p wasm (its .debug_* custom sections); null if it
/// has none or none that describes its code. Broken DWARF is not an error
/// of the module: what cannot be read is left out.
std::unique_ptr<GuestDebugInfo> readGuestDebugInfo(const Module &wasm);

/// The debug metadata of one part (one llvm::Module).
class DebugInfoGen {
public:
  DebugInfoGen(ModuleGen &mg, const GuestDebugInfo *guest);
  ~DebugInfoGen();

  /// Gives defined function \p funcIndex its DISubprogram.
  void beginFunction(uint32_t funcIndex);
  /// The location of the instruction at input offset \p offset of the
  /// function begun last.
  llvm::DILocation *locationAt(size_t offset);
  /// The location of the function's prologue (its declaration's line).
  llvm::DILocation *entryLocation() const { return entry; }
  /// Resolves the metadata; before the module is verified.
  void finalize();

private:
  llvm::DIBuilder &builderFor(int32_t unit);
  llvm::DIFile *file(uint32_t index);
  llvm::DISubprogram *subprogram(uint32_t index);
  llvm::DISubprogram *createSubprogram(llvm::DIBuilder &builder,
                                       llvm::DIScope *scope,
                                       llvm::StringRef name,
                                       llvm::StringRef linkageName,
                                       llvm::DIFile *file, unsigned line);
  llvm::DILocation *guestLocation(const GuestDebugInfo::Row &row);

  ModuleGen &mg;
  const GuestDebugInfo *guest;
  /// Builders by guest unit; the last one is the module's own unit, for
  /// functions the guest DWARF does not describe (lines: wasm offsets).
  std::vector<std::unique_ptr<llvm::DIBuilder>> builders;
  std::vector<llvm::DIFile *> files;
  std::vector<llvm::DISubprogram *> subprograms;
  llvm::DIFile *wasmFile = nullptr;
  llvm::DISubroutineType *voidType = nullptr;
  llvm::DenseMap<const GuestDebugInfo::Row *, llvm::DILocation *> rowLocations;
  llvm::DenseSet<int32_t> attached; // guest subprograms given a function
  // The function begun last.
  llvm::DISubprogram *current = nullptr;
  int32_t currentGuest = -1; // its guest subprogram
  llvm::DILocation *entry = nullptr;
};

} // namespace wasmkiln

#endif
