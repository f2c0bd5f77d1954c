//===- Cache.h - The on-disk compile cache of objects -----------*- C++ -*-===//
//
// A directory of ELF objects, one file per compiled part, named by the hex
// of a 32-byte BLAKE3 key (CacheKey.cpp says what the key holds). Entries
// are written to a temporary file in the directory and renamed into place,
// so concurrent compilers of one module never see half an entry; every
// entry carries a header (magic, version, key, payload length, BLAKE3 of
// the payload) that is checked before the payload is used, and an entry
// that fails the check is deleted and recompiled. A hit touches the entry's
// mtime; after a store, the oldest entries are deleted while the directory
// is over its size limit. A cache that cannot be written only costs the
// cache: nothing here reports an error to the compile.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_CACHE_H
#define WASMKILN_CACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/BLAKE3.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace wasmkiln {

struct CompileOptions;
struct IRGenPart;
struct Module;

using CacheKey = std::array<uint8_t, 32>;

class ObjectCache {
public:
  /// 1 GiB: `--cache-limit` changes it.
  static constexpr uint64_t DefaultLimit = uint64_t(1) << 30;

  ObjectCache(std::string dir, uint64_t limitBytes = DefaultLimit)
      : directory(std::move(dir)), limit(limitBytes) {}

  /// $XDG_CACHE_HOME/wasmkiln, else $HOME/.cache/wasmkiln; empty if
  /// neither variable is set.
  static std::string defaultDir();

  /// The object stored under \p key, if a valid entry holds it. Safe to
  /// call from several threads.
  bool lookup(const CacheKey &key, llvm::SmallVectorImpl<char> &object);
  /// Stores \p object under \p key (best effort), then evicts.
  void store(const CacheKey &key, llvm::ArrayRef<char> object);

  const std::string &dir() const { return directory; }
  unsigned hits() const { return numHits; }
  unsigned misses() const { return numMisses; }

private:
  std::string entryPath(const CacheKey &key) const;
  void evict();

  std::string directory;
  uint64_t limit;
  std::atomic<unsigned> numHits{0}, numMisses{0};
  std::atomic<bool> unwritable{false};
};

struct CacheStats {
  uint64_t entries = 0, bytes = 0;
};
/// The entries of the cache in \p dir and their total size.
CacheStats getCacheStats(llvm::StringRef dir);
/// Deletes every entry (and stale temporary file) in \p dir.
void clearCache(llvm::StringRef dir);

/// The BLAKE3 of the running compiler's executable, computed once: it
/// changes whenever the compiler does.
const CacheKey &getCompilerBuildId();

/// Adds every field of \p options that reaches generated code to \p hash
/// (CacheKey.cpp, next to static_asserts on the structs' sizes so that a
/// new field is not forgotten).
void hashCompileOptions(llvm::BLAKE3 &hash, const CompileOptions &options);

/// The key of what all parts of \p wasm (decoded from \p bytes) share: the
/// build id, the options, the module outside its code section, and the
/// module-wide facts IR generation reads from all bodies.
CacheKey getModuleCacheKey(llvm::ArrayRef<uint8_t> bytes, const Module &wasm,
                           const CompileOptions &options);
/// The key of one part's object: \p moduleKey, the partition, the bytes of
/// the part's own bodies and which of its functions other parts call.
CacheKey getPartCacheKey(const CacheKey &moduleKey, const Module &wasm,
                         const IRGenPart &part);

} // namespace wasmkiln

#endif
