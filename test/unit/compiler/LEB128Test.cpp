//===- LEB128Test.cpp - ByteReader's LEB128 and UTF-8 rules ---------------===//
//
// The binary format's integer encodings at their edges: largest values,
// the longest allowed encodings, one byte too many, unused bits that must be
// zero or copies of the sign bit, and running off the end.
//
//===----------------------------------------------------------------------===//

#include "ByteReader.h"

#include "gtest/gtest.h"

#include <initializer_list>
#include <vector>

using namespace llvm;
using namespace wasmkiln;

namespace {

/// The message of the WasmError in \p err, or "" for success.
std::string errorText(Error err, size_t *offset = nullptr) {
  std::string text;
  handleAllErrors(std::move(err), [&](const WasmError &e) {
    text = e.getMessage();
    if (offset)
      *offset = e.getOffset();
  });
  return text;
}

struct Bytes {
  std::vector<uint8_t> data;
  Bytes(std::initializer_list<uint8_t> b) : data(b) {}
  ByteReader reader(size_t base = 0) const {
    return ByteReader(data, base, /*wholeInput=*/true);
  }
};

TEST(LEB128Test, U32Values) {
  uint32_t v = 0;
  Bytes zero{0x00};
  auto r = zero.reader();
  ASSERT_EQ(errorText(r.readU32(v)), "");
  EXPECT_EQ(v, 0u);

  Bytes max{0xff, 0xff, 0xff, 0xff, 0x0f};
  r = max.reader();
  ASSERT_EQ(errorText(r.readU32(v)), "");
  EXPECT_EQ(v, UINT32_MAX);
  EXPECT_TRUE(r.atEnd());

  // Padded with redundant zero groups, still within five bytes.
  Bytes padded{0x83, 0x80, 0x80, 0x80, 0x00};
  r = padded.reader();
  ASSERT_EQ(errorText(r.readU32(v)), "");
  EXPECT_EQ(v, 3u);
  EXPECT_EQ(r.position(), 5u);
}

TEST(LEB128Test, U32TooLong) {
  uint32_t v = 0;
  Bytes six{0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  size_t offset = 99;
  auto r = six.reader(10);
  EXPECT_EQ(errorText(r.readU32(v), &offset),
            "integer representation too long");
  EXPECT_EQ(offset, 10u);
}

TEST(LEB128Test, U32UnusedBits) {
  uint32_t v = 0;
  for (uint8_t last : {0x10, 0x40, 0x70, 0x1f}) {
    Bytes b{0xff, 0xff, 0xff, 0xff, last};
    auto r = b.reader();
    EXPECT_EQ(errorText(r.readU32(v)), "integer too large") << int(last);
  }
}

TEST(LEB128Test, S32Extremes) {
  int32_t v = 0;
  Bytes min{0x80, 0x80, 0x80, 0x80, 0x78};
  auto r = min.reader();
  ASSERT_EQ(errorText(r.readS32(v)), "");
  EXPECT_EQ(v, INT32_MIN);

  Bytes max{0xff, 0xff, 0xff, 0xff, 0x07};
  r = max.reader();
  ASSERT_EQ(errorText(r.readS32(v)), "");
  EXPECT_EQ(v, INT32_MAX);

  Bytes minusOne{0x7f};
  r = minusOne.reader();
  ASSERT_EQ(errorText(r.readS32(v)), "");
  EXPECT_EQ(v, -1);

  Bytes minusOneLong{0xff, 0xff, 0xff, 0xff, 0x7f};
  r = minusOneLong.reader();
  ASSERT_EQ(errorText(r.readS32(v)), "");
  EXPECT_EQ(v, -1);

  Bytes minus64{0x40};
  r = minus64.reader();
  ASSERT_EQ(errorText(r.readS32(v)), "");
  EXPECT_EQ(v, -64);
}

TEST(LEB128Test, S32UnusedBitsMustExtendSign) {
  int32_t v = 0;
  // Positive value with some of the unused bits set.
  Bytes a{0xff, 0xff, 0xff, 0xff, 0x0f};
  auto r = a.reader();
  EXPECT_EQ(errorText(r.readS32(v)), "integer too large");
  // Negative value with some of the unused bits clear.
  Bytes b{0x80, 0x80, 0x80, 0x80, 0x70};
  r = b.reader();
  EXPECT_EQ(errorText(r.readS32(v)), "integer too large");
  Bytes tooLong{0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  r = tooLong.reader();
  EXPECT_EQ(errorText(r.readS32(v)), "integer representation too long");
}

TEST(LEB128Test, S64Extremes) {
  int64_t v = 0;
  Bytes min{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  auto r = min.reader();
  ASSERT_EQ(errorText(r.readS64(v)), "");
  EXPECT_EQ(v, INT64_MIN);

  Bytes max{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00};
  r = max.reader();
  ASSERT_EQ(errorText(r.readS64(v)), "");
  EXPECT_EQ(v, INT64_MAX);

  Bytes bad{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  r = bad.reader();
  EXPECT_EQ(errorText(r.readS64(v)), "integer too large");
  Bytes bad2{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e};
  r = bad2.reader();
  EXPECT_EQ(errorText(r.readS64(v)), "integer too large");
  Bytes tooLong{0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x80, 0x80, 0x80, 0x80, 0x00};
  r = tooLong.reader();
  EXPECT_EQ(errorText(r.readS64(v)), "integer representation too long");
}

TEST(LEB128Test, U64) {
  uint64_t v = 0;
  Bytes max{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  auto r = max.reader();
  ASSERT_EQ(errorText(r.readU64(v)), "");
  EXPECT_EQ(v, UINT64_MAX);
  Bytes bad{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  r = bad.reader();
  EXPECT_EQ(errorText(r.readU64(v)), "integer too large");
}

TEST(LEB128Test, S33) {
  int64_t v = 0;
  // The largest type index a block type can name: 2^32 - 1.
  Bytes maxIndex{0xff, 0xff, 0xff, 0xff, 0x0f};
  auto r = maxIndex.reader();
  ASSERT_EQ(errorText(r.readS33(v)), "");
  EXPECT_EQ(v, int64_t(UINT32_MAX));
  Bytes min{0x80, 0x80, 0x80, 0x80, 0x70};
  r = min.reader();
  ASSERT_EQ(errorText(r.readS33(v)), "");
  EXPECT_EQ(v, -(int64_t(1) << 32));
  Bytes bad{0xff, 0xff, 0xff, 0xff, 0x1f};
  r = bad.reader();
  EXPECT_EQ(errorText(r.readS33(v)), "integer too large");
}

TEST(LEB128Test, UnexpectedEnd) {
  uint32_t v = 0;
  Bytes cut{0x80, 0x80};
  auto r = cut.reader();
  EXPECT_EQ(errorText(r.readU32(v)), "unexpected end");
  ByteReader inSection(cut.data, 0, /*wholeInput=*/false);
  EXPECT_EQ(errorText(inSection.readU32(v)),
            "unexpected end of section or function");
  Bytes none{};
  auto empty = none.reader();
  EXPECT_EQ(errorText(empty.readU32(v)), "unexpected end");
}

TEST(LEB128Test, CountBoundedByRemainingBytes) {
  uint32_t v = 0;
  Bytes b{0x03, 0x01, 0x02};
  auto r = b.reader();
  EXPECT_EQ(errorText(r.readCount(v)), "length out of bounds");
  Bytes ok{0x02, 0x01, 0x02};
  r = ok.reader();
  EXPECT_EQ(errorText(r.readCount(v)), "");
  EXPECT_EQ(v, 2u);
}

TEST(UTF8Test, Validation) {
  auto valid = [](std::initializer_list<uint8_t> b) {
    return isValidUTF8(std::vector<uint8_t>(b));
  };
  EXPECT_TRUE(valid({}));
  EXPECT_TRUE(valid({'a', 0x7f}));
  EXPECT_TRUE(valid({0xc2, 0x80}));              // U+0080
  EXPECT_TRUE(valid({0xed, 0x9f, 0xbf}));        // U+D7FF
  EXPECT_TRUE(valid({0xee, 0x80, 0x80}));        // U+E000
  EXPECT_TRUE(valid({0xf4, 0x8f, 0xbf, 0xbf}));  // U+10FFFF
  EXPECT_FALSE(valid({0x80}));                   // lone continuation
  EXPECT_FALSE(valid({0xc0, 0x80}));             // overlong NUL
  EXPECT_FALSE(valid({0xc1, 0xbf}));             // overlong
  EXPECT_FALSE(valid({0xe0, 0x9f, 0xbf}));       // overlong 3-byte
  EXPECT_FALSE(valid({0xed, 0xa0, 0x80}));       // surrogate U+D800
  EXPECT_FALSE(valid({0xf0, 0x8f, 0xbf, 0xbf})); // overlong 4-byte
  EXPECT_FALSE(valid({0xf4, 0x90, 0x80, 0x80})); // U+110000
  EXPECT_FALSE(valid({0xf5, 0x80, 0x80, 0x80}));
  EXPECT_FALSE(valid({0xff}));
  EXPECT_FALSE(valid({0xe2, 0x82}));       // truncated
  EXPECT_FALSE(valid({0xe2, 0x28, 0xa1})); // bad continuation
}

} // namespace
