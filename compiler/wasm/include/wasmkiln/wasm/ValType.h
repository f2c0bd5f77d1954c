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

/// Value types. The ValTypes.def rows are valued as their one-byte binary
/// encoding; every other reference type (WebAssembly 3.0's `(ref null? ht)`)
/// is a packed value: the low byte RefNullByte or RefByte, the heap type
/// (HeapType below) in bits 8..31. `(ref null func)` and `(ref null extern)`
/// are always FuncRef and ExternRef, so a type has one spelling and equality
/// is ==.
enum class ValType : uint32_t {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field) Name = Encoding,
#include "wasmkiln/wasm/ValTypes.def"
};

/// Every value type once, in ValTypes.def order.
inline constexpr ValType AllValTypes[] = {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field) ValType::Name,
#include "wasmkiln/wasm/ValTypes.def"
};

const char *getValTypeName(ValType t);

/// The binary format's prefixes of a reference type with a heap type.
constexpr uint8_t RefNullByte = 0x63, RefByte = 0x64;

/// A heap type: a type index below AbstractHeapBase, or AbstractHeapBase
/// plus the abstract heap type's one-byte encoding.
using HeapType = uint32_t;
constexpr HeapType AbstractHeapBase = 0xffff00;
constexpr HeapType abstractHeap(uint8_t encoding) {
  return AbstractHeapBase | encoding;
}
constexpr HeapType HeapFunc = abstractHeap(0x70),
                   HeapExtern = abstractHeap(0x6f),
                   HeapExn = abstractHeap(0x69),
                   HeapNoFunc = abstractHeap(0x73),
                   HeapNoExtern = abstractHeap(0x72),
                   HeapNoExn = abstractHeap(0x74);
constexpr bool isTypeIndexHeap(HeapType h) { return h < AbstractHeapBase; }

/// `(ref null? h)` in its one spelling.
constexpr ValType makeRefType(bool nullable, HeapType h) {
  if (nullable && h == HeapFunc)
    return ValType::FuncRef;
  if (nullable && h == HeapExtern)
    return ValType::ExternRef;
  if (nullable && h == HeapExn)
    return ValType::ExnRef;
  return static_cast<ValType>(uint32_t(nullable ? RefNullByte : RefByte) |
                              (h << 8));
}

/// The low byte: the encoding of a ValTypes.def row, or RefNullByte/RefByte.
constexpr uint8_t valTypeKind(ValType t) { return uint32_t(t) & 0xff; }

constexpr bool isRefType(ValType t) {
  uint8_t kind = valTypeKind(t);
  return t == ValType::FuncRef || t == ValType::ExternRef ||
         t == ValType::ExnRef || kind == RefNullByte || kind == RefByte;
}
/// Whether a reference type admits null (false for non-references).
constexpr bool isNullable(ValType t) {
  return t == ValType::FuncRef || t == ValType::ExternRef ||
         t == ValType::ExnRef || valTypeKind(t) == RefNullByte;
}
/// The heap type of a reference type.
constexpr HeapType heapType(ValType t) {
  if (t == ValType::FuncRef)
    return HeapFunc;
  if (t == ValType::ExternRef)
    return HeapExtern;
  if (t == ValType::ExnRef)
    return HeapExn;
  return uint32_t(t) >> 8;
}
/// The same reference type, nullable or not.
constexpr ValType withNullability(ValType t, bool nullable) {
  return makeRefType(nullable, heapType(t));
}
/// Function references (func, nofunc and concrete types) are one family,
/// extern and noextern another, exn and noexn a third.
constexpr bool isFuncHeap(HeapType h) {
  return isTypeIndexHeap(h) || h == HeapFunc || h == HeapNoFunc;
}
constexpr bool isExnHeap(HeapType h) { return h == HeapExn || h == HeapNoExn; }
/// The ValTypes.def row a value of type \p t is stored and lowered as:
/// every function reference like funcref, every exception reference like
/// exnref, every other reference like externref (each a pointer), numbers
/// and vectors as themselves.
constexpr ValType storageType(ValType t) {
  if (!isRefType(t))
    return t;
  HeapType h = heapType(t);
  return isFuncHeap(h)  ? ValType::FuncRef
         : isExnHeap(h) ? ValType::ExnRef
                        : ValType::ExternRef;
}
/// Variables of these types start as zero (a local must be set first).
constexpr bool isDefaultable(ValType t) {
  return !isRefType(t) || isNullable(t);
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
