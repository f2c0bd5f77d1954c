//===- Feature.cpp - Feature names ----------------------------------------===//
//
// Names and standards of the features in Features.def.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Feature.h"

#include "llvm/ADT/StringSwitch.h"

using namespace llvm;
using namespace wasmkiln;

namespace {
struct FeatureInfo {
  const char *name, *standard;
};
constexpr FeatureInfo FeatureTable[] = {
#define WASM_FEATURE(Name, Text, Standard) {Text, Standard},
#include "wasmkiln/wasm/Features.def"
};
} // namespace

const char *wasmkiln::getFeatureName(Feature f) {
  return FeatureTable[unsigned(f)].name;
}

const char *wasmkiln::getFeatureStandard(Feature f) {
  return FeatureTable[unsigned(f)].standard;
}

std::optional<Feature> wasmkiln::parseFeatureName(StringRef name) {
  for (unsigned i = 0; i < NumFeatures; ++i)
    if (name == FeatureTable[i].name)
      return Feature(i);
  return std::nullopt;
}

std::string FeatureSet::names(StringRef separator) const {
  std::string out;
  for (unsigned i = 0; i < NumFeatures; ++i) {
    if (!has(Feature(i)))
      continue;
    if (!out.empty())
      out += separator;
    out += FeatureTable[i].name;
  }
  return out;
}

/// Standards in order; proposals come after every standard.
static int getStandardRank(StringRef standard) {
  return StringSwitch<int>(standard)
      .Case("1.0", 1)
      .Case("2.0", 2)
      .Case("3.0", 3)
      .Case("proposal", 4)
      .Default(0);
}

std::optional<FeatureSet>
wasmkiln::parseDisabledFeatures(ArrayRef<std::string> items,
                                std::string &error) {
  FeatureSet set;
  for (const std::string &item : items) {
    if (auto feature = parseFeatureName(item)) {
      if (*feature == Feature::MVP) {
        error = "--disable=mvp: the 1.0 core can't be disabled";
        return std::nullopt;
      }
      set.add(*feature);
      continue;
    }
    int rank = getStandardRank(item);
    if (rank == 1) {
      error = "--disable=1.0: the 1.0 core can't be disabled";
      return std::nullopt;
    }
    if (rank == 0 || item == "proposal") {
      FeatureSet all;
      for (unsigned i = 1; i < NumFeatures; ++i) // MVP can't be disabled
        all.add(Feature(i));
      error = "unknown feature '" + item + "' in --disable (known: " +
              all.names(", ") + "; or 2.0, 3.0 for every feature from that "
              "standard on)";
      return std::nullopt;
    }
    for (unsigned i = 1; i < NumFeatures; ++i)
      if (getStandardRank(getFeatureStandard(Feature(i))) >= rank)
        set.add(Feature(i));
  }
  return set;
}
