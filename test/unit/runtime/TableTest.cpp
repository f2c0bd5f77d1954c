//===- TableTest.cpp - Tables: growth, limits and bulk operations --------===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <memory>

using namespace wktest;

namespace {
struct TableInstance {
  TableInstance(uint32_t elemType, wk_limits l) {
    builder.exportAs("t", WK_EXTERN_TABLE, builder.table(elemType, l));
    status = wk_instantiate(builder.finish(), nullptr, &instance, error,
                            sizeof error);
    wk_extern ext;
    if (status == WK_OK && wk_instance_export(instance, "t", &ext) == 0)
      table = ext.u.table;
  }
  ~TableInstance() { wk_instance_free(instance); }
  ModuleBuilder builder;
  wk_instance *instance = nullptr;
  wk_table *table = nullptr;
  wk_status status;
  char error[256] = "";
};

int cells[8];
void *ref(int i) { return &cells[i]; }
} // namespace

TEST(Table, CreatedEmptyWithItsType) {
  TableInstance t(WK_EXTERNREF, limits(3, 5));
  ASSERT_EQ(t.status, WK_OK) << t.error;
  EXPECT_EQ(t.table->size, 3u);
  EXPECT_EQ(t.table->max, 5u);
  EXPECT_EQ(t.table->has_max, 1);
  EXPECT_EQ(t.table->elem_type, WK_EXTERNREF);
  for (uint32_t i = 0; i < 3; ++i)
    EXPECT_EQ(t.table->elements[i], nullptr);
  TableInstance u(WK_FUNCREF, limits(0));
  ASSERT_EQ(u.status, WK_OK) << u.error;
  EXPECT_EQ(u.table->max, UINT32_MAX);
  EXPECT_EQ(u.table->has_max, 0);
}

TEST(Table, Grow) {
  TableInstance t(WK_EXTERNREF, limits(1, 4));
  ASSERT_EQ(t.status, WK_OK) << t.error;
  t.table->elements[0] = ref(0);
  EXPECT_EQ(wk_table_grow(t.table, ref(1), 2), 1);
  EXPECT_EQ(t.table->size, 3u);
  EXPECT_EQ(t.table->elements[0], ref(0));
  EXPECT_EQ(t.table->elements[1], ref(1));
  EXPECT_EQ(t.table->elements[2], ref(1));
  EXPECT_EQ(wk_table_grow(t.table, nullptr, 2), -1);
  EXPECT_EQ(wk_table_grow(t.table, nullptr, 0), 3);
  EXPECT_EQ(wk_table_grow(t.table, nullptr, 1), 3);
  EXPECT_EQ(t.table->elements[3], nullptr);
  EXPECT_EQ(wk_table_grow(t.table, nullptr, 1), -1);

  TableInstance u(WK_FUNCREF, limits(0));
  ASSERT_EQ(u.status, WK_OK) << u.error;
  EXPECT_EQ(wk_table_grow(u.table, nullptr, UINT32_MAX), -1);
  EXPECT_EQ(wk_table_grow(u.table, nullptr, 10), 0);
  EXPECT_EQ(wk_table_grow(u.table, nullptr, UINT32_MAX - 5), -1);
}

TEST(Table, FillCopyInitBounds) {
  TableInstance t(WK_EXTERNREF, limits(4));
  ASSERT_EQ(t.status, WK_OK) << t.error;
  wk_table *table = t.table;
  EXPECT_EQ(invokeLambda([&] { wk_table_fill(table, 1, ref(2), 2); }),
            WK_TRAP_NONE);
  EXPECT_EQ(table->elements[0], nullptr);
  EXPECT_EQ(table->elements[1], ref(2));
  EXPECT_EQ(table->elements[2], ref(2));
  EXPECT_EQ(table->elements[3], nullptr);
  EXPECT_EQ(invokeLambda([&] { wk_table_fill(table, 3, ref(3), 2); }),
            WK_TRAP_TABLE_OOB);
  EXPECT_EQ(table->elements[3], nullptr); // nothing written
  EXPECT_EQ(invokeLambda([&] { wk_table_fill(table, 4, ref(3), 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(invokeLambda([&] { wk_table_fill(table, 5, ref(3), 0); }),
            WK_TRAP_TABLE_OOB);
  EXPECT_EQ(invokeLambda([&] { wk_table_fill(table, 0xffffffffu, ref(3), 2); }),
            WK_TRAP_TABLE_OOB);

  // Overlapping copy, both directions.
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(table, table, 2, 1, 2); }),
            WK_TRAP_NONE);
  EXPECT_EQ(table->elements[3], ref(2));
  table->elements[0] = ref(0);
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(table, table, 0, 1, 3); }),
            WK_TRAP_NONE);
  EXPECT_EQ(table->elements[0], ref(2));
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(table, table, 0, 2, 3); }),
            WK_TRAP_TABLE_OOB);
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(table, table, 4, 4, 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(
      invokeLambda([&] { wk_table_copy(table, table, 0, 0xfffffffeu, 4); }),
      WK_TRAP_TABLE_OOB);

  void *items[3] = {ref(5), ref(6), ref(7)};
  EXPECT_EQ(invokeLambda([&] { wk_table_init(table, items, 3, 1, 1, 2); }),
            WK_TRAP_NONE);
  EXPECT_EQ(table->elements[1], ref(6));
  EXPECT_EQ(table->elements[2], ref(7));
  EXPECT_EQ(invokeLambda([&] { wk_table_init(table, items, 3, 0, 2, 2); }),
            WK_TRAP_TABLE_OOB);
  EXPECT_EQ(invokeLambda([&] { wk_table_init(table, items, 3, 3, 0, 2); }),
            WK_TRAP_TABLE_OOB);
  EXPECT_EQ(table->elements[3], ref(2));
  EXPECT_EQ(invokeLambda([&] { wk_table_init(table, nullptr, 0, 4, 0, 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(invokeLambda([&] { wk_table_init(table, nullptr, 0, 0, 1, 0); }),
            WK_TRAP_TABLE_OOB);
}

TEST(Table, CopyBetweenTables) {
  TableInstance a(WK_EXTERNREF, limits(2)), b(WK_EXTERNREF, limits(6));
  ASSERT_EQ(a.status, WK_OK);
  ASSERT_EQ(b.status, WK_OK);
  a.table->elements[0] = ref(0);
  a.table->elements[1] = ref(1);
  wk_table *src = a.table, *dst = b.table;
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(dst, src, 4, 0, 2); }),
            WK_TRAP_NONE);
  EXPECT_EQ(dst->elements[5], ref(1));
  EXPECT_EQ(invokeLambda([&] { wk_table_copy(dst, src, 0, 1, 2); }),
            WK_TRAP_TABLE_OOB);
}
