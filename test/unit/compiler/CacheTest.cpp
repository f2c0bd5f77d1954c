//===- CacheTest.cpp - The compile cache's store ---------------------------===//
//
// ObjectCache (Cache.h): what is stored is found under its key and nowhere
// else; damaged entries are misses and are deleted; eviction keeps the
// most recently used entries within the limit.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Cache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <fstream>
#include <unistd.h>

using namespace wasmkiln;

namespace {
struct CacheDir : testing::Test {
  llvm::SmallString<128> dir;
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("wk-cache-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }
};

CacheKey keyOf(uint8_t n) {
  CacheKey key{};
  key[0] = n;
  return key;
}

std::vector<char> objectOf(size_t size, char fill) {
  return std::vector<char>(size, fill);
}

/// The file of \p key's entry in \p dir (Cache.cpp names them so).
std::string entryFile(llvm::StringRef dir, const CacheKey &key) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, llvm::toHex(key, true) + ".wkc");
  return std::string(path);
}

/// Sets the last use of \p key's entry to \p seconds after the epoch.
void setLastUse(llvm::StringRef dir, const CacheKey &key, int64_t seconds) {
  int fd;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(
      entryFile(dir, key), fd, llvm::sys::fs::CD_OpenExisting,
      llvm::sys::fs::OF_Append));
  llvm::sys::TimePoint<> when = llvm::sys::toTimePoint(seconds);
  EXPECT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(fd, when));
  ::close(fd);
}
} // namespace

TEST_F(CacheDir, StoredObjectsAreFoundUnderTheirKeyOnly) {
  ObjectCache cache(std::string(dir.str()));
  llvm::SmallVector<char, 0> out;
  EXPECT_FALSE(cache.lookup(keyOf(1), out));
  cache.store(keyOf(1), objectOf(1000, 'a'));
  ASSERT_TRUE(cache.lookup(keyOf(1), out));
  EXPECT_EQ(std::vector<char>(out.begin(), out.end()), objectOf(1000, 'a'));
  EXPECT_FALSE(cache.lookup(keyOf(2), out));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_EQ(getCacheStats(dir).entries, 1u);
  clearCache(dir);
  EXPECT_EQ(getCacheStats(dir).entries, 0u);
}

TEST_F(CacheDir, DamagedEntriesAreMissesAndDeleted) {
  ObjectCache cache(std::string(dir.str()));
  cache.store(keyOf(1), objectOf(4000, 'b'));
  std::string path = entryFile(dir, keyOf(1));
  ASSERT_TRUE(llvm::sys::fs::exists(path));
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(3000);
    file.put('X'); // one payload byte: the checksum no longer matches
  }
  llvm::SmallVector<char, 0> out;
  EXPECT_FALSE(cache.lookup(keyOf(1), out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(llvm::sys::fs::exists(path)); // deleted
  // Truncated.
  cache.store(keyOf(1), objectOf(4000, 'b'));
  ASSERT_EQ(::truncate(path.c_str(), 2000), 0);
  EXPECT_FALSE(cache.lookup(keyOf(1), out));
  // Another key's entry under this key's name: its header names its key.
  cache.store(keyOf(2), objectOf(100, 'd'));
  ASSERT_FALSE(llvm::sys::fs::rename(entryFile(dir, keyOf(2)), path));
  EXPECT_FALSE(cache.lookup(keyOf(1), out));
  EXPECT_EQ(getCacheStats(dir).entries, 0u);
}

TEST_F(CacheDir, EvictionKeepsTheMostRecentlyUsed) {
  // Entries of 1000 bytes plus a header: room for two.
  ObjectCache cache(std::string(dir.str()), 2400);
  cache.store(keyOf(1), objectOf(1000, '1'));
  cache.store(keyOf(2), objectOf(1000, '2'));
  // Entry 2 was used last, then 1 (explicit times: no dependence on the
  // file system's timer resolution).
  setLastUse(dir, keyOf(2), 1000);
  setLastUse(dir, keyOf(1), 2000);
  cache.store(keyOf(3), objectOf(1000, '3'));
  EXPECT_EQ(getCacheStats(dir).entries, 2u);
  llvm::SmallVector<char, 0> out;
  EXPECT_TRUE(cache.lookup(keyOf(1), out));
  EXPECT_TRUE(cache.lookup(keyOf(3), out));
  EXPECT_FALSE(cache.lookup(keyOf(2), out));
}

TEST_F(CacheDir, AnUnwritableDirectoryOnlyCostsTheCache) {
  llvm::SmallString<128> file(dir);
  llvm::sys::path::append(file, "file");
  { std::ofstream(std::string(file)) << "data"; }
  llvm::SmallString<128> below(file);
  llvm::sys::path::append(below, "cache"); // under a regular file
  ObjectCache cache(std::string(below.str()));
  cache.store(keyOf(1), objectOf(10, 'x'));
  llvm::SmallVector<char, 0> out;
  EXPECT_FALSE(cache.lookup(keyOf(1), out));
  EXPECT_EQ(getCacheStats(below).entries, 0u);
}
