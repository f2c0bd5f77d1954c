// The escape suite, from inside a wasm program: "..", absolute paths,
// symlinks out (absolute, relative, through a directory link, chains),
// loops, dangling links, hard links, renames and creations aimed outside,
// and forged fd numbers. Each attempt prints the WASI errno it got; the
// host outside the granted directory must be untouched afterwards.
// (Node's WASI follows symlinks out of preopens, so it is no reference.)
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: rm -rf %t.root && mkdir -p %t.root/box/sub && echo secret > %t.root/outside.txt
// RUN: echo inside > %t.root/box/file.txt
// RUN: ln -s %t.root/outside.txt %t.root/box/abs
// RUN: ln -s ../outside.txt %t.root/box/rel
// RUN: ln -s .. %t.root/box/up
// RUN: ln -s rel %t.root/box/chain
// RUN: ln -s loop2 %t.root/box/loop1 && ln -s loop1 %t.root/box/loop2
// RUN: ln -s nowhere %t.root/box/dangling
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.root/box::/box
// RUN: %t > %t.out
// RUN: FileCheck %s < %t.out
// RUN: test "$(cat %t.root/outside.txt)" = secret
// RUN: test "$(ls %t.root | tr '\n' ' ')" = "box outside.txt "
// RUN: %wasmkiln run --dir=%t.root/box::/box %t.wasm > %t.run.out
// RUN: diff %t.out %t.run.out
// RUN: test "$(ls %t.root | tr '\n' ' ')" = "box outside.txt "
//
// CHECK: open ../outside.txt: 76
// CHECK-NEXT: open sub/../../outside.txt: 76
// CHECK-NEXT: open /etc/passwd: 76
// CHECK-NEXT: open /box/file.txt: 76
// CHECK-NEXT: follow abs: 76
// CHECK-NEXT: follow rel: 76
// CHECK-NEXT: follow chain: 76
// CHECK-NEXT: open up/outside.txt: 76
// CHECK-NEXT: nofollow abs: 32
// CHECK-NEXT: follow loop1: 32
// CHECK-NEXT: follow dangling: 44
// CHECK-NEXT: stat abs (follow): 76
// CHECK-NEXT: stat abs (nofollow): 0 type 7
// CHECK-NEXT: create ../made: 76
// CHECK-NEXT: create up/made: 76
// CHECK-NEXT: mkdir ../made: 76
// CHECK-NEXT: symlink ../made: 76
// CHECK-NEXT: symlink to /etc/passwd: 76
// CHECK-NEXT: link file.txt -> ../made: 76
// CHECK-NEXT: link ../outside.txt -> stolen: 76
// CHECK-NEXT: link (follow) rel -> stolen: 76
// CHECK-NEXT: rename file.txt -> ../made: 76
// CHECK-NEXT: rename file.txt -> up/made: 76
// CHECK-NEXT: rename ../outside.txt -> stolen: 76
// CHECK-NEXT: unlink ../outside.txt: 76
// CHECK-NEXT: unlink up/outside.txt: 76
// CHECK-NEXT: rmdir ..: 76
// CHECK-NEXT: readlink up/abs: 76
// CHECK-NEXT: forged fds: 8 8 8 8 8
// CHECK-NEXT: libc fopen ../outside.txt: fail
// CHECK-NEXT: libc fopen /box/rel: fail
// CHECK-NEXT: libc fopen /box/file.txt: inside
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#pragma clang diagnostic ignored "-Wunused-result"

static const __wasi_fd_t box = 3;
static const __wasi_rights_t rights =
    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE;

static int open_at(const char *path, int lookup, int oflags) {
  __wasi_fd_t fd;
  int rc = __wasi_path_open(box, lookup, path, oflags, rights, 0, 0, &fd);
  if (rc == 0)
    __wasi_fd_close(fd);
  return rc;
}

#define SHOW(label, expr) printf("%s: %d\n", label, (int)(expr))

int main(void) {
  const int follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  SHOW("open ../outside.txt", open_at("../outside.txt", 0, 0));
  SHOW("open sub/../../outside.txt", open_at("sub/../../outside.txt", 0, 0));
  SHOW("open /etc/passwd", open_at("/etc/passwd", 0, 0));
  SHOW("open /box/file.txt", open_at("/box/file.txt", 0, 0));
  SHOW("follow abs", open_at("abs", follow, 0));
  SHOW("follow rel", open_at("rel", follow, 0));
  SHOW("follow chain", open_at("chain", follow, 0));
  SHOW("open up/outside.txt", open_at("up/outside.txt", 0, 0));
  SHOW("nofollow abs", open_at("abs", 0, 0));
  SHOW("follow loop1", open_at("loop1", follow, 0));
  SHOW("follow dangling", open_at("dangling", follow, 0));
  __wasi_filestat_t st;
  SHOW("stat abs (follow)", __wasi_path_filestat_get(box, follow, "abs", &st));
  int rc = __wasi_path_filestat_get(box, 0, "abs", &st);
  printf("stat abs (nofollow): %d type %d\n", rc, st.filetype);
  SHOW("create ../made", open_at("../made", 0, __WASI_OFLAGS_CREAT));
  SHOW("create up/made", open_at("up/made", follow, __WASI_OFLAGS_CREAT));
  SHOW("mkdir ../made", __wasi_path_create_directory(box, "../made"));
  SHOW("symlink ../made", __wasi_path_symlink("file.txt", box, "../made"));
  SHOW("symlink to /etc/passwd",
       __wasi_path_symlink("/etc/passwd", box, "pw"));
  SHOW("link file.txt -> ../made",
       __wasi_path_link(box, 0, "file.txt", box, "../made"));
  SHOW("link ../outside.txt -> stolen",
       __wasi_path_link(box, 0, "../outside.txt", box, "stolen"));
  SHOW("link (follow) rel -> stolen",
       __wasi_path_link(box, follow, "rel", box, "stolen"));
  SHOW("rename file.txt -> ../made",
       __wasi_path_rename(box, "file.txt", box, "../made"));
  SHOW("rename file.txt -> up/made",
       __wasi_path_rename(box, "file.txt", box, "up/made"));
  SHOW("rename ../outside.txt -> stolen",
       __wasi_path_rename(box, "../outside.txt", box, "stolen"));
  SHOW("unlink ../outside.txt",
       __wasi_path_unlink_file(box, "../outside.txt"));
  SHOW("unlink up/outside.txt",
       __wasi_path_unlink_file(box, "up/outside.txt"));
  SHOW("rmdir ..", __wasi_path_remove_directory(box, ".."));
  char buf[64];
  __wasi_size_t used;
  SHOW("readlink up/abs",
       __wasi_path_readlink(box, "up/abs", (uint8_t *)buf, sizeof buf, &used));
  __wasi_fdstat_t fst;
  __wasi_fd_t fd;
  printf("forged fds: %d %d %d %d %d\n", __wasi_fd_fdstat_get(4, &fst),
         __wasi_fd_fdstat_get(100000, &fst),
         __wasi_fd_fdstat_get(0xffffffffu, &fst),
         __wasi_path_open(42, 0, "file.txt", 0, rights, 0, 0, &fd),
         __wasi_fd_close(7));
  const char *paths[] = {"/box/../outside.txt", "/box/rel", "/box/file.txt"};
  const char *labels[] = {"../outside.txt", "/box/rel", "/box/file.txt"};
  for (int i = 0; i < 3; ++i) {
    FILE *f = fopen(paths[i], "r");
    char text[16] = "fail";
    if (f) {
      fgets(text, sizeof text, f);
      text[strcspn(text, "\n")] = 0;
      fclose(f);
    }
    printf("libc fopen %s: %s\n", labels[i], text);
  }
  return 0;
}
