//===- TypeRelations.h - Subtyping and well-formedness of types -*- C++ -*-===//
//
// WebAssembly 3.0's subtyping of value types without GC: numbers and vectors
// match only themselves; a reference type matches a supertype when its heap
// type does and it is nullable only if the supertype is. Concrete function
// types are final here (no GC `sub` declarations), so `$a <: $b` means the
// two are the same type up to equivalence (Module::sameType). Shared by
// module-level and function-body validation.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TYPERELATIONS_H
#define WASMKILN_TYPERELATIONS_H

#include "wasmkiln/wasm/Module.h"

namespace wasmkiln {

/// \p sub <: \p super between heap types.
bool isHeapSubtype(const Module &module, HeapType sub, HeapType super);
/// \p sub <: \p super between value types.
bool isSubtype(const Module &module, ValType sub, ValType super);
/// Every type index in \p t names a type below \p numTypes.
bool isValidValType(ValType t, size_t numTypes);

} // namespace wasmkiln

#endif
