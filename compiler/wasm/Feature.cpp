//===- Feature.cpp - Feature names ----------------------------------------===//
//
// Names and standards of the features in Features.def.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Feature.h"

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
