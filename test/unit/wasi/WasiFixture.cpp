//===- WasiFixture.cpp - Fake instance and temp dirs for WASI unit tests --===//

#include "WasiFixture.h"

#include <dirent.h>
#include <fstream>
#include <ftw.h>
#include <set>
#include <sstream>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wasitest {

std::string readHostFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeHostFile(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

static int removeEntry(const char *path, const struct stat *, int,
                       struct FTW *) {
  return ::remove(path);
}

void WasiTest::SetUp() {
  bytes.assign(MemSize, 0);
  memory.base = bytes.data();
  memory.size = MemSize;
  memory.max_pages = 1;
  instance.mem0 = &memory;
  instance.mem0_base = bytes.data();
  char pattern[] = "/tmp/wasi-unit-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  root = pattern;
  box = root + "/box";
  ASSERT_EQ(mkdir(box.c_str(), 0755), 0);
  ASSERT_EQ(mkdir((box + "/sub").c_str(), 0755), 0);
  writeHostFile(root + "/outside.txt", "secret");
  writeHostFile(box + "/file.txt", "hello");
  makeContext("");
}

void WasiTest::TearDown() {
  wk_wasi_destroy(ctx);
  nftw(root.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS);
}

void WasiTest::makeContext(const std::string &grants,
                           std::vector<std::string> args) {
  wk_wasi_destroy(ctx);
  std::vector<const char *> argv;
  for (const std::string &arg : args)
    argv.push_back(arg.c_str());
  std::string all = "dir=" + box + "::/sandbox\n" + grants;
  char err[256] = "";
  ctx = wk_wasi_create(static_cast<int>(argv.size()), argv.data(), all.c_str(),
                       err, sizeof err);
  ASSERT_NE(ctx, nullptr) << err;
  instance.wasi = ctx;
}

uint32_t WasiTest::alloc(uint32_t size) {
  uint32_t ptr = top;
  top = (top + size + 7) & ~7u;
  EXPECT_LE(top, MemSize);
  return ptr;
}

uint32_t WasiTest::put(const std::string &text) {
  uint32_t ptr = alloc(static_cast<uint32_t>(text.size()) + 1);
  std::memcpy(&bytes[ptr], text.data(), text.size());
  return ptr;
}

uint32_t WasiTest::u32(uint32_t ptr) {
  uint32_t v;
  std::memcpy(&v, &bytes[ptr], 4);
  return v;
}

uint64_t WasiTest::u64(uint32_t ptr) {
  uint64_t v;
  std::memcpy(&v, &bytes[ptr], 8);
  return v;
}

std::string WasiTest::str(uint32_t ptr, uint32_t len) {
  return std::string(reinterpret_cast<const char *>(&bytes[ptr]), len);
}

int32_t WasiTest::open(const std::string &path, int32_t oflags, int64_t rights,
                       int32_t lookup, int32_t *fd, int32_t dirfd) {
  uint32_t p = put(path), out = alloc(4);
  int32_t rc =
      W(path_open)(I(), dirfd, lookup, p, static_cast<int32_t>(path.size()),
                   oflags, rights, rights, 0, out);
  if (fd)
    *fd = rc == SUCCESS ? static_cast<int32_t>(u32(out)) : -1;
  return rc;
}

int32_t WasiTest::write(int32_t fd, const std::string &text) {
  uint32_t data = put(text), iov = alloc(8), n = alloc(4);
  std::memcpy(&bytes[iov], &data, 4);
  uint32_t len = static_cast<uint32_t>(text.size());
  std::memcpy(&bytes[iov + 4], &len, 4);
  return W(fd_write)(I(), fd, iov, 1, n);
}

int32_t WasiTest::read(int32_t fd, std::string &out, uint32_t max) {
  uint32_t data = alloc(max), iov = alloc(8), n = alloc(4);
  std::memcpy(&bytes[iov], &data, 4);
  std::memcpy(&bytes[iov + 4], &max, 4);
  int32_t rc = W(fd_read)(I(), fd, iov, 1, n);
  out = rc == SUCCESS ? str(data, u32(n)) : "";
  return rc;
}

void WasiTest::expectHostUntouched() {
  EXPECT_EQ(readHostFile(root + "/outside.txt"), "secret");
  std::set<std::string> names;
  if (DIR *dir = opendir(root.c_str())) {
    while (struct dirent *e = readdir(dir))
      names.insert(e->d_name);
    closedir(dir);
  }
  EXPECT_EQ(names, (std::set<std::string>{".", "..", "box", "outside.txt"}));
}

} // namespace wasitest
