//===- Module.cpp - The decoded form of a WebAssembly module --------------===//
//
// Printing helpers for value and function types.
//
//===----------------------------------------------------------------------===//

#include "Module.h"

using namespace wasmkiln;

const char *wasmkiln::getValTypeName(ValType t) {
  switch (t) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  }
  return "<unknown type>";
}

static char signatureLetter(ValType t) {
  switch (t) {
  case ValType::I32:
    return 'i';
  case ValType::I64:
    return 'l';
  case ValType::F32:
    return 'f';
  case ValType::F64:
    return 'd';
  case ValType::V128:
    return 'v';
  case ValType::FuncRef:
    return 'r';
  case ValType::ExternRef:
    return 'e';
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
