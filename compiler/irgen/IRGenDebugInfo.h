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

#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"

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
  /// A source type (a DWARF type DIE). Indices into `types` refer to
  /// types; -1 is void (or a type that could not be read).
  struct Type {
    unsigned tag = 0; // DW_TAG_base_type, _pointer_type, _structure_type, ...
    std::string name;
    uint64_t size = 0;     // in bytes
    unsigned encoding = 0; // DW_ATE_* of a base type
    int32_t base = -1;     // pointee, element, aliased or qualified type
    uint32_t file = 0, line = 0;
    /// Members of a struct or union, enumerators, or an array's dimensions
    /// (their counts in `value`).
    uint32_t firstMember = 0, numMembers = 0;
  };
  struct Member {
    std::string name;
    int32_t type = -1;
    uint64_t value = 0; // byte offset, enumerator value or dimension count
    uint32_t bitSize = 0, bitOffset = 0; // bit fields: offset in bits
  };
  /// A parameter or local variable of a subprogram's own code (not of
  /// inlined code) and where the guest keeps it.
  struct Variable {
    enum Kind : uint8_t {
      Nowhere,     // no single location: <optimized out>
      FrameOffset, // DW_OP_fbreg: linear memory at frame base + offset
      Local,       // DW_OP_WASM_location 0 N: wasm local N
    };
    std::string name;
    uint32_t file = 0, line = 0;
    int32_t type = -1;
    uint32_t arg = 0; // 1-based parameter number; 0: a local variable
    Kind kind = Nowhere;
    int64_t offset = 0; // FrameOffset
    uint32_t local = 0; // Local
    int32_t block = -1; // its lexical block, -1: the subprogram
  };
  /// A lexical block with variables of its own (blocks without any are
  /// left out, their variables' scope is the next one out that has some).
  struct Block {
    int32_t parent = -1; // enclosing block, -1: the subprogram
    uint32_t line = 0;
  };
  /// A variable in linear memory (DW_OP_addr: its address): file-scope or
  /// a function's `static`.
  struct Global {
    std::string name;
    uint32_t unit = 0, file = 0, line = 0;
    int32_t type = -1;
    int32_t function = -1; // a static's subprogram, -1: file scope
    uint64_t address = 0;
    bool external = false;
  };
  /// A source function: defined as a wasm function, inlined, or both.
  struct Subprogram {
    std::string name, linkageName;
    uint32_t file = 0, line = 0, unit = 0;
    int32_t returnType = -1;
    /// Only for a subprogram that is a wasm function: its frame base when
    /// that is a wasm local (clang: the stack pointer's copy), else -1,
    /// and its variables (variables[firstVariable...]).
    int32_t frameBaseLocal = -1;
    /// The code address of its line table's first prologue_end (where
    /// the guest's own prologue has set up the frame base), 0: none.
    uint32_t prologueEnd = 0;
    uint32_t firstVariable = 0, numVariables = 0;
    bool hasVariables = false; // variables (and blocks) have been read
  };
  /// One frame of a location, innermost first: a line of subprogram `sub`;
  /// the next frame is the caller `sub` was inlined into, at its call site.
  /// The outermost frame also names the innermost lexical block with
  /// variables that the line lies in (-1: none).
  struct Frame {
    uint32_t sub = 0, file = 0, line = 0, column = 0;
    int32_t block = -1;
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
  std::vector<Type> types;
  std::vector<Member> members;
  std::vector<Variable> variables;
  std::vector<Block> blocks;
  std::vector<Global> globals;
  std::vector<Frame> frames;
  std::vector<Row> rows; // by address
  /// By defined function (index - numImportedFuncs): its subprogram or -1.
  std::vector<int32_t> funcSubprogram;

  /// The row covering code offset \p address, or null.
  const Row *rowAt(uint32_t address) const;
};

/// Reads the DWARF of \p wasm (its .debug_* custom sections); null if it
/// has none or none that describes its code. Broken DWARF is not an error
/// of the module: what cannot be read is left out. DWARF that belongs to
/// other code (the module was rewritten after linking) is dropped whole,
/// with a warning to \p warn.
std::unique_ptr<GuestDebugInfo>
readGuestDebugInfo(const Module &wasm, const WarningHandler &warn = nullptr);

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
  /// The wasm local that is the frame base of the function begun last
  /// (its DW_OP_fbreg variables live in linear memory from there), or -1
  /// if it has none or no variable there.
  int32_t frameBaseLocal() const;
  /// Declares the variables of the function begun last at the end of
  /// \p entry: those in linear memory through \p frameBase (a slot
  /// holding the native address of the frame base, null if there is none),
  /// those in wasm locals in the slot \p localSlot gives for a local and
  /// the variable's size in bits (null: not there). The others have no
  /// location (gdb: <optimized out>).
  void declareVariables(
      llvm::BasicBlock *entry, llvm::Value *frameBase,
      llvm::function_ref<llvm::AllocaInst *(uint32_t, uint64_t)> localSlot);
  /// Whether the guest has variables in linear memory.
  bool hasGlobals() const { return guest && !guest->globals.empty(); }
  /// Describes \p memoryBase, a native variable that holds memory 0's base
  /// (the init function sets it), as `__wasm_memory`, and the file-scope
  /// variables, found through it.
  void declareGlobals(llvm::GlobalVariable *memoryBase);
  /// The name of that variable.
  std::string memoryBaseName() const;
  /// Describes the statics of the functions of this part, found through
  /// that variable (declared here if the init function is in another
  /// part), and resolves the metadata; before the module is verified.
  void finalize();

private:
  llvm::DICompileUnit::DebugEmissionKind emissionKind() const;
  llvm::DIBuilder &builderFor(int32_t unit);
  llvm::DIFile *file(uint32_t index);
  llvm::DISubprogram *subprogram(uint32_t index);
  void declareGlobal(const GuestDebugInfo::Global &g,
                     llvm::GlobalVariable *memoryBase);
  llvm::DISubprogram *createSubprogram(llvm::DIBuilder &builder,
                                       llvm::DIScope *scope,
                                       llvm::StringRef name,
                                       llvm::StringRef linkageName,
                                       llvm::DIFile *file, unsigned line,
                                       llvm::DISubroutineType *type = nullptr);
  llvm::DILocation *guestLocation(const GuestDebugInfo::Row &row);
  llvm::DIType *type(int32_t index);
  std::string pointerName(int32_t index, unsigned depth = 0) const;
  llvm::DIType *createType(const GuestDebugInfo::Type &t, int32_t index);
  /// The native pointer (or reference) type for guest type \p index when
  /// that is a pointer, through typedefs and qualifiers; else null.
  llvm::DIType *nativePointerType(int32_t index, unsigned depth = 0);
  llvm::DINodeArray members(const GuestDebugInfo::Type &t, llvm::DIType *of);
  llvm::DISubroutineType *subroutineType(uint32_t subprogram);
  llvm::DILocalScope *blockScope(int32_t block);

  ModuleGen &mg;
  const GuestDebugInfo *guest;
  /// Builders by guest unit; the last one is the module's own unit, for
  /// functions the guest DWARF does not describe (lines: wasm offsets).
  std::vector<std::unique_ptr<llvm::DIBuilder>> builders;
  std::vector<llvm::DICompileUnit *> units; // by builder
  std::vector<llvm::DIFile *> files;
  std::vector<llvm::DISubprogram *> subprograms;
  llvm::DIFile *wasmFile = nullptr;
  llvm::DISubroutineType *voidType = nullptr;
  llvm::DenseMap<const GuestDebugInfo::Row *, llvm::DILocation *> rowLocations;
  std::vector<llvm::DIType *> types; // by guest type, null until made
  std::vector<bool> typeInProgress;  // breaks cycles without a composite
  unsigned typeDepth = 0;            // type()'s recursion
  std::vector<llvm::DILexicalBlock *> blocks; // by guest block
  llvm::DenseSet<int32_t> attached; // guest subprograms given a function
  // The function begun last.
  llvm::DISubprogram *current = nullptr;
  uint32_t prologueEnd = 0;  // its guest prologue_end (code address), or 0
  int32_t currentGuest = -1; // its guest subprogram
  llvm::DILocation *entry = nullptr;
  /// {distinct location, i32 wasm code offset} of guest lines (-g).
  std::vector<llvm::MDNode *> offsets;
};

} // namespace wasmkiln

#endif
