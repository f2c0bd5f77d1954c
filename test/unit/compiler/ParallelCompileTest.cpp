//===- ParallelCompileTest.cpp - Unit tests of the parallel pipeline ------===//
//
// planParts (parts covering every defined function once, the module data in
// the first, no split of small modules, callees of one call site with their
// callers) and compileToObjects (one
// object per part, the same bytes whatever the number of threads, and the
// error of the first invalid function in module order).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/ParallelCompile.h"
#include "wasmkiln/driver/OptimizationBudget.h"

#include "gtest/gtest.h"

#include <algorithm>
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

/// Every defined function is in exactly one part (parts[i].funcs sorted).
void expectCover(const std::vector<IRGenPart> &parts, const Module &m) {
  ASSERT_FALSE(parts.empty());
  EXPECT_TRUE(parts[0].moduleData);
  std::vector<int> seen(m.funcs.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    EXPECT_EQ(parts[i].moduleData, i == 0);
    EXPECT_EQ(parts[i].split, parts.size() > 1);
    EXPECT_EQ(parts[i].funcs.empty(), parts.size() == 1);
    EXPECT_TRUE(std::is_sorted(parts[i].funcs.begin(), parts[i].funcs.end()));
    for (uint32_t func : parts[i].funcs)
      ++seen[func];
  }
  if (parts.size() > 1)
    for (uint32_t i = 0; i < m.funcs.size(); ++i)
      EXPECT_EQ(seen[i], i >= m.numImportedFuncs ? 1 : 0) << i;
}

/// The part that defines \p func.
size_t partOf(const std::vector<IRGenPart> &parts, uint32_t func) {
  for (size_t i = 0; i < parts.size(); ++i)
    if (parts[i].defines(func))
      return i;
  return SIZE_MAX;
}

/// planParts at the default part size, which cuts the 20 KB modules of
/// these tests in four (four parts whatever it does, so that the tests can
/// index them).
std::vector<IRGenPart> planFour(const SizedModule &m) {
  std::vector<IRGenPart> parts = planParts(m.module, 256 * 1024);
  expectCover(parts, m.module);
  EXPECT_EQ(parts.size(), 4u);
  parts.resize(4);
  return parts;
}

/// Makes function \p caller's body begin with a call of \p callee.
void addCall(SizedModule &m, uint32_t caller, uint32_t callee, size_t at = 0) {
  size_t begin = m.module.bodies[caller].code.data() - m.code.data();
  m.code[begin + at] = 0x10; // call
  m.code[begin + at + 1] = uint8_t(callee);
  m.code[begin + at + 2] = 0x1a; // drop (never read: the bodies are not typed)
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
    EXPECT_EQ(part.funcs.size(), 10u);
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
    EXPECT_EQ(part.funcs.size(), 50u);
  EXPECT_EQ(planParts(large.module, 0).size(), 1u); // 0 still never splits
  // 15 KB stays whole, 17 KB is split.
  SizedModule small(std::vector<size_t>(15, 984));
  EXPECT_EQ(planParts(small.module, 256 * 1024).size(), 1u);
  SizedModule medium(std::vector<size_t>(17, 984));
  EXPECT_EQ(planParts(medium.module, 256 * 1024).size(), 4u);
}

TEST(PlanParts, CalleesOfOneCallerShareItsPart) {
  // 20 KB in four parts of five functions, were it not for the calls.
  SizedModule m(std::vector<size_t>(20, 984));
  addCall(m, 0, 19); // 19's only caller: with 0
  addCall(m, 19, 12);
  addCall(m, 2, 8); // 8 has two callers: left where it is
  addCall(m, 17, 8);
  std::vector<IRGenPart> parts = planFour(m);
  EXPECT_EQ(partOf(parts, 19), partOf(parts, 0));
  EXPECT_EQ(partOf(parts, 12), partOf(parts, 0));
  EXPECT_NE(partOf(parts, 8), partOf(parts, 2));
  for (const IRGenPart &part : parts) {
    EXPECT_GE(part.funcs.size(), 4u);
    EXPECT_LE(part.funcs.size(), 6u);
  }
  // The other parts declare what they define and call, no more.
  size_t p8 = partOf(parts, 8);
  ASSERT_NE(p8, 0u);
  EXPECT_TRUE(parts[p8].declared[8]);
  EXPECT_FALSE(parts[p8].declared[0]);
  EXPECT_TRUE(parts[partOf(parts, 2)].declared[8]);
  // Only the callees of another part's calls keep a shared symbol.
  EXPECT_TRUE(parts[0].calledFromOtherParts[8]);
  EXPECT_FALSE(parts[0].calledFromOtherParts[19]);
  EXPECT_FALSE(parts[0].calledFromOtherParts[12]);
}

TEST(PlanParts, SmallCalleesJoinTheirBusiestCaller) {
  std::vector<size_t> sizes(20, 984);
  sizes.push_back(100);
  SizedModule m(sizes);
  addCall(m, 3, 20);
  addCall(m, 3, 20, 3);
  addCall(m, 15, 20);
  std::vector<IRGenPart> parts = planFour(m);
  EXPECT_EQ(partOf(parts, 20), partOf(parts, 3));
  EXPECT_NE(partOf(parts, 20), partOf(parts, 15));
  EXPECT_TRUE(parts[0].calledFromOtherParts[20]);
  // 15's part has a copy of it to inline; the others need none.
  for (size_t i = 0; i < parts.size(); ++i)
    EXPECT_EQ(parts[i].imports, i == partOf(parts, 15)
                                    ? std::vector<uint32_t>{20}
                                    : std::vector<uint32_t>{})
        << i;
  // At -O0 nothing is inlined: no copies.
  parts = planParts(m.module, 256 * 1024, false, /*optimized=*/false);
  ASSERT_EQ(parts.size(), 4u);
  for (const IRGenPart &part : parts)
    EXPECT_TRUE(part.imports.empty());
}

TEST(PlanParts, SmallCalleesOfImportsAreImportedToo) {
  // 0 calls 10 (large, another part) and 18 (small), which calls 19
  // (small): 0's part copies 18 and 19 but never 10.
  std::vector<size_t> sizes(18, 984);
  sizes.push_back(100);
  sizes.push_back(100);
  SizedModule m(sizes);
  addCall(m, 0, 10);
  addCall(m, 11, 10); // two callers: 10 stays where it is
  addCall(m, 0, 18, 3);
  addCall(m, 5, 18); // 5 calls 18 most: 18 is in its part
  addCall(m, 5, 18, 3);
  addCall(m, 18, 19);
  addCall(m, 12, 19);
  std::vector<IRGenPart> parts = planFour(m);
  size_t p = partOf(parts, 0);
  ASSERT_NE(partOf(parts, 18), p);
  ASSERT_NE(partOf(parts, 19), p);
  EXPECT_EQ(parts[p].imports, (std::vector<uint32_t>{18, 19}));
  // Their symbols are shared, so that the copies link to the originals.
  EXPECT_TRUE(parts[0].calledFromOtherParts[18]);
  EXPECT_TRUE(parts[0].calledFromOtherParts[19]);
  EXPECT_TRUE(parts[0].calledFromOtherParts[10]);
}

TEST(PlanParts, ExportedCalleesAreNotMoved) {
  SizedModule m(std::vector<size_t>(20, 984));
  addCall(m, 0, 19);
  m.module.exports.push_back({"f19", ExternKind::Func, 19});
  m.module.declaredFuncRefs.insert(19); // as the decoder does for exports
  std::vector<IRGenPart> parts = planFour(m);
  EXPECT_EQ(parts[3].funcs.back(), 19u);
  EXPECT_NE(partOf(parts, 19), partOf(parts, 0));
}

TEST(PlanParts, CutsAvoidCalls) {
  // The equal shares cut between 4 and 5 (two calls), between 9 and 10
  // and between 14 and 15: the first cut moves by one function.
  SizedModule m(std::vector<size_t>(20, 984));
  addCall(m, 4, 5);
  addCall(m, 4, 5, 3);
  std::vector<IRGenPart> parts = planFour(m);
  EXPECT_EQ(partOf(parts, 4), partOf(parts, 5));
  EXPECT_EQ(parts[2].funcs.front(), 10u);
  EXPECT_EQ(parts[3].funcs.front(), 15u);
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
  // The optimised functions first, in one part; then one part each.
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].funcs, (std::vector<uint32_t>{0, 2, 4, 6}));
  EXPECT_FALSE(parts[0].unoptimized);
  for (uint32_t i = 1; i < 4; ++i) {
    EXPECT_EQ(parts[i].funcs, std::vector<uint32_t>{2 * i - 1});
    EXPECT_TRUE(parts[i].unoptimized) << i;
  }
  // One loop fewer and as many locals as allowed are optimised, with the
  // other small functions.
  m.code[m.module.bodies[3].code.data() - m.code.data()] = 0x02; // block
  m.module.bodies[5].numLocals = MaxOptimizedLocals;
  parts = planParts(m.module, 1 << 20);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_FALSE(parts[0].unoptimized);
  EXPECT_EQ(parts[0].funcs.size(), 6u);
  EXPECT_TRUE(parts[1].unoptimized);
  EXPECT_EQ(parts[1].funcs, std::vector<uint32_t>{1});
}

TEST(PlanParts, AdjacentFunctionsOverTheBudgetShareAPart) {
  SizedModule m({100, OverBudgetBytes, OverBudgetBytes, 100, OverBudgetBytes});
  std::vector<IRGenPart> parts = planParts(m.module, 0);
  expectCover(parts, m.module);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].funcs, (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(parts[1].funcs, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(parts[2].funcs, std::vector<uint32_t>{4});
  for (uint32_t i = 0; i < 3; ++i)
    EXPECT_EQ(parts[i].unoptimized, i > 0) << i;
}

TEST(PlanParts, NothingIsOverTheBudgetAtO0) {
  // At -O0 every function is compiled alike: the one over the budget stays
  // with the others (yosys had 900 parts of one function each).
  SizedModule m({100, OverBudgetBytes, 100});
  std::vector<IRGenPart> parts =
      planParts(m.module, 0, false, /*optimized=*/false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].unoptimized);
  EXPECT_EQ(planParts(m.module, 0).size(), 2u);
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
  std::vector<IRGenPart> parts = planParts(m.module, 0, true);
  expectCover(parts, m.module);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_FALSE(parts[0].unoptimized);
  EXPECT_EQ(parts[0].funcs, (std::vector<uint32_t>{1, 2}));
  EXPECT_TRUE(parts[1].unoptimized);
  EXPECT_EQ(parts[1].funcs, std::vector<uint32_t>{0});
  // Without explicit checks the same module is one optimised part.
  parts = planParts(m.module, 0, false);
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

/// The header, type and function sections of a module of \p n functions
/// () -> i32.
std::vector<uint8_t> declareFunctions(uint32_t n) {
  std::vector<uint8_t> wasm = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(wasm, 1, {0x01, 0x60, 0x00, 0x01, 0x7f});
  std::vector<uint8_t> funcs;
  leb(funcs, n);
  funcs.insert(funcs.end(), n, 0x00);
  section(wasm, 3, funcs);
  return wasm;
}

/// n functions () -> i32, f0 returns 1 and each next one calls the one
/// before and adds 1; the last is exported. Function \p invalid (if any)
/// returns an f32 instead.
std::vector<uint8_t> chainModule(uint32_t n, int invalid = -1) {
  std::vector<uint8_t> wasm = declareFunctions(n);
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

/// \p n functions () -> i32 of 1000 nops each, exported; function 0 calls
/// function n - 1 (its only call site, so they share a part). Functions in
/// \p invalid return an f32 instead.
std::vector<uint8_t> paddedModule(uint32_t n, std::vector<uint32_t> invalid) {
  std::vector<uint8_t> wasm = declareFunctions(n);
  std::vector<uint8_t> code;
  leb(code, n);
  for (uint32_t i = 0; i < n; ++i) {
    std::vector<uint8_t> body = {0x00}; // no locals
    if (i == 0) {
      body.push_back(0x10); // call n-1, drop
      leb(body, n - 1);
      body.push_back(0x1a);
    }
    body.insert(body.end(), 1000, 0x01); // nop
    if (llvm::is_contained(invalid, i))
      body.insert(body.end(), {0x43, 0, 0, 0x80, 0x3f}); // f32.const 1
    else
      body.insert(body.end(), {0x41, 0x01}); // i32.const 1
    body.push_back(0x0b);
    leb(code, body.size());
    code.insert(code.end(), body.begin(), body.end());
  }
  std::vector<uint8_t> exports;
  leb(exports, n - 1);
  for (uint32_t i = 1; i < n - 1; ++i) {
    std::string name = "f" + std::to_string(i);
    leb(exports, name.size());
    exports.insert(exports.end(), name.begin(), name.end());
    exports.push_back(0x00);
    leb(exports, i);
  }
  std::vector<uint8_t> zero = {0x02, 'f', '0', 0x00, 0x00};
  exports.insert(exports.end(), zero.begin(), zero.end());
  section(wasm, 7, exports);
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

TEST(CompileToObjects, ReportsTheFirstInvalidFunctionOfPartsOutOfOrder) {
  // Function 19 shares the first part with function 0, function 5 is in a
  // later part: the error is function 5's, the first in module order.
  std::vector<uint8_t> wasm = paddedModule(20, {5, 19});
  CompileOptions options = splitOptions(1);
  options.partBytes = 256 * 1024; // split only as large modules are
  auto split = compileToObjects(wasm, options);
  ASSERT_FALSE(bool(split));
  std::string message = llvm::toString(split.takeError());
  options.partBytes = 0;
  auto serial = compileToObjects(wasm, options);
  ASSERT_FALSE(bool(serial));
  EXPECT_EQ(message, llvm::toString(serial.takeError()));
  // Without the invalid functions: 19 is in the first part, 5 is not.
  options.partBytes = 256 * 1024;
  std::vector<uint8_t> validWasm = paddedModule(20, {}); // *valid views it
  auto valid = compileToObjects(validWasm, options);
  ASSERT_TRUE(bool(valid)) << llvm::toString(valid.takeError());
  std::vector<IRGenPart> parts = planParts(*valid->wasm, 256 * 1024);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_TRUE(parts[0].defines(19));
  EXPECT_FALSE(parts[0].defines(5));
}
