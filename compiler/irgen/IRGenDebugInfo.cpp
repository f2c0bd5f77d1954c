//===- IRGenDebugInfo.cpp - DISubprograms and DebugLocs for `-g` ----------===//
//
// Each part gets a DICompileUnit per guest compile unit it has functions of
// (a DIBuilder each: a DIBuilder makes one unit), plus one for the module
// itself, `<module>.wasm`, whose functions the guest DWARF does not
// describe: their lines are wasm code offsets (the instruction's byte
// offset in the .wasm file, as wasm-objdump prints it), so perf annotate,
// gdb and addr2line still lead back to the module. A guest location with
// inlined frames becomes a DILocation chain through inlinedAt, each frame
// scoped to the DISubprogram of its source function (shared by every
// function of the part that inlined it). Types are not translated yet:
// every subprogram has the type `void ()`.
//
//===----------------------------------------------------------------------===//

#include "IRGenDebugInfo.h"
#include "IRGenInternal.h"

using namespace llvm;
using namespace wasmkiln;

DebugInfoGen::DebugInfoGen(ModuleGen &mg, const GuestDebugInfo *guest)
    : mg(mg), guest(guest) {
  builders.resize((guest ? guest->units.size() : 0) + 1);
  if (guest) {
    files.assign(guest->files.size(), nullptr);
    subprograms.assign(guest->subprograms.size(), nullptr);
  }
  mg.ir.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 5);
  mg.ir.addModuleFlag(llvm::Module::Warning, "Debug Info Version",
                      DEBUG_METADATA_VERSION);
}

DebugInfoGen::~DebugInfoGen() = default;

DIBuilder &DebugInfoGen::builderFor(int32_t unit) {
  std::unique_ptr<DIBuilder> &builder =
      builders[unit < 0 ? builders.size() - 1 : size_t(unit)];
  if (builder)
    return *builder;
  builder = std::make_unique<DIBuilder>(mg.ir);
  if (unit < 0) {
    wasmFile = DIFile::get(mg.ctx, mg.options.moduleName + ".wasm", "");
    builder->createCompileUnit(dwarf::DW_LANG_C99, wasmFile, "wasmkiln",
                               /*isOptimized=*/true, "", 0);
  } else {
    const GuestDebugInfo::Unit &u = guest->units[unit];
    builder->createCompileUnit(u.language, file(u.file), u.producer,
                               /*isOptimized=*/true, "", 0);
  }
  return *builder;
}

DIFile *DebugInfoGen::file(uint32_t index) {
  if (!files[index])
    files[index] =
        DIFile::get(mg.ctx, guest->files[index].name, guest->files[index].dir);
  return files[index];
}

DISubprogram *DebugInfoGen::createSubprogram(DIBuilder &builder, DIScope *scope,
                                             StringRef name,
                                             StringRef linkageName,
                                             DIFile *file, unsigned line) {
  if (!voidType)
    voidType = builder.createSubroutineType(builder.getOrCreateTypeArray({}));
  return builder.createFunction(scope, name, linkageName, file, line, voidType,
                                line, DINode::FlagPrototyped,
                                DISubprogram::SPFlagDefinition);
}

DISubprogram *DebugInfoGen::subprogram(uint32_t index) {
  if (!subprograms[index]) {
    const GuestDebugInfo::Subprogram &sub = guest->subprograms[index];
    DIFile *f = file(sub.file);
    subprograms[index] = createSubprogram(builderFor(sub.unit), f, sub.name,
                                          sub.linkageName, f, sub.line);
  }
  return subprograms[index];
}

void DebugInfoGen::beginFunction(uint32_t funcIndex) {
  const wasmkiln::Module &wasm = mg.wasm;
  currentGuest = -1;
  current = nullptr;
  if (guest) {
    int32_t sub = guest->funcSubprogram[funcIndex - wasm.numImportedFuncs];
    // A DISubprogram belongs to one function: should the DWARF name one
    // source function for two wasm functions, the second gets offsets.
    if (sub >= 0 && !attached.contains(sub)) {
      attached.insert(sub);
      currentGuest = sub;
      current = subprogram(sub);
    }
  }
  if (!current) {
    DIBuilder &builder = builderFor(-1);
    current =
        createSubprogram(builder, wasmFile, mg.displayNames[funcIndex], "",
                         wasmFile, unsigned(wasm.body(funcIndex).bodyOffset));
  }
  mg.functions[funcIndex]->setSubprogram(current);
  entry = DILocation::get(mg.ctx, current->getLine(), 0, current);
}

DILocation *DebugInfoGen::guestLocation(const GuestDebugInfo::Row &row) {
  DILocation *&cached = rowLocations[&row];
  if (cached)
    return cached;
  DILocation *loc = nullptr;
  for (uint32_t k = row.numFrames; k-- > 0;) {
    const GuestDebugInfo::Frame &frame = guest->frames[row.firstFrame + k];
    DISubprogram *sp = k + 1 == row.numFrames ? current : subprogram(frame.sub);
    DILocalScope *scope = sp;
    // A line of another file than the function's (an #include inside it).
    if (file(frame.file) != sp->getFile())
      scope = DILexicalBlockFile::get(mg.ctx, sp, file(frame.file), 0);
    loc = DILocation::get(mg.ctx, frame.line, frame.column, scope, loc);
  }
  cached = loc;
  return loc;
}

DILocation *DebugInfoGen::locationAt(size_t offset) {
  if (currentGuest < 0)
    return DILocation::get(mg.ctx, unsigned(offset), 0, current);
  if (offset >= mg.wasm.codeSectionOffset)
    if (const GuestDebugInfo::Row *row =
            guest->rowAt(uint32_t(offset - mg.wasm.codeSectionOffset))) {
      const GuestDebugInfo::Frame &outer =
          guest->frames[row->firstFrame + row->numFrames - 1];
      if (int32_t(outer.sub) == currentGuest)
        return guestLocation(*row);
    }
  // Code the guest's line table does not cover: line 0, no source line.
  return DILocation::get(mg.ctx, 0, 0, current);
}

void DebugInfoGen::finalize() {
  for (auto &builder : builders)
    if (builder)
      builder->finalize();
}
