//===- Module.cpp - The decoded form of a WebAssembly module --------------===//
//
// Printing helpers for value and function types.
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
  return "<unknown type>";
}

static char signatureLetter(ValType t) {
  switch (t) {
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
