//===- SpecValue.cpp - Values of the spec tests' JSON commands ------------===//
//
// wast2json writes integers as unsigned decimal strings, floats as the
// decimal value of their bit pattern (or "nan:canonical" / "nan:arithmetic"),
// v128 as a lane type plus one such string per lane, and references as
// "null" or a number.
//
//===----------------------------------------------------------------------===//

#include "SpecValue.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

#include <cstring>

using namespace llvm;
using namespace wasmkiln;

void *spec::externRef(uint64_t n) {
  return reinterpret_cast<void *>(static_cast<uintptr_t>(n + 1));
}

static Error badValue(const Twine &what) {
  return createStringError(inconvertibleErrorCode(), "bad value: " + what);
}

static unsigned laneBits(StringRef laneType) {
  if (laneType == "i8")
    return 8;
  if (laneType == "i16")
    return 16;
  if (laneType == "i32" || laneType == "f32")
    return 32;
  return 64;
}

/// Parses the decimal bit pattern of a scalar or lane.
static Expected<uint64_t> parseBits(StringRef text) {
  uint64_t bits = 0;
  if (text.getAsInteger(10, bits)) {
    int64_t signedBits = 0;
    if (text.getAsInteger(10, signedBits))
      return badValue(text);
    bits = static_cast<uint64_t>(signedBits);
  }
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

/// Compares one float lane or scalar of \p bits width.
static bool floatMatches(StringRef expected, uint64_t got, unsigned bits) {
  uint64_t expMask = bits == 32 ? 0x7f800000ull : 0x7ff0000000000000ull;
  uint64_t quiet = bits == 32 ? 0x00400000ull : 0x0008000000000000ull;
  uint64_t payload = bits == 32 ? 0x007fffffull : 0x000fffffffffffffull;
  bool isNaN = (got & expMask) == expMask && (got & payload) != 0;
  if (expected == "nan:canonical")
    return isNaN && (got & payload) == quiet;
  if (expected == "nan:arithmetic")
    return isNaN && (got & quiet) != 0;
  auto want = parseBits(expected);
  if (!want) {
    consumeError(want.takeError());
    return false;
  }
  uint64_t mask = bits == 32 ? 0xffffffffull : ~0ull;
  return (*want & mask) == (got & mask);
}

/// Compares one integer lane of \p bits width.
static bool intMatches(StringRef expected, uint64_t got, unsigned bits) {
  auto want = parseBits(expected);
  if (!want) {
    consumeError(want.takeError());
    return false;
  }
  uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  return (*want & mask) == (got & mask);
}

bool spec::matches(const json::Object &expected, const wk_value &got) {
  StringRef type = expected.getString("type").value_or("");
  if (type == "v128") {
    StringRef laneType = expected.getString("lane_type").value_or("i8");
    unsigned bits = laneBits(laneType);
    const json::Array *lanes = expected.getArray("value");
    if (!lanes)
      return false;
    unsigned i = 0;
    for (const json::Value &lane : *lanes) {
      uint64_t laneValue = 0;
      std::memcpy(&laneValue, got.v128 + i * bits / 8, bits / 8);
      StringRef text = lane.getAsString().value_or("");
      bool ok = laneType[0] == 'f' ? floatMatches(text, laneValue, bits)
                                   : intMatches(text, laneValue, bits);
      if (!ok)
        return false;
      ++i;
    }
    return true;
  }
  StringRef text = expected.getString("value").value_or("");
  if (type == "funcref" || type == "externref") {
    if (text == "null")
      return got.ref == nullptr;
    if (type == "funcref")
      return got.ref != nullptr; // the tests only ask for "some function"
    auto n = parseBits(text);
    if (!n) {
      consumeError(n.takeError());
      return false;
    }
    return got.ref == externRef(*n);
  }
  if (type == "i32" || type == "f32") {
    uint32_t bits;
    std::memcpy(&bits, &got, 4);
    return floatMatches(text, bits, 32);
  }
  if (type == "i64" || type == "f64") {
    uint64_t bits;
    std::memcpy(&bits, &got, 8);
    return floatMatches(text, bits, 64);
  }
  return false;
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
