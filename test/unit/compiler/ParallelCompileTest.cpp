//===- ParallelCompileTest.cpp - Unit tests of the parallel pipeline ------===//
//
// planParts (contiguous ranges covering every defined function, the module
// data in the first, no split of small modules) and compileToObjects (one
// object per part, the same bytes whatever the number of threads, and the
// error of the first invalid function in module order).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/ParallelCompile.h"
#include "wasmkiln/driver/OptimizationBudget.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace wasmkiln;

namespace {
/// A decoded module (no imports) whose defined functions have code of the
/// given sizes; only the sizes matter to planParts.
struct SizedModule {
  std::vector<uint8_t> code;
  Module module;

  explicit SizedModule(std::vector<size_t> sizes, uint32_t imported = 0) {
    size_t total = 0;
    for (size_t size : sizes)
      total += size;
    code.assign(total, 0x0b);
    module.types.push_back(FuncType());
    module.numImportedFuncs = imported;
    module.funcs.assign(imported + sizes.size(), 0);
    size_t offset = 0;
    for (size_t size : sizes) {
      FunctionBody body;
      body.code = llvm::ArrayRef<uint8_t>(code).slice(offset, size);
      module.bodies.push_back(body);
      offset += size;
    }
  }
};

/// The parts cover [imported, funcs) in order without gaps.
void expectCover(const std::vector<IRGenPart> &parts, const Module &m) {
  ASSERT_FALSE(parts.empty());
  EXPECT_TRUE(parts[0].moduleData);
  uint32_t next = m.numImportedFuncs;
  for (size_t i = 0; i < parts.size(); ++i) {
    EXPECT_EQ(parts[i].moduleData, i == 0);
    EXPECT_EQ(parts[i].split, parts.size() > 1);
    if (parts.size() > 1) {
      EXPECT_EQ(parts[i].firstFunc, next);
      EXPECT_GT(parts[i].endFunc, parts[i].firstFunc);
      next = parts[i].endFunc;
    }
  }
  if (parts.size() > 1)
    EXPECT_EQ(next, m.funcs.size());
}
} // namespace

TEST(PlanParts, SmallModulesAreOnePart) {
  SizedModule m({100, 200, 300});
  std::vector<IRGenPart> parts = planParts(m.module, 1 << 20);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].split);
  EXPECT_TRUE(parts[0].moduleData);
  EXPECT_EQ(planParts(m.module, 0).size(), 1u); // 0: never split
}

TEST(PlanParts, EqualSharesOfContiguousFunctions) {
  SizedModule m(std::vector<size_t>(100, 984), /*imported=*/3);
  // 100 functions of 1000 bytes each (984 + 16 per function).
  std::vector<IRGenPart> parts = planParts(m.module, 10000);
  EXPECT_EQ(parts.size(), 10u);
  expectCover(parts, m.module);
  for (const IRGenPart &part : parts)
    EXPECT_EQ(part.endFunc - part.firstFunc, 10u);
  // Every function its own part.
  parts = planParts(m.module, 1);
  EXPECT_EQ(parts.size(), 100u);
  expectCover(parts, m.module);
}

TEST(PlanParts, ModulesOverTheSplitThresholdUseFourParts) {
  // 200 functions of 1000 bytes: 200 KB of code, below the part size, is
  // still cut into four equal parts so that two threads share it.
  SizedModule large(std::vector<size_t>(200, 984));
  std::vector<IRGenPart> parts = planParts(large.module, 256 * 1024);
  ASSERT_EQ(parts.size(), 4u);
  expectCover(parts, large.module);
  for (const IRGenPart &part : parts)
    EXPECT_EQ(part.endFunc - part.firstFunc, 50u);
  EXPECT_EQ(planParts(large.module, 0).size(), 1u); // 0 still never splits
  // 100 KB (the size of the largest bench program) stays whole.
  SizedModule medium(std::vector<size_t>(100, 984));
  EXPECT_EQ(planParts(medium.module, 256 * 1024).size(), 1u);
}

TEST(PlanParts, LargeFunctionsStayWhole) {
  SizedModule m({100, 100, 50000, 100, 100, 100});
  std::vector<IRGenPart> parts = planParts(m.module, 1000);
  expectCover(parts, m.module);
  EXPECT_LE(parts.size(), 6u);
}

/// A function that costs more than the whole budget (OptimizationBudget.h).
constexpr size_t OverBudgetBytes = 300 * 1000;

TEST(PlanParts, FunctionsOverTheBudgetGetUnoptimizedPartsOfTheirOwn) {
  // Function 1 costs more than the module's budget, function 3 nests loops
  // too deep (body: MaxOptimizedLoopDepth + 1 loops, their ends, the final
  // end), function 5 has too many locals.
  ASSERT_GT(estimatedOptimizationCost(OverBudgetBytes, 0, false),
            ModuleOptimizationBudget);
  unsigned depth = MaxOptimizedLoopDepth + 1;
  SizedModule m({100, OverBudgetBytes, 100, 3 * depth + 1, 100, 100, 100});
  for (unsigned i = 0; i < depth; ++i) {
    size_t at = m.module.bodies[3].code.data() - m.code.data() + 2 * i;
    m.code[at] = 0x03;     // loop
    m.code[at + 1] = 0x40; // []
  }
  m.module.bodies[5].numLocals = MaxOptimizedLocals + 1;
  std::vector<IRGenPart> parts = planParts(m.module, 1 << 20);
  expectCover(parts, m.module);
  ASSERT_EQ(parts.size(), 7u);
  for (uint32_t i = 0; i < 7; ++i) {
    EXPECT_EQ(parts[i].firstFunc, i);
    EXPECT_EQ(parts[i].unoptimized, i == 1 || i == 3 || i == 5) << i;
  }
  // One loop fewer and as many locals as allowed are optimised, with the
  // other small functions.
  m.code[m.module.bodies[3].code.data() - m.code.data()] = 0x02; // block
  m.module.bodies[5].numLocals = MaxOptimizedLocals;
  parts = planParts(m.module, 1 << 20);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_TRUE(parts[1].unoptimized);
  EXPECT_FALSE(parts[2].unoptimized);
  EXPECT_EQ(parts[2].endFunc - parts[2].firstFunc, 5u);
}

TEST(PlanParts, AdjacentFunctionsOverTheBudgetShareAPart) {
  SizedModule m({100, OverBudgetBytes, OverBudgetBytes, 100, OverBudgetBytes});
  std::vector<IRGenPart> parts = planParts(m.module, 0);
  expectCover(parts, m.module);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1].firstFunc, 1u);
  EXPECT_EQ(parts[1].endFunc, 3u);
  for (uint32_t i = 0; i < 4; ++i)
    EXPECT_EQ(parts[i].unoptimized, i == 1 || i == 3) << i;
}

TEST(PlanParts, NothingIsOverTheBudgetAtO0) {
  // At -O0 every function is compiled alike: the one over the budget stays
  // with the others (yosys had 900 parts of one function each).
  SizedModule m({100, OverBudgetBytes, 100});
  std::vector<IRGenPart> parts =
      planParts(m.module, 0, false, /*optimized=*/false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].unoptimized);
  EXPECT_EQ(planParts(m.module, 0).size(), 3u);
}

TEST(PlanParts, ManyAccessesCostMoreWithExplicitChecksOnly) {
  // i32.const 0, i32.load, drop: 6 bytes each, then the final end.
  const uint8_t access[] = {0x41, 0x00, 0x28, 0x02, 0x00, 0x1a};
  auto body = [&](unsigned n) { return size_t(6 * n + 1); };
  SizedModule m({body(5000), 10, body(1000)});
  ASSERT_GT(estimatedOptimizationCost(body(5000), 5000, true),
            ModuleOptimizationBudget);
  ASSERT_LT(estimatedOptimizationCost(body(5000), 5000, false) +
                estimatedOptimizationCost(body(1000), 1000, false),
            ModuleOptimizationBudget);
  for (uint32_t func : {0u, 2u}) {
    size_t at = m.module.bodies[func].code.data() - m.code.data();
    for (size_t i = 0; i + 1 < m.module.bodies[func].code.size(); ++i)
      m.code[at + i] = access[i % 6];
  }
  std::vector<IRGenPart> parts = planParts(m.module, 1 << 20, true);
  expectCover(parts, m.module);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[0].unoptimized);
  EXPECT_EQ(parts[0].endFunc, 1u);
  EXPECT_FALSE(parts[1].unoptimized);
  // Without explicit checks the same module is one optimised part.
  parts = planParts(m.module, 1 << 20, false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].unoptimized);
}

TEST(PlanParts, TheBudgetIsPerModule) {
  // Functions each well within the budget, together over it: those after
  // the budget is spent are not optimised, cheap ones always are.
  constexpr size_t Costly = 100 * 1000, Cheap = 1000;
  uint64_t each = estimatedOptimizationCost(Costly, 0, false);
  ASSERT_LT(each, ModuleOptimizationBudget);
  ASSERT_LT(estimatedOptimizationCost(Cheap, 0, false), CheapFunctionCost);
  size_t fit = ModuleOptimizationBudget / each;
  std::vector<size_t> sizes(fit + 2, Costly);
  sizes.push_back(Cheap);
  SizedModule m(sizes);
  std::vector<bool> unoptimized = unoptimizedFunctions(m.module, false);
  ASSERT_EQ(unoptimized.size(), sizes.size());
  for (size_t i = 0; i < sizes.size(); ++i)
    EXPECT_EQ(unoptimized[i], i >= fit && i < fit + 2) << i;
}

namespace {
void leb(std::vector<uint8_t> &out, uint32_t v) {
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    out.push_back(byte | (v ? 0x80 : 0));
  } while (v);
}

void section(std::vector<uint8_t> &out, uint8_t id,
             const std::vector<uint8_t> &content) {
  out.push_back(id);
  leb(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
}

/// n functions () -> i32, f0 returns 1 and each next one calls the one
/// before and adds 1; the last is exported. Function \p invalid (if any)
/// returns an f32 instead.
std::vector<uint8_t> chainModule(uint32_t n, int invalid = -1) {
  std::vector<uint8_t> wasm = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(wasm, 1, {0x01, 0x60, 0x00, 0x01, 0x7f});
  std::vector<uint8_t> funcs;
  leb(funcs, n);
  funcs.insert(funcs.end(), n, 0x00);
  section(wasm, 3, funcs);
  std::vector<uint8_t> exports = {0x01, 0x04, 'l', 'a', 's', 't', 0x00};
  leb(exports, n - 1);
  section(wasm, 7, exports);
  std::vector<uint8_t> code;
  leb(code, n);
  for (uint32_t i = 0; i < n; ++i) {
    std::vector<uint8_t> body = {0x00}; // no locals
    if (int(i) == invalid) {
      body.insert(body.end(), {0x43, 0, 0, 0x80, 0x3f}); // f32.const 1
    } else if (i == 0) {
      body.insert(body.end(), {0x41, 0x01}); // i32.const 1
    } else {
      body.push_back(0x10); // call i-1
      leb(body, i - 1);
      body.insert(body.end(), {0x41, 0x01, 0x6a}); // i32.const 1, i32.add
    }
    body.push_back(0x0b);
    leb(code, body.size());
    code.insert(code.end(), body.begin(), body.end());
  }
  section(wasm, 10, code);
  return wasm;
}

CompileOptions splitOptions(unsigned jobs) {
  CompileOptions options;
  options.jobs = jobs;
  options.partBytes = 1; // every function a part
  options.codegen.optLevel = 0;
  options.irgen.moduleName = "chain";
  return options;
}
} // namespace

TEST(CompileToObjects, SameObjectsOnAnyNumberOfThreads) {
  std::vector<uint8_t> wasm = chainModule(7);
  auto one = compileToObjects(wasm, splitOptions(1));
  ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
  auto three = compileToObjects(wasm, splitOptions(3));
  ASSERT_TRUE(bool(three)) << llvm::toString(three.takeError());
  ASSERT_EQ(one->objects.size(), 7u);
  EXPECT_EQ(one->times.parts, 7u);
  EXPECT_EQ(one->times.threads, 1u);
  EXPECT_EQ(three->times.threads, 3u);
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_FALSE(one->objects[i].empty());
    EXPECT_TRUE(one->objects[i] == three->objects[i]) << "part " << i;
  }
}

TEST(CompileToObjects, UnsplitModuleIsOneObject) {
  std::vector<uint8_t> wasm = chainModule(7);
  CompileOptions options = splitOptions(2);
  options.partBytes = 0;
  auto compiled = compileToObjects(wasm, options);
  ASSERT_TRUE(bool(compiled)) << llvm::toString(compiled.takeError());
  EXPECT_EQ(compiled->objects.size(), 1u);
}

TEST(CompileToObjects, ReportsTheFirstInvalidFunction) {
  // Functions 2 and 5 are invalid: the error is function 2's, as the
  // serial pipeline reports it, whatever the thread that finds which.
  std::vector<uint8_t> wasm = chainModule(7, 2);
  std::vector<uint8_t> later = chainModule(7, 5);
  auto first = compileToObjects(wasm, splitOptions(0));
  ASSERT_FALSE(bool(first));
  std::string message = llvm::toString(first.takeError());
  CompileOptions whole = splitOptions(1);
  whole.partBytes = 0;
  auto serial = compileToObjects(wasm, whole);
  ASSERT_FALSE(bool(serial));
  EXPECT_EQ(message, llvm::toString(serial.takeError()));
  auto other = compileToObjects(later, splitOptions(0));
  ASSERT_FALSE(bool(other));
  EXPECT_NE(message, llvm::toString(other.takeError()));
}
