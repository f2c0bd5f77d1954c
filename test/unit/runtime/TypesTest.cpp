//===- TypesTest.cpp - wk_intern_type and wk_func_type_id ----------------===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <thread>

using namespace wktest;

TEST(Types, EqualSignaturesShareIds) {
  uint32_t a = wk_intern_type("ii:i");
  EXPECT_NE(a, 0u);
  std::string copy = "ii:i"; // a different pointer to equal text
  EXPECT_EQ(wk_intern_type(copy.c_str()), a);
  EXPECT_NE(wk_intern_type("i:ii"), a);
  EXPECT_NE(wk_intern_type(":"), a);
  EXPECT_NE(wk_intern_type(":"), 0u);
  EXPECT_NE(wk_intern_type("ii:"), wk_intern_type("ii:i"));
}

TEST(Types, ManySignaturesStayDistinct) {
  std::vector<uint32_t> ids;
  for (int i = 0; i < 1000; ++i)
    ids.push_back(wk_intern_type(
        (std::string(i % 7, 'l') + ":" + std::to_string(i)).c_str()));
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(wk_intern_type(
                  (std::string(i % 7, 'l') + ":" + std::to_string(i)).c_str()),
              ids[i]);
    for (int j = 0; j < i; ++j)
      ASSERT_NE(ids[i], ids[j]);
  }
}

TEST(Types, ConcurrentInterningAgrees) {
  const int numThreads = 4, numSigs = 300;
  std::vector<std::vector<uint32_t>> ids(numThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < numThreads; ++t)
    threads.emplace_back([&ids, t] {
      for (int i = 0; i < numSigs; ++i)
        ids[t].push_back(
            wk_intern_type(("fd:" + std::to_string(i * 31)).c_str()));
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 1; t < numThreads; ++t)
    EXPECT_EQ(ids[t], ids[0]);
}

TEST(Types, FuncTypeIdInternsTheModulesSignature) {
  ModuleBuilder builder;
  builder.type("dd:v", entryVoid);
  builder.type("", entryVoid);
  const wk_module *module = builder.finish();
  EXPECT_EQ(wk_func_type_id(module, 0), wk_intern_type("dd:v"));
  EXPECT_EQ(wk_func_type_id(module, 1), wk_intern_type(""));
  EXPECT_EQ(wk_func_type_id(module, 2), 0u); // out of range
}
