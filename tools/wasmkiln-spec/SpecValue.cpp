//===- SpecValue.cpp - Values of the spec tests' JSON commands ------------===//
//
// wast2json writes integers as unsigned decimal strings, floats as the
// decimal value of their bit pattern (or "nan:canonical" / "nan:arithmetic"),
// v128 as a lane type plus one such string per lane, and references as
// "null" or a number.
//
//===----------------------------------------------------------------------===//

#include "SpecValue.h"
#include "SpecCheck.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <cstring>
#include <vector>

using namespace llvm;
using namespace wasmkiln;

void *spec::externRef(uint64_t n) { return wk_spec_extern_ref(n); }

static Error badValue(const Twine &what) {
  return createStringError(inconvertibleErrorCode(), "bad value: " + what);
}

static unsigned laneBits(StringRef laneType) {
  return wk_spec_lane_bits(laneType.str().c_str());
}

/// Parses the decimal bit pattern of a scalar or lane.
static Expected<uint64_t> parseBits(StringRef text) {
  uint64_t bits = 0;
  if (wk_spec_parse_bits(text.str().c_str(), &bits) != 0)
    return badValue(text);
  return bits;
}

Expected<wk_value> spec::parseValue(const json::Object &value) {
  wk_value result;
  std::memset(&result, 0, sizeof result);
  StringRef type = value.getString("type").value_or("");
  if (type == "v128") {
    StringRef laneType = value.getString("lane_type").value_or("i8");
    const json::Array *lanes = value.getArray("value");
    if (!lanes)
      return badValue("v128 without lanes");
    unsigned bytes = laneBits(laneType) / 8;
    unsigned i = 0;
    for (const json::Value &lane : *lanes) {
      auto bits = parseBits(lane.getAsString().value_or(""));
      if (!bits)
        return bits.takeError();
      if ((i + 1) * bytes > 16)
        return badValue("too many lanes");
      std::memcpy(result.v128 + i * bytes, &*bits, bytes);
      ++i;
    }
    return result;
  }
  StringRef text = value.getString("value").value_or("");
  if (type == "funcref" || type == "externref") {
    if (text == "null")
      return result;
    auto n = parseBits(text);
    if (!n)
      return n.takeError();
    result.ref = externRef(*n);
    return result;
  }
  auto bits = parseBits(text);
  if (!bits)
    return bits.takeError();
  if (type == "i32" || type == "f32") {
    uint32_t low = static_cast<uint32_t>(*bits);
    std::memcpy(&result, &low, 4);
  } else if (type == "i64" || type == "f64") {
    std::memcpy(&result, &*bits, 8);
  } else {
    return badValue("unknown type " + type);
  }
  return result;
}

bool spec::matches(const json::Object &expected, const wk_value &got) {
  std::string type = expected.getString("type").value_or("").str();
  std::string laneType = expected.getString("lane_type").value_or("i8").str();
  std::vector<std::string> texts;
  if (const json::Array *lanes = expected.getArray("value")) {
    for (const json::Value &lane : *lanes)
      texts.push_back(lane.getAsString().value_or("").str());
  } else {
    texts.push_back(expected.getString("value").value_or("").str());
  }
  std::vector<const char *> pointers;
  for (const std::string &text : texts)
    pointers.push_back(text.c_str());
  return wk_spec_value_matches(type.c_str(), laneType.c_str(), pointers.data(),
                               pointers.size(), &got);
}

size_t spec::expectedResultCount(const json::Object &command) {
  if (command.getArray("either"))
    return 1;
  const json::Array *expected = command.getArray("expected");
  return expected ? expected->size() : 0;
}

bool spec::matchesEither(const json::Array &alternatives, const wk_value &got) {
  for (const json::Value &alternative : alternatives)
    if (const json::Object *object = alternative.getAsObject())
      if (matches(*object, got))
        return true;
  return false;
}

std::string spec::formatValue(const json::Object &like, const wk_value &value) {
  StringRef type = like.getString("type").value_or("");
  std::string out;
  raw_string_ostream os(out);
  if (type == "v128") {
    StringRef laneType = like.getString("lane_type").value_or("i8");
    unsigned bytes = laneBits(laneType) / 8;
    os << "v128:" << laneType << "[";
    for (unsigned i = 0; i < 16 / bytes; ++i) {
      uint64_t lane = 0;
      std::memcpy(&lane, value.v128 + i * bytes, bytes);
      os << (i ? " " : "") << lane;
    }
    os << "]";
  } else if (type == "funcref" || type == "externref") {
    if (!value.ref)
      os << type << ":null";
    else if (type == "externref")
      os << type << ":" << (reinterpret_cast<uintptr_t>(value.ref) - 1);
    else
      os << type << ":" << value.ref;
  } else if (type == "i32" || type == "f32") {
    uint32_t bits;
    std::memcpy(&bits, &value, 4);
    os << type << ":" << bits;
    if (type == "f32")
      os << " (" << value.f32 << ")";
  } else {
    uint64_t bits;
    std::memcpy(&bits, &value, 8);
    os << type << ":" << bits;
    if (type == "f64")
      os << " (" << value.f64 << ")";
  }
  return out;
}

std::string spec::formatExpected(const json::Object &expected) {
  std::string out;
  raw_string_ostream os(out);
  os << expected.getString("type").value_or("?") << ":";
  if (const json::Array *lanes = expected.getArray("value")) {
    os << expected.getString("lane_type").value_or("") << "[";
    bool first = true;
    for (const json::Value &lane : *lanes) {
      os << (first ? "" : " ") << lane.getAsString().value_or("?");
      first = false;
    }
    os << "]";
  } else {
    os << expected.getString("value").value_or("?");
  }
  return out;
}
