//===- TypeRelations.cpp - Subtyping and well-formedness of types ---------===//
//
// The heap type lattice without GC: three hierarchies with a bottom each,
//   concrete function types <: func, nofunc <: every function heap type;
//   noextern <: extern; noexn <: exn.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/TypeRelations.h"

using namespace wasmkiln;

bool wasmkiln::isHeapSubtype(const Module &module, HeapType sub,
                             HeapType super) {
  if (sub == super)
    return true;
  if (isTypeIndexHeap(sub) && isTypeIndexHeap(super))
    return sub < module.types.size() && super < module.types.size() &&
           module.sameType(sub, super);
  if (isFuncHeap(sub))
    return isFuncHeap(super) &&
           (sub == HeapNoFunc || (super == HeapFunc && sub != HeapFunc));
  if (sub == HeapNoExtern)
    return super == HeapExtern;
  if (sub == HeapNoExn)
    return super == HeapExn;
  return false;
}

bool wasmkiln::isSubtype(const Module &module, ValType sub, ValType super) {
  if (sub == super)
    return true;
  if (!isRefType(sub) || !isRefType(super))
    return false;
  if (isNullable(sub) && !isNullable(super))
    return false;
  return isHeapSubtype(module, heapType(sub), heapType(super));
}

bool wasmkiln::isValidValType(ValType t, size_t numTypes) {
  if (!isRefType(t))
    return true;
  HeapType h = heapType(t);
  return !isTypeIndexHeap(h) || h < numTypes;
}
