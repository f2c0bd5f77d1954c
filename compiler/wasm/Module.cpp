//===- Module.cpp - The decoded form of a WebAssembly module --------------===//
//
// Printing helpers for value and function types, and the canonical
// signature strings that identify function types across modules.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Module.h"

using namespace wasmkiln;

const char *wasmkiln::getValTypeName(ValType t) {
  switch (t) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  case ValType::Name:                                                          \
    return Text;
#include "wasmkiln/wasm/ValTypes.def"
  }
  if (isRefType(t))
    return isNullable(t) ? "(ref null ...)" : "(ref ...)";
  return "<unknown type>";
}

static char signatureLetter(ValType t) {
  switch (storageType(t)) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  case ValType::Name:                                                          \
    return Sig;
#include "wasmkiln/wasm/ValTypes.def"
  }
  return '?';
}

std::string FuncType::signature() const {
  std::string s;
  s.reserve(params.size() + results.size() + 1);
  for (ValType t : params)
    s += signatureLetter(t);
  s += ':';
  for (ValType t : results)
    s += signatureLetter(t);
  return s;
}

/// One value type in a canonical signature: as signature() for the
/// ValTypes.def rows; a typed reference as 'N' (nullable) or 'R', then its
/// heap type as two hex digits (abstract) or the referenced type's own
/// canonical signature in parentheses (types refer only to earlier types
/// without GC's recursion groups, so this ends).
static void appendCanonical(const Module &m, ValType t, std::string &s,
                            unsigned depth) {
  if (!isRefType(t) || t == ValType::FuncRef || t == ValType::ExternRef) {
    s += signatureLetter(t);
    return;
  }
  s += isNullable(t) ? 'N' : 'R';
  HeapType h = heapType(t);
  if (!isTypeIndexHeap(h)) {
    static const char hex[] = "0123456789abcdef";
    s += hex[(h >> 4) & 0xf];
    s += hex[h & 0xf];
    return;
  }
  s += '(';
  if (h < m.types.size() && depth < 64) {
    const FuncType &type = m.types[h];
    for (ValType p : type.params)
      appendCanonical(m, p, s, depth + 1);
    s += ':';
    for (ValType r : type.results)
      appendCanonical(m, r, s, depth + 1);
  }
  s += ')';
}

/// signature(), and for a type with typed references '|' and the canonical
/// form of every type (the runtime counts arity up to the '|').
std::string Module::canonicalSignature(uint32_t typeIndex) const {
  const FuncType &type = types[typeIndex];
  std::string plain = type.signature(), s;
  for (ValType t : type.params)
    appendCanonical(*this, t, s, 0);
  s += ':';
  for (ValType t : type.results)
    appendCanonical(*this, t, s, 0);
  return s == plain ? plain : plain + "|" + s;
}

bool Module::sameType(uint32_t a, uint32_t b) const {
  return a == b || canonicalSignature(a) == canonicalSignature(b);
}
