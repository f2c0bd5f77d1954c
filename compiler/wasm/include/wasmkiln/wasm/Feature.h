//===- Feature.h - WebAssembly features and sets of them --------*- C++ -*-===//
//
// The Feature enum (from Features.def) and FeatureSet, a bit set used twice:
// the features a module uses (reported by `--validate`) and the features a
// user disabled (`--disable=`), which the decoder and validator reject at
// the byte offset of their first use.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_FEATURE_H
#define WASMKILN_FEATURE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace wasmkiln {

enum class Feature : uint8_t {
#define WASM_FEATURE(Name, Text, Standard) Name,
#include "wasmkiln/wasm/Features.def"
};

inline constexpr unsigned NumFeatures = 0
#define WASM_FEATURE(Name, Text, Standard) +1
#include "wasmkiln/wasm/Features.def"
    ;

/// The name users write: "tail-call", "simd".
const char *getFeatureName(Feature f);
/// The standard that includes \p f: "1.0", "2.0", "3.0" or "proposal".
const char *getFeatureStandard(Feature f);
std::optional<Feature> parseFeatureName(llvm::StringRef name);

class FeatureSet {
public:
  static_assert(NumFeatures <= 64, "FeatureSet holds 64 features");
  constexpr FeatureSet() = default;

  constexpr bool has(Feature f) const { return bits & bit(f); }
  constexpr bool empty() const { return bits == 0; }
  void add(Feature f) { bits |= bit(f); }
  void add(FeatureSet other) { bits |= other.bits; }

  /// The names of the features in the set, in Features.def order, separated
  /// by \p separator ("" if empty).
  std::string names(llvm::StringRef separator = " ") const;

private:
  static constexpr uint64_t bit(Feature f) {
    return uint64_t(1) << unsigned(f);
  }
  uint64_t bits = 0;
};

/// The set `--disable=` names: each item is a feature name, or a standard
/// ("2.0", "3.0") for every feature from that standard on, proposals
/// included (`--disable=3.0` reads modules as WebAssembly 2.0 does). An
/// unknown name, or one that would disable the 1.0 core, sets \p error.
std::optional<FeatureSet> parseDisabledFeatures(
    llvm::ArrayRef<std::string> items, std::string &error);

} // namespace wasmkiln

#endif
