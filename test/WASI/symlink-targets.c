// path_symlink refuses relative targets that lead outside the directory
// from where the link will be (other host programs would follow them),
// judged as the kernel resolves them: ".." lexically from the link's
// directory, through existing symlinks by where they lead, and past a
// missing component lexically; dangling targets inside are allowed.
// Refused links must not exist on the host afterwards.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: rm -rf %t.root && mkdir -p %t.root/box/sub/inner && echo secret > %t.root/outside.txt
// RUN: echo inside > %t.root/box/file.txt
// RUN: ln -s sub/inner %t.root/box/deep && ln -s .. %t.root/box/up
// RUN: ln -s ../outside.txt %t.root/box/rel
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.root/box::/box
// RUN: %t > %t.out
// RUN: FileCheck %s < %t.out
// RUN: cd %t.root/box && find . -type l | sort | tr '\n' ' ' > %t.links
// RUN: test "$(cat %t.links)" = "./deep ./ok1 ./ok4 ./ok5 ./rel ./sub/inner/ok3 ./sub/ok2 ./up "
// RUN: test "$(cat %t.root/outside.txt)" = secret
// RUN: rm -rf %t.root/box/ok* %t.root/box/sub/ok2 %t.root/box/sub/inner/ok3
// RUN: %wasmkiln run --dir=%t.root/box::/box %t.wasm > %t.run.out
// RUN: diff %t.out %t.run.out
//
// CHECK: out ../outside.txt: 76
// CHECK-NEXT: out sub/../../outside.txt: 76
// CHECK-NEXT: out sub/l -> ../../outside.txt: 76
// CHECK-NEXT: out deep/l -> ../../../outside.txt: 76
// CHECK-NEXT: out through up/outside.txt: 76
// CHECK-NEXT: out through rel: 76
// CHECK-NEXT: out missing/../../x: 76
// CHECK-NEXT: out ..: 76
// CHECK-NEXT: in file.txt: 0 reads 'inside'
// CHECK-NEXT: in sub/ok2 -> ../file.txt: 0 reads 'inside'
// CHECK-NEXT: in deep/ok3 -> ../../file.txt: 0 reads 'inside'
// CHECK-NEXT: in deep/../../file.txt: 0 reads 'inside'
// CHECK-NEXT: in dangling missing/../nothing: 0
// CHECK-NEXT: refused link exists: 44 44 44 44 44 44 44 44
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static const __wasi_fd_t box = 3;

#define SHOW(label, expr) printf("%s: %d\n", label, (int)(expr))

// Reads a file through a followed symlink, or returns the errno.
static int read_through(const char *path, char *buf, size_t size) {
  __wasi_fd_t fd;
  int rc = __wasi_path_open(box, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, 0,
                            __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  if (rc)
    return rc;
  __wasi_iovec_t iov = {(uint8_t *)buf, size - 1};
  __wasi_size_t n = 0;
  rc = __wasi_fd_read(fd, &iov, 1, &n);
  __wasi_fd_close(fd);
  buf[n] = 0;
  if (n && buf[n - 1] == '\n')
    buf[n - 1] = 0;
  return rc;
}

static void inside(const char *label, const char *target, const char *link) {
  char buf[64] = "";
  int rc = __wasi_path_symlink(target, box, link);
  read_through(link, buf, sizeof buf);
  printf("in %s: %d reads '%s'\n", label, rc, buf);
}

static int lexists(const char *path) {
  __wasi_filestat_t st;
  return __wasi_path_filestat_get(box, 0, path, &st);
}

int main(void) {
  SHOW("out ../outside.txt", __wasi_path_symlink("../outside.txt", box, "l1"));
  SHOW("out sub/../../outside.txt",
       __wasi_path_symlink("sub/../../outside.txt", box, "l2"));
  SHOW("out sub/l -> ../../outside.txt",
       __wasi_path_symlink("../../outside.txt", box, "sub/l3"));
  // deep is sub/inner: three levels up from there is outside.
  SHOW("out deep/l -> ../../../outside.txt",
       __wasi_path_symlink("../../../outside.txt", box, "deep/l4"));
  SHOW("out through up/outside.txt",
       __wasi_path_symlink("up/outside.txt", box, "l5"));
  SHOW("out through rel", __wasi_path_symlink("rel", box, "l6"));
  SHOW("out missing/../../x", __wasi_path_symlink("missing/../../x", box, "l7"));
  SHOW("out ..", __wasi_path_symlink("..", box, "l8"));
  inside("file.txt", "file.txt", "ok1");
  inside("sub/ok2 -> ../file.txt", "../file.txt", "sub/ok2");
  inside("deep/ok3 -> ../../file.txt", "../../file.txt", "deep/ok3");
  // Lexically deep/../.. is above the box; the kernel goes through
  // sub/inner, so it is file.txt in the box.
  inside("deep/../../file.txt", "deep/../../file.txt", "ok4");
  SHOW("in dangling missing/../nothing",
       __wasi_path_symlink("missing/../nothing", box, "ok5"));
  printf("refused link exists: %d %d %d %d %d %d %d %d\n", lexists("l1"),
         lexists("l2"), lexists("sub/l3"), lexists("deep/l4"), lexists("l5"),
         lexists("l6"), lexists("l7"), lexists("l8"));
  return 0;
}
