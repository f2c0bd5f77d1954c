//===- ValType.h - WebAssembly value types ----------------------*- C++ -*-===//
//
// The ValType enum and what can be asked of a type without a module, all
// expanded from ValTypes.def. Its own header so that the opcode table
// (Opcode.h) can type signatures without pulling in the Module.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_VALTYPE_H
#define WASMKILN_VALTYPE_H

#include <cstdint>

namespace wasmkiln {

/// Value types, valued as their binary encoding.
enum class ValType : uint8_t {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field) Name = Encoding,
#include "wasmkiln/wasm/ValTypes.def"
};

/// Every value type once, in ValTypes.def order.
inline constexpr ValType AllValTypes[] = {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field) ValType::Name,
#include "wasmkiln/wasm/ValTypes.def"
};

const char *getValTypeName(ValType t);
inline bool isRefType(ValType t) {
  return t == ValType::FuncRef || t == ValType::ExternRef ||
         t == ValType::ExnRef;
}

/// The type a signature letter ("ii:l") stands for; false if \p letter
/// names none.
constexpr bool valTypeForSigLetter(char letter, ValType &out) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  if (letter == Sig) {                                                         \
    out = ValType::Name;                                                       \
    return true;                                                               \
  }
#include "wasmkiln/wasm/ValTypes.def"
  return false;
}

} // namespace wasmkiln

#endif
