//===- LibcRoutines.cpp - wasi-libc routines compiled natively ------------===//
//
// See LibcRoutines.h. A fingerprint is the SHA-256 of the function's
// signature and its body's bytes, each call's callee index replaced by the
// callee's own fingerprint (musl's memmove calls memcpy: it is memmove only
// if that callee is memcpy), so that the index a linker gave does not
// matter and what is called does.
//
//===----------------------------------------------------------------------===//

#include "LibcRoutines.h"

#include "wasmkiln/wasm/BodyReader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

using namespace llvm;
using namespace wasmkiln;

namespace {

struct KnownBody {
  LibcRoutine routine;
  const char *fingerprint;
};

const KnownBody KnownBodies[] = {
#define LIBC_BODY(Name, Fingerprint, Build) {LibcRoutine::Name, Fingerprint},
#include "LibcRoutines.def"
    {LibcRoutine::None, ""}, // keeps the array non-empty
};

/// Larger bodies are not decoded (musl's memcpy is about 1.3 KB).
constexpr size_t MaxBodyBytes = 4096;
/// How deep callees are folded into a fingerprint (musl's memmove calls
/// memcpy, which calls nothing).
constexpr unsigned MaxCallDepth = 2;
/// Nor are bodies with more calls than this (the routines make at most
/// one), so that a fingerprint costs at most a few bodies' hashing.
constexpr unsigned MaxCalls = 4;

bool mayBeRoutine(const Module &module, uint32_t funcIndex) {
  if (module.isImportedFunc(funcIndex))
    return false;
  const FuncType &type = module.funcType(funcIndex);
  return type.params.size() == 3 && type.results.size() <= 1 &&
         module.body(funcIndex).code.size() <= MaxBodyBytes;
}

} // namespace

/// The fingerprint of \p funcIndex, its callees' folded in (\p depth
/// levels deep; a deeper or larger callee counts as unknown).
static std::string fingerprint(const Module &module, uint32_t funcIndex,
                               unsigned depth) {
  if (!mayBeRoutine(module, funcIndex))
    return "";
  const FuncType &type = module.funcType(funcIndex);
  const FunctionBody &body = module.body(funcIndex);
  SHA256 hash;
  auto add = [&](uint32_t word) {
    uint8_t bytes[4] = {uint8_t(word), uint8_t(word >> 8), uint8_t(word >> 16),
                        uint8_t(word >> 24)};
    hash.update(bytes);
  };
  add(type.params.size());
  for (ValType t : type.params)
    add(uint32_t(t));
  add(type.results.size());
  for (ValType t : type.results)
    add(uint32_t(t));
  add(body.localGroups.size());
  for (auto &[count, t] : body.localGroups) {
    add(count);
    add(uint32_t(t));
  }
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  unsigned calls = 0;
  while (!reader.atEnd()) {
    size_t start = reader.offset() - body.codeOffset;
    if (Error err = reader.next(instr)) {
      consumeError(std::move(err));
      return "";
    }
    size_t end = reader.offset() - body.codeOffset;
    if (instr.op == Opcode::Call) {
      if (++calls > MaxCalls)
        return "";
      add(0x10);
      hash.update(depth ? fingerprint(module, instr.index, depth - 1) : "");
    } else {
      hash.update(body.code.slice(start, end - start));
    }
  }
  return toHex(hash.final(), /*LowerCase=*/true);
}

std::string wasmkiln::libcFingerprint(const Module &module,
                                      uint32_t funcIndex) {
  return fingerprint(module, funcIndex, MaxCallDepth);
}

std::vector<LibcRoutine> wasmkiln::recogniseLibcRoutines(const Module &module) {
  std::vector<LibcRoutine> roles(module.funcs.size(), LibcRoutine::None);
  if (module.memories.empty() || !module.memories[0].guardable() ||
      module.memories[0].shared)
    return roles;
  for (uint32_t i = module.numImportedFuncs; i < module.funcs.size(); ++i) {
    std::string print = libcFingerprint(module, i);
    if (print.empty())
      continue;
    for (const KnownBody &known : KnownBodies)
      if (known.routine != LibcRoutine::None && print == known.fingerprint)
        roles[i] = known.routine;
  }
  return roles;
}
