//===- SpectestModule.cpp - The spec tests' "spectest" host module --------===//
//
// A hand-assembled binary module; see SpectestModule.h for its exports.
//
//===----------------------------------------------------------------------===//

#include "SpectestModule.h"

#include <cstring>
#include <string>

using namespace wasmkiln;

namespace {
class Writer {
public:
  std::vector<uint8_t> bytes;
  void byte(uint8_t b) { bytes.push_back(b); }
  void u32(uint32_t v) {
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      byte(v ? b | 0x80 : b);
    } while (v);
  }
  void s64(int64_t v) {
    bool more = true;
    while (more) {
      uint8_t b = v & 0x7f;
      v >>= 7;
      more = !((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40)));
      byte(more ? b | 0x80 : b);
    }
  }
  void name(const std::string &s) {
    u32(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  template <typename T> void raw(T v) {
    uint8_t buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    bytes.insert(bytes.end(), buf, buf + sizeof(T));
  }
  void section(uint8_t id, const Writer &content) {
    byte(id);
    u32(content.bytes.size());
    bytes.insert(bytes.end(), content.bytes.begin(), content.bytes.end());
  }
};
} // namespace

std::vector<uint8_t> spec::buildSpectestModule() {
  const uint8_t I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c;
  struct Print {
    const char *name;
    std::vector<uint8_t> params;
  } prints[] = {{"print", {}},
                {"print_i32", {I32}},
                {"print_i64", {I64}},
                {"print_f32", {F32}},
                {"print_f64", {F64}},
                {"print_i32_f32", {I32, F32}},
                {"print_f64_f64", {F64, F64}}};
  const uint32_t numPrints = sizeof prints / sizeof prints[0];

  Writer module, types, funcs, tables, memories, globals, exports, code;
  module.bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  types.u32(numPrints);
  funcs.u32(numPrints);
  code.u32(numPrints);
  for (uint32_t i = 0; i < numPrints; ++i) {
    types.byte(0x60);
    types.u32(prints[i].params.size());
    for (uint8_t param : prints[i].params)
      types.byte(param);
    types.u32(0);
    funcs.u32(i);
    code.bytes.insert(code.bytes.end(), {0x02, 0x00, 0x0b});
  }
  // "table" and "table64" (table64: limits flag 0x05, i64 indices).
  tables.bytes = {0x02, 0x70, 0x01, 10, 20, 0x70, 0x05, 10, 20};
  // "memory" and "shared_memory" (threads: limits flag 0x03, shared).
  memories.bytes = {0x02, 0x01, 1, 2, 0x03, 1, 2};

  globals.u32(4);
  globals.bytes.insert(globals.bytes.end(), {I32, 0x00, 0x41});
  globals.s64(666);
  globals.byte(0x0b);
  globals.bytes.insert(globals.bytes.end(), {I64, 0x00, 0x42});
  globals.s64(666);
  globals.byte(0x0b);
  globals.bytes.insert(globals.bytes.end(), {F32, 0x00, 0x43});
  globals.raw(666.6f);
  globals.byte(0x0b);
  globals.bytes.insert(globals.bytes.end(), {F64, 0x00, 0x44});
  globals.raw(666.6);
  globals.byte(0x0b);

  const char *globalNames[] = {"global_i32", "global_i64", "global_f32",
                               "global_f64"};
  exports.u32(numPrints + 4 + 4);
  for (uint32_t i = 0; i < numPrints; ++i) {
    exports.name(prints[i].name);
    exports.byte(0x00);
    exports.u32(i);
  }
  exports.name("table");
  exports.byte(0x01);
  exports.u32(0);
  exports.name("table64");
  exports.byte(0x01);
  exports.u32(1);
  exports.name("memory");
  exports.byte(0x02);
  exports.u32(0);
  exports.name("shared_memory");
  exports.byte(0x02);
  exports.u32(1);
  for (uint32_t i = 0; i < 4; ++i) {
    exports.name(globalNames[i]);
    exports.byte(0x03);
    exports.u32(i);
  }

  module.section(1, types);
  module.section(3, funcs);
  module.section(4, tables);
  module.section(5, memories);
  module.section(6, globals);
  module.section(7, exports);
  module.section(10, code);
  return module.bytes;
}
