//===- CacheKey.cpp - What the compile cache's keys hold ------------------===//
//
// A part's object depends on the compiler, the options that reach code,
// the module outside its code section (types, imports, tables, memories,
// globals, exports, elements, data, names: every part reads some of it),
// the facts decodeAndValidate derives from all bodies (and, for the part
// with the module data, their total size), the partition, and
// the part's own bodies (with their offsets, which trap messages carry).
// Keys hash exactly that, so editing a few functions of a split module
// changes only their parts' keys, and any other change changes them all.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Cache.h"
#include "wasmkiln/driver/Compile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/LEB128.h"
#include "llvm/TargetParser/Host.h"

#include <sys/stat.h>

using namespace llvm;
using namespace wasmkiln;

namespace {
/// Feeds values to a BLAKE3, each with its size so that fields cannot run
/// into each other.
struct KeyHasher {
  BLAKE3 &hash;

  void bytes(ArrayRef<uint8_t> data) {
    number(data.size());
    hash.update(data);
  }
  void text(StringRef s) {
    bytes(ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(s.data()),
                            s.size()));
  }
  void number(uint64_t value) {
    uint8_t le[8];
    for (unsigned i = 0; i < 8; ++i)
      le[i] = uint8_t(value >> (8 * i));
    hash.update(ArrayRef<uint8_t>(le));
  }
  void bits(const std::vector<bool> &set, uint32_t begin, uint32_t end) {
    number(end - begin);
    for (uint32_t i = begin; i < end; ++i)
      number(i < set.size() && set[i]);
  }
};
} // namespace

const CacheKey &wasmkiln::getCompilerBuildId() {
  // The executable's identity: a rebuilt or reinstalled compiler is a new
  // file (inode, size, modification time). Hashing its contents would cost
  // a tenth of a second on every start-up.
  static const CacheKey id = [] {
    BLAKE3 hash;
    KeyHasher h{hash};
    h.text("wasmkiln compile cache 1");
    std::string exe = sys::fs::getMainExecutable(nullptr, nullptr);
    h.text(exe);
    struct stat st;
    if (::stat(exe.c_str(), &st) == 0) {
      h.number(st.st_dev);
      h.number(st.st_ino);
      h.number(st.st_size);
      h.number(st.st_mtim.tv_sec);
      h.number(st.st_mtim.tv_nsec);
    }
    h.text(__DATE__ " " __TIME__);
    return hash.final();
  }();
  return id;
}

// Every field of these structs is hashed below or named here as not
// reaching code; a new field changes their sizes and stops the build here
// until it is sorted into one or the other.
// (Sizes on LP64 with libstdc++, the only platform wasmkiln builds on.)
static_assert(sizeof(IRGenOptions) == 120,
              "IRGenOptions changed: update hashCompileOptions");
static_assert(sizeof(CodegenOptions) == 80,
              "CodegenOptions changed: update hashCompileOptions");
static_assert(sizeof(CompileOptions) == 296,
              "CompileOptions changed: update hashCompileOptions");

void wasmkiln::hashCompileOptions(BLAKE3 &hash, const CompileOptions &o) {
  KeyHasher h{hash};
  h.number(unsigned(o.irgen.boundsChecks));
  h.text(o.irgen.moduleName);
  h.number(o.irgen.staticImports);
  h.number(unsigned(o.irgen.interruptChecks));
  h.number(o.irgen.debugInfo);
  h.number(o.irgen.ownTrapSites);
  h.text(o.irgen.targetTriple);
  h.text(o.irgen.dataLayout);
  h.number(o.codegen.optLevel);
  h.number(o.codegen.sizeLevel);
  h.text(o.codegen.target);
  h.text(o.codegen.cpu);
  if (o.codegen.cpu == "native") {
    // What createTargetMachine makes of it on this host.
    h.text(sys::getHostCPUName());
    for (const auto &feature : sys::getHostCPUFeatures())
      h.text((feature.second ? "+" : "-") + feature.first().str());
  }
  h.number(o.codegen.pic);
  h.number(o.codegen.framePointers);
  h.number(o.optimize);
  h.number(o.partBytes);
  h.text(o.disabledFeatures.names(","));
  h.text(o.moduleDataKey);
  // Not in the key: timeReport, jobs (the output is the same for any
  // number of threads), warn and cache itself.
}

/// The range of the code section (from its id byte), or
/// an empty range at the end if there is none. The module is valid.
static std::pair<size_t, size_t> codeSectionRange(ArrayRef<uint8_t> bytes) {
  size_t pos = 8; // magic and version
  while (pos < bytes.size()) {
    size_t start = pos;
    uint8_t id = bytes[pos++];
    unsigned n = 0;
    uint64_t size = decodeULEB128(bytes.data() + pos, &n,
                                  bytes.data() + bytes.size());
    pos += n;
    if (id == 10) // its id and size too: the size changes with any body
      return {start, std::min<size_t>(pos + size, bytes.size())};
    pos += size;
  }
  return {bytes.size(), bytes.size()};
}

CacheKey wasmkiln::getModuleCacheKey(ArrayRef<uint8_t> bytes,
                                     const Module &wasm,
                                     const CompileOptions &options) {
  BLAKE3 hash;
  KeyHasher h{hash};
  hash.update(getCompilerBuildId());
  hashCompileOptions(hash, options);
  auto [codeBegin, codeEnd] = codeSectionRange(bytes);
  h.bytes(bytes.take_front(codeBegin));
  h.bytes(bytes.drop_front(codeEnd));
  // What decodeAndValidate derived from the bodies (Module.h).
  h.number(wasm.usesTailCalls);
  h.bits(wasm.ownFunctionTables, 0, wasm.ownFunctionTables.size());
  h.text(wasm.usedFeatures.names(","));
  return hash.final();
}

CacheKey wasmkiln::getPartCacheKey(const CacheKey &moduleKey,
                                   const Module &wasm, const IRGenPart &part) {
  BLAKE3 hash;
  KeyHasher h{hash};
  hash.update(moduleKey);
  std::vector<uint32_t> all;
  ArrayRef<uint32_t> funcs = part.funcs;
  if (funcs.empty()) {
    for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
      all.push_back(i);
    funcs = all;
  }
  h.number(part.funcs.size());
  h.number(part.moduleData);
  h.number(part.split);
  h.number(part.unoptimized);
  if (part.moduleData) {
    // The entry thunks' budget (IRGen.cpp, thunkBudget) counts all code.
    uint64_t codeBytes = 0;
    for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
      codeBytes += wasm.body(i).code.size();
    h.number(codeBytes);
  }
  h.number(part.imports.size());
  for (uint32_t func : concat<const uint32_t>(funcs, part.imports)) {
    h.number(func);
    h.number(!part.calledFromOtherParts.empty() &&
             part.calledFromOtherParts[func]);
    const FunctionBody &body = wasm.body(func);
    h.number(body.bodyOffset);
    h.number(body.codeOffset);
    h.number(body.numLocals);
    // The whole body: local declarations and instructions.
    const uint8_t *first = body.code.data() - (body.codeOffset - body.bodyOffset);
    h.bytes(ArrayRef<uint8_t>(first, body.code.end()));
  }
  return hash.final();
}
