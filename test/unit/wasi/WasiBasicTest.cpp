//===- WasiBasicTest.cpp - WASI functions on a fake instance --------------===//
//
// Argument and environment layout, stdio and pipes, guest-pointer checks,
// files and directories in the preopened box, rights, and the import
// resolver with its generic-call thunks.
//
//===----------------------------------------------------------------------===//

#include "WasiFixture.h"

#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace wasitest;

namespace {

TEST_F(WasiTest, ArgsLayout) {
  makeContext("", {"prog", "one", "two words"});
  uint32_t count = alloc(4), size = alloc(4);
  ASSERT_EQ(W(args_sizes_get)(I(), count, size), SUCCESS);
  EXPECT_EQ(u32(count), 3u);
  EXPECT_EQ(u32(size), 5u + 4 + 10);
  uint32_t argv = alloc(12), buf = alloc(u32(size));
  ASSERT_EQ(W(args_get)(I(), argv, buf), SUCCESS);
  EXPECT_EQ(u32(argv), buf);
  EXPECT_EQ(str(u32(argv + 4), 4), std::string("one", 4));
  EXPECT_EQ(str(u32(argv + 8), 10), std::string("two words", 10));
}

TEST_F(WasiTest, EnvironmentOnlyWhatIsGranted) {
  setenv("WASI_UNIT_SECRET", "x", 1);
  uint32_t count = alloc(4), size = alloc(4);
  ASSERT_EQ(W(environ_sizes_get)(I(), count, size), SUCCESS);
  EXPECT_EQ(u32(count), 0u);
  makeContext("env=A=1\nenv=B=two=2\nenv=A=3");
  ASSERT_EQ(W(environ_sizes_get)(I(), count, size), SUCCESS);
  ASSERT_EQ(u32(count), 2u);
  uint32_t env = alloc(8), buf = alloc(u32(size));
  ASSERT_EQ(W(environ_get)(I(), env, buf), SUCCESS);
  EXPECT_EQ(str(u32(env), 4), std::string("A=3", 4));
  EXPECT_EQ(str(u32(env + 4), 8), std::string("B=two=2", 8));
  // A line that is no grant continues the value: it held a newline.
  makeContext("env=C=new\nline;x\ninherit-env\nenv=WASI_UNIT_SECRET=granted");
  ASSERT_EQ(W(environ_sizes_get)(I(), count, size), SUCCESS);
  env = alloc(4 * u32(count));
  buf = alloc(u32(size));
  ASSERT_EQ(W(environ_get)(I(), env, buf), SUCCESS);
  EXPECT_EQ(str(u32(env), 13), std::string("C=new\nline;x", 13));
  ASSERT_EQ(W(environ_sizes_get)(I(), count, size), SUCCESS);
  EXPECT_GT(u32(count), 1u);
  unsetenv("WASI_UNIT_SECRET");
}

TEST_F(WasiTest, MalformedGrantsAreErrors) {
  char err[256];
  const char *argv[] = {"p"};
  EXPECT_EQ(wk_wasi_create(1, argv, "bogus", err, sizeof err), nullptr);
  EXPECT_STREQ(err, "invalid grant 'bogus'");
  EXPECT_EQ(wk_wasi_create(1, argv, "dir=/no/such/dir", err, sizeof err),
            nullptr);
}

TEST_F(WasiTest, FdWriteToPipe) {
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  // Hand the pipe over as stdout of a fresh context.
  int saved = dup(1);
  dup2(pipefd[1], 1);
  makeContext("");
  dup2(saved, 1);
  close(saved);
  close(pipefd[1]);
  uint32_t a = put("hello, "), b = put("pipe\n"), iovs = alloc(16),
           n = alloc(4);
  uint32_t la = 7, lb = 5;
  std::memcpy(&bytes[iovs], &a, 4);
  std::memcpy(&bytes[iovs + 4], &la, 4);
  std::memcpy(&bytes[iovs + 8], &b, 4);
  std::memcpy(&bytes[iovs + 12], &lb, 4);
  ASSERT_EQ(W(fd_write)(I(), 1, iovs, 2, n), SUCCESS);
  EXPECT_EQ(u32(n), 12u);
  wk_wasi_destroy(ctx);
  ctx = nullptr;
  char text[32] = {};
  EXPECT_EQ(::read(pipefd[0], text, sizeof text), 12);
  EXPECT_STREQ(text, "hello, pipe\n");
  close(pipefd[0]);
}

TEST_F(WasiTest, BadPointersAreFault) {
  uint32_t n = alloc(4), iovs = alloc(8);
  EXPECT_EQ(W(fd_write)(I(), 1, MemSize - 4, 1, n), FAULT);
  EXPECT_EQ(W(fd_write)(I(), 1, 0xfffffff8u, 1, n), FAULT);
  uint32_t bad = MemSize - 2, len = 16;
  std::memcpy(&bytes[iovs], &bad, 4);
  std::memcpy(&bytes[iovs + 4], &len, 4);
  EXPECT_EQ(W(fd_write)(I(), 1, iovs, 1, n), FAULT);
  uint32_t big = 0xffffffffu;
  std::memcpy(&bytes[iovs], &n, 4);
  std::memcpy(&bytes[iovs + 4], &big, 4);
  EXPECT_EQ(W(fd_read)(I(), 0, iovs, 1, n), FAULT);
  EXPECT_EQ(W(args_get)(I(), MemSize, 0), FAULT);
  EXPECT_EQ(W(args_sizes_get)(I(), MemSize - 2, n), FAULT);
  EXPECT_EQ(W(random_get)(I(), MemSize - 8, 9), FAULT);
  EXPECT_EQ(W(random_get)(I(), 0xffffffffu, 2), FAULT);
  EXPECT_EQ(W(clock_time_get)(I(), 1, 0, MemSize - 4), FAULT);
  EXPECT_EQ(W(fd_fdstat_get)(I(), 1, MemSize - 23), FAULT);
  EXPECT_EQ(W(path_open)(I(), PREOPEN, 0, MemSize - 3, 8, 0, 0, 0, 0, n),
            FAULT);
  uint32_t p = put("file.txt");
  EXPECT_EQ(W(path_open)(I(), PREOPEN, 0, p, 8, 0, 0, 0, 0, MemSize), FAULT);
  EXPECT_EQ(W(fd_readdir)(I(), PREOPEN, MemSize - 10, 100, 0, n), FAULT);
  EXPECT_EQ(W(fd_prestat_dir_name)(I(), PREOPEN, MemSize - 2, 8), FAULT);
  EXPECT_EQ(W(poll_oneoff)(I(), MemSize - 40, 0, 1, n), FAULT);
  // Without any memory at all.
  instance.mem0 = nullptr;
  EXPECT_EQ(W(fd_write)(I(), 1, 0, 0, 0), FAULT);
  instance.mem0 = &memory;
}

TEST_F(WasiTest, NoContextMeansNothingOpen) {
  instance.wasi = nullptr;
  uint32_t n = alloc(4);
  EXPECT_EQ(W(fd_write)(I(), 1, 0, 0, n), BADF);
  EXPECT_EQ(W(args_sizes_get)(I(), n, n), SUCCESS);
  EXPECT_EQ(u32(n), 0u);
  instance.wasi = ctx;
}

TEST_F(WasiTest, Preopen) {
  uint32_t stat = alloc(8), name = alloc(16);
  ASSERT_EQ(W(fd_prestat_get)(I(), PREOPEN, stat), SUCCESS);
  EXPECT_EQ(bytes[stat], 0);
  EXPECT_EQ(u32(stat + 4), 8u);
  ASSERT_EQ(W(fd_prestat_dir_name)(I(), PREOPEN, name, 8), SUCCESS);
  EXPECT_EQ(str(name, 8), "/sandbox");
  EXPECT_EQ(W(fd_prestat_get)(I(), 4, stat), BADF);
  EXPECT_EQ(W(fd_prestat_get)(I(), 1, stat), BADF);
  uint32_t fdstat = alloc(24);
  ASSERT_EQ(W(fd_fdstat_get)(I(), PREOPEN, fdstat), SUCCESS);
  EXPECT_EQ(bytes[fdstat], 3);                 // directory
  EXPECT_EQ(u64(fdstat + 8) & (1u << 2), 0u);  // no fd_seek on directories
  EXPECT_NE(u64(fdstat + 8) & (1u << 13), 0u); // path_open
  // Reopening the preopen with its own rights works; asking to write a
  // directory does not.
  EXPECT_EQ(open(".", 0, static_cast<int64_t>(u64(fdstat + 8))), SUCCESS);
  EXPECT_EQ(open(".", OF_DIRECTORY, 0), SUCCESS);
  EXPECT_EQ(open(".", OF_DIRECTORY, (1 << 1) | (1 << 6)), ISDIR);
}

TEST_F(WasiTest, OpenReadWriteStat) {
  int32_t fd;
  ASSERT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, &fd), SUCCESS);
  EXPECT_EQ(fd, 4);
  std::string text;
  ASSERT_EQ(read(fd, text), SUCCESS);
  EXPECT_EQ(text, "hello");
  uint32_t st = alloc(64);
  ASSERT_EQ(W(fd_filestat_get)(I(), fd, st), SUCCESS);
  EXPECT_EQ(bytes[st + 16], 4); // regular file
  EXPECT_EQ(u64(st + 32), 5u);
  uint32_t pos = alloc(8);
  ASSERT_EQ(W(fd_seek)(I(), fd, -2, 2, pos), SUCCESS);
  EXPECT_EQ(u64(pos), 3u);
  ASSERT_EQ(W(fd_tell)(I(), fd, pos), SUCCESS);
  EXPECT_EQ(u64(pos), 3u);
  EXPECT_EQ(W(fd_seek)(I(), fd, 0, 3, pos), INVAL);
  ASSERT_EQ(W(fd_close)(I(), fd), SUCCESS);
  EXPECT_EQ(W(fd_close)(I(), fd), BADF);

  ASSERT_EQ(open("sub/new.txt", OF_CREAT | OF_EXCL, RIGHTS_ALL, 0, &fd),
            SUCCESS);
  ASSERT_EQ(write(fd, "data"), SUCCESS);
  ASSERT_EQ(W(fd_filestat_set_size)(I(), fd, 2), SUCCESS);
  EXPECT_EQ(readHostFile(box + "/sub/new.txt"), "da");
  EXPECT_EQ(open("sub/new.txt", OF_CREAT | OF_EXCL), EXIST);
  EXPECT_EQ(open("sub", 0, RIGHTS_ALL), ISDIR);
  EXPECT_EQ(open("file.txt", OF_DIRECTORY), NOTDIR);
  EXPECT_EQ(open("missing"), NOENT);
  uint32_t path = put("sub/new.txt");
  ASSERT_EQ(W(path_filestat_get)(I(), PREOPEN, 0, path, 11, st), SUCCESS);
  EXPECT_EQ(u64(st + 32), 2u);
  // A file is not a directory fd.
  EXPECT_EQ(open("x", 0, RIGHTS_ALL, 0, nullptr, fd), NOTDIR);
  ASSERT_EQ(W(path_unlink_file)(I(), PREOPEN, path, 11), SUCCESS);
  uint32_t sub = put("sub");
  EXPECT_EQ(W(path_unlink_file)(I(), PREOPEN, sub, 3), ISDIR);
  ASSERT_EQ(W(path_remove_directory)(I(), PREOPEN, sub, 3), SUCCESS);
  ASSERT_EQ(W(path_create_directory)(I(), PREOPEN, sub, 3), SUCCESS);
  EXPECT_EQ(W(path_create_directory)(I(), PREOPEN, sub, 3), EXIST);
}

TEST_F(WasiTest, Readdir) {
  uint32_t buf = alloc(4096), used = alloc(4);
  ASSERT_EQ(W(fd_readdir)(I(), PREOPEN, buf, 4096, 0, used), SUCCESS);
  std::set<std::string> names;
  std::vector<uint64_t> cookies;
  for (uint32_t p = buf; p < buf + u32(used);) {
    uint32_t len = u32(p + 16);
    names.insert(str(p + 24, len));
    cookies.push_back(u64(p));
    if (str(p + 24, len) == "sub")
      EXPECT_EQ(bytes[p + 20], 3);
    if (str(p + 24, len) == "file.txt")
      EXPECT_EQ(bytes[p + 20], 4);
    p += 24 + len;
  }
  EXPECT_EQ(names, (std::set<std::string>{".", "..", "file.txt", "sub"}));
  ASSERT_EQ(cookies.size(), 4u);
  // Resuming from the first entry's cookie lists the other three.
  ASSERT_EQ(W(fd_readdir)(I(), PREOPEN, buf, 4096, cookies[0], used), SUCCESS);
  unsigned rest = 0;
  for (uint32_t p = buf; p < buf + u32(used); p += 24 + u32(p + 16))
    ++rest;
  EXPECT_EQ(rest, 3u);
  // A buffer too small for one entry is filled completely.
  ASSERT_EQ(W(fd_readdir)(I(), PREOPEN, buf, 20, 0, used), SUCCESS);
  EXPECT_EQ(u32(used), 20u);
  ASSERT_EQ(W(fd_readdir)(I(), PREOPEN, buf, 26, 0, used), SUCCESS);
  EXPECT_EQ(u32(used), 26u);
  int32_t fd;
  ASSERT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, &fd), SUCCESS);
  EXPECT_EQ(W(fd_readdir)(I(), fd, buf, 100, 0, used), NOTCAPABLE);
}

TEST_F(WasiTest, ReadOnlyDirectoryGrant) {
  makeContext("ro-dir=" + box + "::ro");
  const int32_t ro = 4;
  int32_t fd;
  EXPECT_EQ(open("new", OF_CREAT, RIGHTS_ALL, 0, nullptr, ro), NOTCAPABLE);
  EXPECT_EQ(open("file.txt", OF_TRUNC, RIGHTS_ALL, 0, nullptr, ro), NOTCAPABLE);
  ASSERT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, &fd, ro), SUCCESS);
  EXPECT_EQ(write(fd, "x"), NOTCAPABLE);
  std::string text;
  EXPECT_EQ(read(fd, text), SUCCESS);
  uint32_t path = put("file.txt");
  EXPECT_EQ(W(path_unlink_file)(I(), ro, path, 8), NOTCAPABLE);
  EXPECT_EQ(readHostFile(box + "/file.txt"), "hello");
}

TEST_F(WasiTest, RightsOnlyShrink) {
  int32_t fd;
  const int64_t readSeek = (1 << 1) | (1 << 2);
  ASSERT_EQ(open("file.txt", 0, readSeek, 0, &fd), SUCCESS);
  EXPECT_EQ(write(fd, "x"), NOTCAPABLE);
  EXPECT_EQ(W(fd_fdstat_set_rights)(I(), fd, RIGHTS_ALL, 0), NOTCAPABLE);
  ASSERT_EQ(W(fd_fdstat_set_rights)(I(), fd, 1 << 2, 0), SUCCESS);
  std::string text;
  EXPECT_EQ(read(fd, text), NOTCAPABLE);
}

TEST_F(WasiTest, ClocksAndRandom) {
  uint32_t t = alloc(8);
  for (int id = 0; id < 4; ++id) {
    EXPECT_EQ(W(clock_time_get)(I(), id, 1, t), SUCCESS);
    EXPECT_EQ(W(clock_res_get)(I(), id, t), SUCCESS);
    EXPECT_GT(u64(t), 0u);
  }
  EXPECT_EQ(W(clock_time_get)(I(), 4, 1, t), INVAL);
  uint32_t buf = alloc(64);
  EXPECT_EQ(W(random_get)(I(), buf, 64), SUCCESS);
  EXPECT_EQ(W(random_get)(I(), buf, 0), SUCCESS);
  EXPECT_EQ(W(sched_yield)(I()), SUCCESS);
}

TEST_F(WasiTest, PollClockAndFds) {
  // One relative clock of 1 ms and stdout-like pipe write readiness.
  uint32_t subs = alloc(96), events = alloc(64), n = alloc(4);
  std::memset(&bytes[subs], 0, 96);
  uint64_t ud = 42, timeout = 1000000;
  std::memcpy(&bytes[subs], &ud, 8);
  bytes[subs + 8] = 0; // clock
  uint32_t monotonic = 1;
  std::memcpy(&bytes[subs + 16], &monotonic, 4);
  std::memcpy(&bytes[subs + 24], &timeout, 8);
  ASSERT_EQ(W(poll_oneoff)(I(), subs, events, 1, n), SUCCESS);
  ASSERT_EQ(u32(n), 1u);
  EXPECT_EQ(u64(events), 42u);
  EXPECT_EQ(bytes[events + 8], 0);
  // An fd subscription on a forged fd reports BADF in its event.
  uint64_t ud2 = 7;
  std::memcpy(&bytes[subs + 48], &ud2, 8);
  bytes[subs + 56] = 1; // fd_read
  uint32_t forged = 99;
  std::memcpy(&bytes[subs + 64], &forged, 4);
  ASSERT_EQ(W(poll_oneoff)(I(), subs + 48, events, 1, n), SUCCESS);
  ASSERT_EQ(u32(n), 1u);
  EXPECT_EQ(u64(events), 7u);
  EXPECT_EQ(bytes[events + 8], BADF);
  EXPECT_EQ(W(poll_oneoff)(I(), subs, events, 0, n), INVAL);
}

TEST_F(WasiTest, SocketsNeedSockets) {
  EXPECT_EQ(W(sock_shutdown)(I(), PREOPEN, 3), NOTSOCK);
  EXPECT_EQ(W(sock_shutdown)(I(), 77, 3), BADF);
  uint32_t out = alloc(4);
  EXPECT_EQ(W(sock_accept)(I(), PREOPEN, 0, out), NOTSOCK);
}

TEST_F(WasiTest, ResolverAndThunks) {
  wk_import_desc import{};
  import.module = "wasi_snapshot_preview1";
  import.field = "fd_write";
  import.kind = WK_EXTERN_FUNC;
  wk_extern ext;
  ASSERT_EQ(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
  ASSERT_EQ(ext.kind, static_cast<uint32_t>(WK_EXTERN_FUNC));
  const wk_func *func = ext.u.func;
  EXPECT_EQ(func->ctx, nullptr);
  EXPECT_EQ(func->type_id, wk_intern_type("iiii:i"));
  EXPECT_EQ(func->code, reinterpret_cast<void *>(&W(fd_write)));
  // Call through the generic thunk: a bad iovec pointer gives FAULT.
  wk_value io[4] = {};
  io[0].i32 = 1;
  io[1].i32 = static_cast<int32_t>(MemSize);
  io[2].i32 = 1;
  io[3].i32 = 0;
  func->entry(func->code, I(), io);
  EXPECT_EQ(io[0].i32, FAULT);

  import.field = "clock_time_get";
  ASSERT_EQ(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
  EXPECT_EQ(ext.u.func->type_id, wk_intern_type("ili:i"));
  import.field = "proc_exit";
  ASSERT_EQ(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
  EXPECT_EQ(ext.u.func->type_id, wk_intern_type("i:"));
  import.field = "path_open";
  ASSERT_EQ(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
  EXPECT_EQ(ext.u.func->type_id, wk_intern_type("iiiiillii:i"));
  import.field = "no_such_function";
  EXPECT_NE(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
  import.field = "fd_write";
  import.module = "env";
  EXPECT_NE(wk_wasi_resolve_import(nullptr, &import, &ext), 0);
}

} // namespace
