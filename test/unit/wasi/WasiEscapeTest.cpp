//===- WasiEscapeTest.cpp - The sandbox cannot be left --------------------===//
//
// Every way out of a preopened directory: "..", absolute paths, symlinks
// (absolute, relative, to a directory outside, chains, loops, dangling),
// hard links, renames and creations aimed outside, and forged fd numbers.
// Each must fail with the right errno and leave the host untouched.
//
//===----------------------------------------------------------------------===//

#include "WasiFixture.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace wasitest;

namespace {

class EscapeTest : public WasiTest {
protected:
  void SetUp() override {
    WasiTest::SetUp();
    // Planted by the host, as if an attacker had prepared the directory.
    ASSERT_EQ(symlink((root + "/outside.txt").c_str(), (box + "/abs").c_str()),
              0);
    ASSERT_EQ(symlink("../outside.txt", (box + "/rel").c_str()), 0);
    ASSERT_EQ(symlink("..", (box + "/up").c_str()), 0);
    ASSERT_EQ(symlink("sub/../../box/file.txt", (box + "/around").c_str()), 0);
    ASSERT_EQ(symlink("chain2", (box + "/chain1").c_str()), 0);
    ASSERT_EQ(symlink("sub/chain3", (box + "/chain2").c_str()), 0);
    ASSERT_EQ(symlink("../file.txt", (box + "/sub/chain3").c_str()), 0);
    ASSERT_EQ(symlink("bad2", (box + "/bad1").c_str()), 0);
    ASSERT_EQ(symlink("rel", (box + "/bad2").c_str()), 0);
    ASSERT_EQ(symlink("loop2", (box + "/loop1").c_str()), 0);
    ASSERT_EQ(symlink("loop1", (box + "/loop2").c_str()), 0);
    ASSERT_EQ(symlink("self", (box + "/self").c_str()), 0);
    ASSERT_EQ(symlink("nowhere", (box + "/dangling").c_str()), 0);
  }
  void TearDown() override {
    expectHostUntouched();
    WasiTest::TearDown();
  }
  int32_t follow(const std::string &path, int32_t oflags = 0) {
    return open(path, oflags, RIGHTS_ALL, 1);
  }
  int32_t stat(const std::string &path, int32_t lookup, uint8_t *type) {
    uint32_t p = put(path), st = alloc(64);
    int32_t rc = W(path_filestat_get)(I(), PREOPEN, lookup, p,
                                      static_cast<int32_t>(path.size()), st);
    *type = bytes[st + 16];
    return rc;
  }
  int32_t mkdirAt(const std::string &path) {
    return W(path_create_directory)(I(), PREOPEN, put(path),
                                    static_cast<int32_t>(path.size()));
  }
};

TEST_F(EscapeTest, DotDot) {
  EXPECT_EQ(open(".."), NOTCAPABLE);
  EXPECT_EQ(open("../outside.txt"), NOTCAPABLE);
  EXPECT_EQ(open("sub/../../outside.txt"), NOTCAPABLE);
  EXPECT_EQ(open("sub/../../box/file.txt"), NOTCAPABLE);
  EXPECT_EQ(open("./sub/./../file.txt"), SUCCESS);
  EXPECT_EQ(open("sub/..", OF_DIRECTORY, DirRights), SUCCESS);
  // ".." is relative to the fd used, even for a subdirectory fd.
  int32_t sub;
  ASSERT_EQ(open("sub", OF_DIRECTORY, DirRights, 0, &sub), SUCCESS);
  EXPECT_EQ(open("../file.txt", 0, RIGHTS_ALL, 0, nullptr, sub), NOTCAPABLE);
}

TEST_F(EscapeTest, AbsolutePaths) {
  EXPECT_EQ(open("/"), NOTCAPABLE);
  EXPECT_EQ(open("/etc/passwd"), NOTCAPABLE);
  EXPECT_EQ(open(root + "/outside.txt"), NOTCAPABLE);
  EXPECT_EQ(open(box + "/file.txt"), NOTCAPABLE);
  EXPECT_EQ(open("/sandbox/file.txt"), NOTCAPABLE);
}

TEST_F(EscapeTest, SymlinksOut) {
  EXPECT_EQ(follow("abs"), NOTCAPABLE);
  EXPECT_EQ(follow("rel"), NOTCAPABLE);
  EXPECT_EQ(follow("up/outside.txt"), NOTCAPABLE);
  EXPECT_EQ(open("up/outside.txt"), NOTCAPABLE); // intermediate: followed
  EXPECT_EQ(follow("around"), NOTCAPABLE);
  EXPECT_EQ(follow("bad1"), NOTCAPABLE); // a chain ending outside
  // Not following: the link itself can't be opened as a file.
  EXPECT_EQ(open("abs"), LOOP);
  EXPECT_EQ(open("rel"), LOOP);
  uint8_t type;
  EXPECT_EQ(stat("abs", 1, &type), NOTCAPABLE);
  ASSERT_EQ(stat("abs", 0, &type), SUCCESS);
  EXPECT_EQ(type, 7); // the symlink itself
}

TEST_F(EscapeTest, SymlinksInside) {
  int32_t fd;
  ASSERT_EQ(open("chain1", 0, RIGHTS_ALL, 1, &fd), SUCCESS);
  std::string text;
  ASSERT_EQ(read(fd, text), SUCCESS);
  EXPECT_EQ(text, "hello");
  ASSERT_EQ(symlink("sub", (box + "/subl").c_str()), 0);
  EXPECT_EQ(open("subl/../file.txt"), SUCCESS);
  uint8_t type;
  ASSERT_EQ(stat("subl", 1, &type), SUCCESS);
  EXPECT_EQ(type, 3);
}

TEST_F(EscapeTest, LoopsAndDangling) {
  EXPECT_EQ(follow("loop1"), LOOP);
  EXPECT_EQ(follow("self"), LOOP);
  EXPECT_EQ(open("self/x"), LOOP);
  EXPECT_EQ(follow("dangling"), NOENT);
  EXPECT_EQ(open("dangling"), LOOP);
  uint8_t type;
  EXPECT_EQ(stat("dangling", 1, &type), NOENT);
  // Creating through a dangling link creates its target inside the box.
  int32_t fd;
  ASSERT_EQ(open("dangling", OF_CREAT, RIGHTS_ALL, 1, &fd), SUCCESS);
  EXPECT_EQ(access((box + "/nowhere").c_str(), F_OK), 0);
}

TEST_F(EscapeTest, HardLinksOut) {
  uint32_t file = put("file.txt"), out = put("../hl"), abs = put("abs"),
           rel = put("rel"), in = put("hl");
  EXPECT_EQ(W(path_link)(I(), PREOPEN, 0, file, 8, PREOPEN, out, 5),
            NOTCAPABLE);
  uint32_t outside = put("../outside.txt");
  EXPECT_EQ(W(path_link)(I(), PREOPEN, 0, outside, 14, PREOPEN, in, 2),
            NOTCAPABLE);
  EXPECT_EQ(W(path_link)(I(), PREOPEN, 1, abs, 3, PREOPEN, in, 2), NOTCAPABLE);
  EXPECT_EQ(W(path_link)(I(), PREOPEN, 1, rel, 3, PREOPEN, in, 2), NOTCAPABLE);
  uint32_t upl = put("up/hl");
  EXPECT_EQ(W(path_link)(I(), PREOPEN, 0, file, 8, PREOPEN, upl, 5),
            NOTCAPABLE);
  // Without following, the link to the symlink stays a symlink: harmless.
  ASSERT_EQ(W(path_link)(I(), PREOPEN, 0, abs, 3, PREOPEN, in, 2), SUCCESS);
  EXPECT_EQ(follow("hl"), NOTCAPABLE);
  struct stat st;
  ASSERT_EQ(lstat((box + "/hl").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST_F(EscapeTest, RenamesOut) {
  uint32_t file = put("file.txt"), out = put("../moved"), upm = put("up/moved"),
           outside = put("../outside.txt"), in = put("stolen");
  EXPECT_EQ(W(path_rename)(I(), PREOPEN, file, 8, PREOPEN, out, 8), NOTCAPABLE);
  EXPECT_EQ(W(path_rename)(I(), PREOPEN, file, 8, PREOPEN, upm, 8), NOTCAPABLE);
  EXPECT_EQ(W(path_rename)(I(), PREOPEN, outside, 14, PREOPEN, in, 6),
            NOTCAPABLE);
  EXPECT_EQ(readHostFile(box + "/file.txt"), "hello");
  // Renaming the symlink itself is fine and still leads nowhere.
  uint32_t rel = put("rel");
  ASSERT_EQ(W(path_rename)(I(), PREOPEN, rel, 3, PREOPEN, in, 6), SUCCESS);
  EXPECT_EQ(follow("stolen"), NOTCAPABLE);
}

TEST_F(EscapeTest, CreationsOut) {
  EXPECT_EQ(open("../created", OF_CREAT), NOTCAPABLE);
  EXPECT_EQ(open("up/created", OF_CREAT), NOTCAPABLE);
  EXPECT_EQ(follow("up/created", OF_CREAT), NOTCAPABLE);
  EXPECT_EQ(mkdirAt("../newdir"), NOTCAPABLE);
  EXPECT_EQ(mkdirAt("up/newdir"), NOTCAPABLE);
  uint32_t target = put("file.txt"), out = put("../lnk"), upl = put("up/lnk");
  EXPECT_EQ(W(path_symlink)(I(), target, 8, PREOPEN, out, 6), NOTCAPABLE);
  EXPECT_EQ(W(path_symlink)(I(), target, 8, PREOPEN, upl, 6), NOTCAPABLE);
  // Absolute targets are refused outright.
  uint32_t abs = put("/etc/passwd"), name = put("newlink");
  EXPECT_EQ(W(path_symlink)(I(), abs, 11, PREOPEN, name, 7), NOTCAPABLE);
  // So are relative targets that lead outside from where the link would
  // be: other host programs would follow them.
  uint32_t dots = put("../outside.txt");
  EXPECT_EQ(W(path_symlink)(I(), dots, 14, PREOPEN, name, 7), NOTCAPABLE);
  EXPECT_EQ(follow("newlink"), NOENT);
  // Inside, even dangling, they are fine.
  uint32_t missing = put("sub/../missing");
  ASSERT_EQ(W(path_symlink)(I(), missing, 14, PREOPEN, name, 7), SUCCESS);
  EXPECT_EQ(follow("newlink"), NOENT);
}

TEST_F(EscapeTest, RemovalsOut) {
  uint32_t outside = put("../outside.txt"), up = put("up/outside.txt"),
           dotdot = put(".."), upbox = put("up/box");
  EXPECT_EQ(W(path_unlink_file)(I(), PREOPEN, outside, 14), NOTCAPABLE);
  EXPECT_EQ(W(path_unlink_file)(I(), PREOPEN, up, 14), NOTCAPABLE);
  EXPECT_EQ(W(path_remove_directory)(I(), PREOPEN, dotdot, 2), NOTCAPABLE);
  EXPECT_EQ(W(path_remove_directory)(I(), PREOPEN, upbox, 6), NOTCAPABLE);
  uint32_t times = put("up/outside.txt");
  EXPECT_EQ(W(path_filestat_set_times)(I(), PREOPEN, 0, times, 14, 0, 0, 10),
            NOTCAPABLE);
  uint32_t buf = alloc(64), used = alloc(4);
  EXPECT_EQ(W(path_readlink)(I(), PREOPEN, up, 14, buf, 64, used), NOTCAPABLE);
}

TEST_F(EscapeTest, ForgedFdNumbers) {
  std::string text;
  EXPECT_EQ(read(4, text), BADF);
  EXPECT_EQ(read(-1, text), BADF);
  EXPECT_EQ(read(0x7fffffff, text), BADF);
  EXPECT_EQ(write(100, "x"), BADF);
  EXPECT_EQ(W(fd_close)(I(), 999), BADF);
  EXPECT_EQ(W(fd_renumber)(I(), PREOPEN, 77), BADF);
  EXPECT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, nullptr, 5), BADF);
  EXPECT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, nullptr, -3), BADF);
  // A closed fd stays closed; its number is reused only by a new open.
  int32_t fd;
  ASSERT_EQ(open("sub", OF_DIRECTORY, DirRights, 0, &fd), SUCCESS);
  ASSERT_EQ(W(fd_close)(I(), fd), SUCCESS);
  EXPECT_EQ(open("file.txt", 0, RIGHTS_ALL, 0, nullptr, fd), BADF);
  // A host fd number that exists in this process is not a guest fd.
  int host = ::open(root.c_str(), O_RDONLY);
  ASSERT_GE(host, 0);
  EXPECT_EQ(open("outside.txt", 0, RIGHTS_ALL, 0, nullptr, host + 1000), BADF);
  EXPECT_EQ(read(host, text), BADF);
  ::close(host);
  // The preopen has no read right on itself.
  EXPECT_EQ(read(PREOPEN, text), NOTCAPABLE);
  // Renumbering over a preopen closes it; nothing is reachable via it.
  ASSERT_EQ(open("sub", OF_DIRECTORY, DirRights, 0, &fd), SUCCESS);
  ASSERT_EQ(W(fd_renumber)(I(), fd, PREOPEN), SUCCESS);
  EXPECT_EQ(open("../file.txt"), NOTCAPABLE);
  EXPECT_EQ(open("chain3"), LOOP);
}

TEST_F(EscapeTest, InterestingPaths) {
  EXPECT_EQ(open(""), NOENT);
  EXPECT_EQ(open(std::string("file.txt\0", 9)), INVAL);
  EXPECT_EQ(open("file.txt/"), NOTDIR);
  EXPECT_EQ(open("file.txt///"), NOTDIR);
  EXPECT_EQ(open("sub/", OF_DIRECTORY, DirRights), SUCCESS);
  EXPECT_EQ(open("sub//..//file.txt"), SUCCESS);
  EXPECT_EQ(open("up/"), NOTCAPABLE);
  // Trailing slashes: the name must be a directory, and the slash never
  // reaches the kernel (which would follow a symlink there).
  uint32_t fileSlash = put("file.txt/"), newSlash = put("new/"),
           subSlash = put("sub/"), moved = put("moved/"),
           file = put("file.txt");
  EXPECT_EQ(W(path_unlink_file)(I(), PREOPEN, fileSlash, 9), NOTDIR);
  EXPECT_EQ(W(path_symlink)(I(), file, 8, PREOPEN, newSlash, 4), NOENT);
  EXPECT_EQ(W(path_symlink)(I(), file, 8, PREOPEN, subSlash, 4), EXIST);
  EXPECT_EQ(W(path_rename)(I(), PREOPEN, file, 8, PREOPEN, newSlash, 4),
            NOTDIR);
  EXPECT_EQ(W(path_rename)(I(), PREOPEN, subSlash, 4, PREOPEN, moved, 6),
            SUCCESS);
  EXPECT_EQ(open("moved/", OF_DIRECTORY, DirRights), SUCCESS);
  EXPECT_EQ(open("moved/", OF_CREAT), ISDIR);
  EXPECT_EQ(open("abs/"), NOTCAPABLE);
}

} // namespace
