//===- WasiFixture.h - A fake instance with a WASI context for tests ------===//
//
// Unit tests call the wkimport_ functions directly: the fixture gives them a
// zeroed wk_instance whose memory 0 is a plain buffer and whose WASI context
// preopens a fresh temporary "box" directory (fd 3, guest name /sandbox).
// Beside the box lies outside.txt, which no test may ever reach.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TEST_UNIT_WASI_FIXTURE_H
#define WASMKILN_TEST_UNIT_WASI_FIXTURE_H

#include "wasmkiln/wasi.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace wasitest {

// WASI errno values (wasi_snapshot_preview1).
enum : int32_t {
  SUCCESS = 0,
  ACCES = 2,
  BADF = 8,
  EXIST = 20,
  FAULT = 21,
  INVAL = 28,
  ISDIR = 31,
  LOOP = 32,
  NOENT = 44,
  NOTDIR = 54,
  NOTEMPTY = 55,
  PERM = 63,
  NOTSOCK = 57,
  NOTCAPABLE = 76
};
enum : int32_t { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8 };
constexpr int64_t RIGHTS_ALL = (int64_t(1) << 30) - 1;
constexpr int32_t PREOPEN = 3;
// What a directory open asks for: everything but writing file data.
constexpr int64_t DirRights = RIGHTS_ALL & ~(int64_t(1) << 6);

#define W(name) wkimport_wasi_snapshot_preview1__##name

std::string readHostFile(const std::string &path);
void writeHostFile(const std::string &path, const std::string &text);

class WasiTest : public ::testing::Test {
protected:
  static constexpr uint32_t MemSize = 65536;
  std::vector<uint8_t> bytes;
  wk_memory memory{};
  wk_instance instance{};
  wk_wasi_ctx *ctx = nullptr;
  std::string root; // temp dir: outside.txt, box/
  std::string box;  // preopened
  uint32_t top = 1024;

  void SetUp() override;
  void TearDown() override;
  /// Recreates the context with these grants (the box is always first).
  void makeContext(const std::string &grants,
                   std::vector<std::string> args = {"prog"});

  wk_instance *I() { return &instance; }
  uint32_t alloc(uint32_t size); // 8-byte aligned scratch in guest memory
  uint32_t put(const std::string &text);
  uint32_t u32(uint32_t ptr);
  uint64_t u64(uint32_t ptr);
  std::string str(uint32_t ptr, uint32_t len);

  /// path_open from `dirfd`; returns errno, the fd in *fd.
  int32_t open(const std::string &path, int32_t oflags = 0,
               int64_t rights = RIGHTS_ALL, int32_t lookup = 0,
               int32_t *fd = nullptr, int32_t dirfd = PREOPEN);
  int32_t write(int32_t fd, const std::string &text);
  int32_t read(int32_t fd, std::string &out, uint32_t max = 256);
  /// The host must still look exactly as SetUp left it outside the box.
  void expectHostUntouched();
};

} // namespace wasitest

#endif
