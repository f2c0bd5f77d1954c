//===- MemoryTest.cpp - Memories: reservations, growth, guards, bulk ops -===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

using namespace wktest;

TEST(Memory, GuardModeReservesTheGuardRegion) {
  MemoryInstance m(limits(1, 3));
  ASSERT_EQ(m.status, WK_OK) << m.error;
  EXPECT_EQ(m.mem->size, WK_PAGE_SIZE);
  EXPECT_EQ(m.mem->reserved, WK_GUARD_RESERVATION);
  EXPECT_EQ(m.mem->max_pages, 3u);
  EXPECT_EQ(m.mem->has_max, 1u);
  EXPECT_EQ(m.instance->mem0, m.mem);
  EXPECT_EQ(m.instance->mem0_base, m.mem->base);
}

TEST(Memory, ExplicitModeReservesTheMaximum) {
  MemoryInstance m(limits(1, 3), /*boundsChecks=*/1);
  ASSERT_EQ(m.status, WK_OK) << m.error;
  EXPECT_EQ(m.mem->reserved, 3ull * WK_PAGE_SIZE);
  MemoryInstance zero(limits(0, 0), 1);
  ASSERT_EQ(zero.status, WK_OK) << zero.error;
  EXPECT_EQ(zero.mem->size, 0u);
  EXPECT_EQ(zero.mem->reserved, WK_PAGE_SIZE); // mmap needs something
  EXPECT_EQ(wk_memory_grow(zero.mem, 1), -1);
  MemoryInstance unbounded(limits(0), 1);
  ASSERT_EQ(unbounded.status, WK_OK) << unbounded.error;
  EXPECT_EQ(unbounded.mem->max_pages, WK_MAX_PAGES);
  EXPECT_EQ(unbounded.mem->has_max, 0u);
}

TEST(Memory, GrowReturnsOldSizeAndZeroesNewPages) {
  for (uint32_t boundsChecks : {0u, 1u}) {
    MemoryInstance m(limits(1, 4), boundsChecks);
    ASSERT_EQ(m.status, WK_OK) << m.error;
    std::memset(m.mem->base, 0xab, WK_PAGE_SIZE);
    EXPECT_EQ(wk_memory_grow(m.mem, 0), 1);
    EXPECT_EQ(wk_memory_grow(m.mem, 2), 1);
    EXPECT_EQ(m.mem->size, 3ull * WK_PAGE_SIZE);
    for (uint64_t i = WK_PAGE_SIZE; i < m.mem->size; i += 997)
      ASSERT_EQ(m.mem->base[i], 0) << i;
    EXPECT_EQ(m.mem->base[m.mem->size - 1], 0);
    EXPECT_EQ(m.mem->base[0], 0xab);
    m.mem->base[m.mem->size - 1] = 1;        // writable
    EXPECT_EQ(wk_memory_grow(m.mem, 2), -1); // beyond the declared max
    EXPECT_EQ(m.mem->size, 3ull * WK_PAGE_SIZE);
    EXPECT_EQ(wk_memory_grow(m.mem, 1), 3);
    EXPECT_EQ(wk_memory_grow(m.mem, 1), -1);
    EXPECT_EQ(wk_memory_grow(m.mem, 0), 4);
  }
}

TEST(Memory, GrowBeyondFourGiB) {
  MemoryInstance m(limits(0));
  ASSERT_EQ(m.status, WK_OK) << m.error;
  EXPECT_EQ(wk_memory_grow(m.mem, WK_MAX_PAGES + 1), -1);
  EXPECT_EQ(wk_memory_grow(m.mem, UINT32_MAX), -1);
  EXPECT_EQ(m.mem->size, 0u);
  // The whole 4 GiB is available in guard mode (address space only).
  EXPECT_EQ(wk_memory_grow(m.mem, WK_MAX_PAGES), 0);
  EXPECT_EQ(m.mem->size, (uint64_t)WK_MAX_PAGES * WK_PAGE_SIZE);
  EXPECT_EQ(wk_memory_grow(m.mem, 1), -1);
  EXPECT_EQ(wk_memory_grow(m.mem, 0), (int32_t)WK_MAX_PAGES);
}

TEST(Memory, OptionLimitsGrowth) {
  MemoryInstance m(limits(1), 0, /*maxPages=*/2);
  ASSERT_EQ(m.status, WK_OK) << m.error;
  EXPECT_EQ(wk_memory_grow(m.mem, 1), 1);
  EXPECT_EQ(wk_memory_grow(m.mem, 1), -1);
  MemoryInstance tooBig(limits(3), 0, 2);
  EXPECT_EQ(tooBig.status, WK_ERR_RESOURCE);
  EXPECT_EQ(tooBig.instance, nullptr);
  EXPECT_NE(std::string(tooBig.error).find("limit"), std::string::npos);
}

// A host function that reads memory at io[0] (an i64 offset): stands in for
// generated guard-mode code.
static void readByte(void *, void *ctx, wk_value *io) {
  auto *mem = static_cast<wk_memory *>(ctx);
  volatile uint8_t *p = mem->base + io[0].i64;
  io[0].i32 = *p;
}

static wk_trap load(wk_memory *mem, int64_t offset, int32_t &out) {
  wk_func f{};
  f.ctx = mem;
  f.type_id = wk_intern_type("l:i");
  f.entry = readByte;
  wk_value io[1];
  io[0].i64 = offset;
  wk_trap trap = wk_invoke(&f, io, io);
  out = io[0].i32;
  return trap;
}

TEST(Memory, GuardFaultIsOutOfBoundsTrap) {
  MemoryInstance m(limits(1, 2));
  ASSERT_EQ(m.status, WK_OK) << m.error;
  m.mem->base[WK_PAGE_SIZE - 1] = 9;
  int32_t value = -1;
  EXPECT_EQ(load(m.mem, WK_PAGE_SIZE - 1, value), WK_TRAP_NONE);
  EXPECT_EQ(value, 9);
  EXPECT_EQ(load(m.mem, WK_PAGE_SIZE, value), WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(wk_trap_function(), nullptr);
  // The farthest address generated code can form.
  EXPECT_EQ(load(m.mem, (int64_t)WK_GUARD_RESERVATION - 1, value),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(load(m.mem, (int64_t)1 << 32, value), WK_TRAP_MEMORY_OOB);
  // Growth makes the address valid; the instance is still fine.
  ASSERT_EQ(wk_memory_grow(m.mem, 1), 1);
  EXPECT_EQ(load(m.mem, WK_PAGE_SIZE, value), WK_TRAP_NONE);
  EXPECT_EQ(value, 0);
  EXPECT_EQ(load(m.mem, 2 * WK_PAGE_SIZE, value), WK_TRAP_MEMORY_OOB);
}

TEST(Memory, GuardFaultsOnAnotherThread) {
  MemoryInstance m(limits(1));
  ASSERT_EQ(m.status, WK_OK) << m.error;
  wk_trap trap = WK_TRAP_NONE;
  std::thread thread([&] {
    int32_t value;
    trap = load(m.mem, 3 * WK_PAGE_SIZE, value);
  });
  thread.join();
  EXPECT_EQ(trap, WK_TRAP_MEMORY_OOB);
}

TEST(Memory, FreedMemoryIsNoLongerAWasmMemory) {
  // After wk_instance_free the reservation is gone from the registry; a new
  // memory elsewhere still traps correctly.
  auto *first = new MemoryInstance(limits(1));
  ASSERT_EQ(first->status, WK_OK);
  delete first;
  MemoryInstance second(limits(1));
  ASSERT_EQ(second.status, WK_OK);
  int32_t value;
  EXPECT_EQ(load(second.mem, WK_PAGE_SIZE + 5, value), WK_TRAP_MEMORY_OOB);
}

/*---- Bulk operations ----*/

class Bulk : public testing::TestWithParam<uint32_t> {
protected:
  void SetUp() override {
    m = std::make_unique<MemoryInstance>(limits(1, 1), GetParam());
    ASSERT_EQ(m->status, WK_OK) << m->error;
    for (uint32_t i = 0; i < 256; ++i)
      m->mem->base[i] = (uint8_t)i;
    std::memset(m->mem->base + WK_PAGE_SIZE - 16, 0x55, 16);
  }
  std::unique_ptr<MemoryInstance> m;
};

TEST_P(Bulk, Fill) {
  wk_memory *mem = m->mem;
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, 10, 0x1ff, 3); }),
            WK_TRAP_NONE);
  EXPECT_EQ(mem->base[9], 9);
  EXPECT_EQ(mem->base[10], 0xff);
  EXPECT_EQ(mem->base[12], 0xff);
  EXPECT_EQ(mem->base[13], 13);
  // Partly out of range: trap, and nothing written.
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, WK_PAGE_SIZE - 8, 0, 9); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[WK_PAGE_SIZE - 8], 0x55);
  // n == 0 at the end is fine, one past it is not.
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, WK_PAGE_SIZE, 0, 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, WK_PAGE_SIZE + 1, 0, 0); }),
            WK_TRAP_MEMORY_OOB);
  // dst + n overflows 32 bits.
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, 0xffffffffu, 0, 2); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(invokeLambda([&] { wk_memory_fill(mem, 2, 0, 0xffffffffu); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[2], 2);
}

TEST_P(Bulk, CopyOverlapping) {
  wk_memory *mem = m->mem;
  EXPECT_EQ(invokeLambda([&] { wk_memory_copy(mem, mem, 4, 0, 8); }),
            WK_TRAP_NONE);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(mem->base[4 + i], i);
  EXPECT_EQ(invokeLambda([&] { wk_memory_copy(mem, mem, 0, 4, 8); }),
            WK_TRAP_NONE);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(mem->base[i], i);
}

TEST_P(Bulk, CopyBounds) {
  wk_memory *mem = m->mem;
  EXPECT_EQ(
      invokeLambda([&] { wk_memory_copy(mem, mem, WK_PAGE_SIZE - 4, 0, 5); }),
      WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[WK_PAGE_SIZE - 4], 0x55);
  EXPECT_EQ(
      invokeLambda([&] { wk_memory_copy(mem, mem, 0, WK_PAGE_SIZE - 4, 5); }),
      WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[0], 0);
  EXPECT_EQ(invokeLambda([&] {
              wk_memory_copy(mem, mem, WK_PAGE_SIZE, WK_PAGE_SIZE, 0);
            }),
            WK_TRAP_NONE);
  EXPECT_EQ(
      invokeLambda([&] { wk_memory_copy(mem, mem, 0, WK_PAGE_SIZE + 1, 0); }),
      WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(invokeLambda([&] { wk_memory_copy(mem, mem, 0xfffffff0u, 0, 32); }),
            WK_TRAP_MEMORY_OOB);
}

TEST_P(Bulk, CopyBetweenMemories) {
  MemoryInstance other(limits(2), GetParam());
  ASSERT_EQ(other.status, WK_OK);
  wk_memory *mem = m->mem;
  EXPECT_EQ(invokeLambda([&] {
              wk_memory_copy(other.mem, mem, WK_PAGE_SIZE + 100, 0, 256);
            }),
            WK_TRAP_NONE);
  EXPECT_EQ(other.mem->base[WK_PAGE_SIZE + 100 + 255], 255);
  // Within the destination but beyond the (smaller) source.
  EXPECT_EQ(invokeLambda([&] {
              wk_memory_copy(other.mem, mem, 0, WK_PAGE_SIZE - 10, 20);
            }),
            WK_TRAP_MEMORY_OOB);
}

TEST_P(Bulk, Init) {
  wk_memory *mem = m->mem;
  static const uint8_t data[] = {1, 2, 3, 4, 5};
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, data, 5, 100, 1, 3); }),
            WK_TRAP_NONE);
  EXPECT_EQ(mem->base[100], 2);
  EXPECT_EQ(mem->base[102], 4);
  EXPECT_EQ(mem->base[103], 103);
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, data, 5, 0, 3, 3); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[0], 0);
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, data, 5, 0, 5, 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, data, 5, 0, 6, 0); }),
            WK_TRAP_MEMORY_OOB);
  // A dropped segment: size 0, no data.
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, nullptr, 0, 0, 0, 0); }),
            WK_TRAP_NONE);
  EXPECT_EQ(invokeLambda([&] { wk_memory_init(mem, nullptr, 0, 0, 0, 1); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(invokeLambda(
                [&] { wk_memory_init(mem, data, 5, WK_PAGE_SIZE - 2, 0, 3); }),
            WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(mem->base[WK_PAGE_SIZE - 2], 0x55);
  EXPECT_EQ(
      invokeLambda([&] { wk_memory_init(mem, data, 5, 0xffffffffu, 0, 1); }),
      WK_TRAP_MEMORY_OOB);
}

INSTANTIATE_TEST_SUITE_P(BothModes, Bulk, testing::Values(0u, 1u),
                         [](const testing::TestParamInfo<uint32_t> &info) {
                           return info.param ? "Explicit" : "Guard";
                         });
