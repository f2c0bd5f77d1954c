//===- Cache.cpp - The on-disk compile cache of objects -------------------===//
//
// The store of Cache.h: entry files with a checked header, atomic renames,
// mtime as the last use, least-recently-used eviction.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Cache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

using namespace llvm;
using namespace wasmkiln;

namespace {
/// The header in front of every entry's object. Version changes whenever
/// the layout does; foreign files fail the magic.
struct EntryHeader {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint8_t key[32];
  uint64_t payloadBytes;
  uint8_t checksum[32];
};
} // namespace

static constexpr char EntryMagic[8] = {'W', 'K', 'C', 'A', 'C', 'H', 'E', 0};
static constexpr uint32_t EntryVersion = 1;
static constexpr StringLiteral EntrySuffix = ".wkc";
static constexpr StringLiteral TempPrefix = "tmp-";

std::string ObjectCache::defaultDir() {
  SmallString<256> dir;
  if (std::optional<std::string> xdg = sys::Process::GetEnv("XDG_CACHE_HOME");
      xdg && !xdg->empty())
    dir = *xdg;
  else if (std::optional<std::string> home = sys::Process::GetEnv("HOME");
           home && !home->empty())
    sys::path::append(dir, *home, ".cache");
  else
    return "";
  sys::path::append(dir, "wasmkiln");
  return std::string(dir);
}

std::string ObjectCache::entryPath(const CacheKey &key) const {
  SmallString<256> path(directory);
  sys::path::append(path, toHex(key, /*LowerCase=*/true) + EntrySuffix);
  return std::string(path);
}

static BLAKE3Result<32> checksum(ArrayRef<char> payload) {
  return BLAKE3::hash(ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(payload.data()), payload.size()));
}

static BLAKE3Result<32> checksumOf(const EntryHeader &header) {
  BLAKE3Result<32> sum;
  std::memcpy(sum.data(), header.checksum, sum.size());
  return sum;
}

bool ObjectCache::lookup(const CacheKey &key, SmallVectorImpl<char> &object) {
  std::string path = entryPath(key);
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!buffer) {
    ++numMisses;
    return false;
  }
  StringRef data = (*buffer)->getBuffer();
  EntryHeader header;
  bool valid = data.size() >= sizeof header;
  if (valid) {
    std::memcpy(&header, data.data(), sizeof header);
    ArrayRef<char> payload(data.data() + sizeof header,
                           data.size() - sizeof header);
    valid = std::memcmp(header.magic, EntryMagic, sizeof EntryMagic) == 0 &&
            header.version == EntryVersion &&
            std::memcmp(header.key, key.data(), key.size()) == 0 &&
            header.payloadBytes == payload.size() &&
            checksum(payload) == checksumOf(header);
    if (valid)
      object.assign(payload.begin(), payload.end());
  }
  if (!valid) {
    // Damaged or foreign: never used; the recompiled part replaces it.
    sys::fs::remove(path);
    ++numMisses;
    return false;
  }
  // The mtime is the entry's last use, for eviction.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  ++numHits;
  return true;
}

void ObjectCache::store(const CacheKey &key, ArrayRef<char> object) {
  if (unwritable || directory.empty())
    return;
  if (sys::fs::create_directories(directory)) {
    unwritable = true;
    return;
  }
  EntryHeader header = {};
  std::memcpy(header.magic, EntryMagic, sizeof EntryMagic);
  header.version = EntryVersion;
  std::memcpy(header.key, key.data(), key.size());
  header.payloadBytes = object.size();
  BLAKE3Result<32> sum = checksum(object);
  std::memcpy(header.checksum, sum.data(), sum.size());

  SmallString<256> model(directory);
  sys::path::append(model, TempPrefix + "%%%%%%%%%%%%");
  int fd;
  SmallString<256> temp;
  if (sys::fs::createUniqueFile(model, fd, temp)) {
    unwritable = true;
    return;
  }
  bool ok;
  {
    raw_fd_ostream out(fd, /*shouldClose=*/true);
    out.write(reinterpret_cast<const char *>(&header), sizeof header);
    out.write(object.data(), object.size());
    out.close();
    ok = !out.has_error();
    out.clear_error();
  }
  // A reader sees the old entry, no entry, or this one, never a part.
  if (!ok || sys::fs::rename(temp, entryPath(key))) {
    sys::fs::remove(temp);
    return;
  }
  evict();
}

namespace {
struct EntryFile {
  std::string path;
  uint64_t bytes;
  sys::TimePoint<> used;
};
} // namespace

/// The entries in \p dir; with \p temps also the temporary files.
static std::vector<EntryFile> listEntries(StringRef dir, bool temps = false) {
  std::vector<EntryFile> entries;
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    if (!name.ends_with(EntrySuffix) && !(temps && name.starts_with(TempPrefix)))
      continue;
    sys::fs::file_status status;
    if (sys::fs::status(it->path(), status) ||
        status.type() != sys::fs::file_type::regular_file)
      continue;
    entries.push_back(
        {it->path(), status.getSize(), status.getLastModificationTime()});
  }
  return entries;
}

void ObjectCache::evict() {
  std::vector<EntryFile> entries = listEntries(directory);
  uint64_t total = 0;
  for (const EntryFile &entry : entries)
    total += entry.bytes;
  if (total <= limit)
    return;
  std::sort(entries.begin(), entries.end(),
            [](const EntryFile &a, const EntryFile &b) { return a.used < b.used; });
  for (const EntryFile &entry : entries) {
    if (total <= limit)
      break;
    if (!sys::fs::remove(entry.path))
      total -= entry.bytes;
  }
}

CacheStats wasmkiln::getCacheStats(StringRef dir) {
  CacheStats stats;
  for (const EntryFile &entry : listEntries(dir)) {
    ++stats.entries;
    stats.bytes += entry.bytes;
  }
  return stats;
}

void wasmkiln::clearCache(StringRef dir) {
  for (const EntryFile &entry : listEntries(dir, /*temps=*/true))
    sys::fs::remove(entry.path);
}
