// Files and directories in a granted directory, through wasi-libc and the
// raw wasi_snapshot_preview1 calls: open/create/exclusive/truncate, read,
// write, pread/pwrite, seek/tell, stat, set_size, fd and path set_times, allocate,
// advise, sync, fdstat flags and rights, readdir with cookies, rename,
// link, symlink/readlink, mkdir/rmdir/unlink, renumber, and their errors.
// The same output compiled and through `wasmkiln run`, and only the granted
// directory changes.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir && echo seed > %t.dir/seed.txt
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.dir::/data
// RUN: %t > %t.out
// RUN: FileCheck %s < %t.out
// RUN: test "$(cat %t.dir/kept.txt)" = "kept"
// RUN: rm -rf %t.dir && mkdir -p %t.dir && echo seed > %t.dir/seed.txt
// RUN: %wasmkiln run --dir=%t.dir::/data %t.wasm > %t.run.out
// RUN: diff %t.out %t.run.out
// RUN: rm -rf %t.dir && mkdir -p %t.dir && echo seed > %t.dir/seed.txt
// RUN: %wasmkiln run --ro-dir=%t.dir::/data %t.wasm readonly | FileCheck --check-prefix=RO %s
// RUN: test ! -e %t.dir/kept.txt
//
// CHECK: seed: seed
// CHECK-NEXT: create: 0 excl: 20
// CHECK-NEXT: write 11, tell 11, pread 'world', size 11
// CHECK-NEXT: pwrite at 0: 'HELLO world'
// CHECK-NEXT: seek end-5: 6, read 'world'
// CHECK-NEXT: set_size 5: 'HELLO' size 5
// CHECK-NEXT: allocate 0 size 100, advise 0, sync 0 0
// CHECK-NEXT: times: 0 mtime 1000000000 atime 2000000000
// CHECK-NEXT: path times: 0 mtime 4000000000 atime 3000000000 conflict 28 missing 44
// CHECK-NEXT: fdstat: type 4 append 0 -> 1 sync-flag 58
// CHECK-NEXT: rights: drop 0 read 76 regain 76
// CHECK-NEXT: mkdir 0 again 20 rmdir-nonempty 55
// CHECK-NEXT: readdir: . .. a b c (5 entries) resumed 4 partial-ok
// CHECK-NEXT: rename 0 old 44 new 'abc'
// CHECK-NEXT: link 0 nlink 2 link-dir 63
// CHECK-NEXT: symlink 0 readlink 'd/a' (3) short 'd/' follow 'abc'
// CHECK-NEXT: unlink 0 unlink-dir 31 rmdir-file 54 rmdir 0
// CHECK-NEXT: renumber 0 old 8 read 'kept'
// CHECK-NEXT: errors: noent 44 notdir 54 isdir 31 badf 8 inval 28
// RO: readonly: create 76 write 76 unlink 76 mkdir 76 read 'seed'
#pragma clang diagnostic ignored "-Wunused-result"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static int dirfd_data; // the preopen, found by name

static int find_preopen(void) {
  for (int fd = 3; fd < 64; ++fd) {
    __wasi_prestat_t st;
    char name[64] = {0};
    if (__wasi_fd_prestat_get(fd, &st) == 0 && st.u.dir.pr_name_len < 64 &&
        __wasi_fd_prestat_dir_name(fd, (uint8_t *)name,
                                   st.u.dir.pr_name_len) == 0 &&
        strcmp(name, "/data") == 0)
      return fd;
  }
  return -1;
}

static int wopen(const char *path, int oflags, __wasi_rights_t rights,
                 __wasi_fdflags_t fdflags, int *out) {
  __wasi_fd_t fd = 0;
  int rc = __wasi_path_open(dirfd_data, 0, path, oflags, rights, rights,
                            fdflags, &fd);
  *out = rc ? -1 : (int)fd;
  return rc;
}

static const char *slurp(const char *path) {
  static char buf[64];
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
  buf[n] = 0;
  if (n && buf[n - 1] == '\n')
    buf[n - 1] = 0;
  if (f)
    fclose(f);
  return buf;
}

static void files(void) {
  printf("seed: %s\n", slurp("/data/seed.txt"));
  int fd;
  const __wasi_rights_t all = ~(__wasi_rights_t)0 >> 34;
  int rc = wopen("f.txt", __WASI_OFLAGS_CREAT, all, 0, &fd);
  int tmp;
  printf("create: %d excl: %d\n", rc,
         wopen("f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, all, 0,
               &tmp));
  __wasi_ciovec_t out = {(const uint8_t *)"hello world", 11};
  __wasi_size_t n;
  __wasi_fd_write(fd, &out, 1, &n);
  __wasi_filesize_t pos;
  __wasi_fd_tell(fd, &pos);
  char buf[32] = {0};
  __wasi_iovec_t in = {(uint8_t *)buf, 5};
  __wasi_size_t got;
  __wasi_fd_pread(fd, &in, 1, 6, &got);
  __wasi_filestat_t st;
  __wasi_fd_filestat_get(fd, &st);
  printf("write %u, tell %llu, pread '%.*s', size %llu\n", n,
         (unsigned long long)pos, (int)got, buf, (unsigned long long)st.size);
  __wasi_ciovec_t up = {(const uint8_t *)"HELLO", 5};
  __wasi_fd_pwrite(fd, &up, 1, 0, &n);
  in.buf_len = 11;
  __wasi_fd_pread(fd, &in, 1, 0, &got);
  printf("pwrite at 0: '%.*s'\n", (int)got, buf);
  __wasi_fd_seek(fd, -5, __WASI_WHENCE_END, &pos);
  in.buf_len = 5;
  __wasi_fd_read(fd, &in, 1, &got);
  printf("seek end-5: %llu, read '%.*s'\n", (unsigned long long)pos,
         (int)got, buf);
  __wasi_fd_filestat_set_size(fd, 5);
  in.buf_len = 32;
  __wasi_fd_pread(fd, &in, 1, 0, &got);
  __wasi_fd_filestat_get(fd, &st);
  printf("set_size 5: '%.*s' size %llu\n", (int)got, buf,
         (unsigned long long)st.size);
  int a = __wasi_fd_allocate(fd, 0, 100);
  __wasi_fd_filestat_get(fd, &st);
  printf("allocate %d size %llu, advise %d, sync %d %d\n", a,
         (unsigned long long)st.size,
         __wasi_fd_advise(fd, 0, 10, __WASI_ADVICE_SEQUENTIAL),
         __wasi_fd_sync(fd), __wasi_fd_datasync(fd));
  rc = __wasi_fd_filestat_set_times(fd, 2000000000ull, 1000000000ull,
                                    __WASI_FSTFLAGS_ATIM |
                                        __WASI_FSTFLAGS_MTIM);
  __wasi_fd_filestat_get(fd, &st);
  printf("times: %d mtime %llu atime %llu\n", rc,
         (unsigned long long)st.mtim, (unsigned long long)st.atim);
  rc = __wasi_path_filestat_set_times(dirfd_data, 0, "f.txt", 3000000000ull,
                                      4000000000ull,
                                      __WASI_FSTFLAGS_ATIM |
                                          __WASI_FSTFLAGS_MTIM);
  __wasi_filestat_t pst;
  __wasi_path_filestat_get(dirfd_data, 0, "f.txt", &pst);
  printf("path times: %d mtime %llu atime %llu conflict %d missing %d\n", rc,
         (unsigned long long)pst.mtim, (unsigned long long)pst.atim,
         __wasi_path_filestat_set_times(
             dirfd_data, 0, "f.txt", 0, 0,
             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
         __wasi_path_filestat_set_times(dirfd_data, 0, "nope.txt", 0, 0,
                                        __WASI_FSTFLAGS_MTIM_NOW));
  __wasi_fdstat_t fst;
  __wasi_fd_fdstat_get(fd, &fst);
  int before = fst.fs_flags & __WASI_FDFLAGS_APPEND;
  __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND);
  __wasi_fd_fdstat_get(fd, &fst);
  printf("fdstat: type %d append %d -> %d sync-flag %d\n", fst.fs_filetype,
         before, fst.fs_flags & __WASI_FDFLAGS_APPEND,
         __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC));
  int drop = __wasi_fd_fdstat_set_rights(
      fd, fst.fs_rights_base & ~__WASI_RIGHTS_FD_READ, 0);
  printf("rights: drop %d read %d regain %d\n", drop,
         __wasi_fd_read(fd, &in, 1, &got),
         __wasi_fd_fdstat_set_rights(fd, fst.fs_rights_base, 0));
  __wasi_fd_close(fd);
}

static void directories(void) {
  int m = mkdir("/data/d", 0755);
  int again = mkdir("/data/d", 0755) ? errno : 0;
  for (const char *name = "abc"; *name; ++name) {
    char path[16];
    snprintf(path, sizeof path, "/data/d/%c", *name);
    fclose(fopen(path, "w"));
  }
  int nonempty = __wasi_path_remove_directory(dirfd_data, "d");
  printf("mkdir %d again %d rmdir-nonempty %d\n", m, again, nonempty);
  // Raw readdir: collect names sorted by the order the host gives, then
  // print them sorted.
  int dfd;
  wopen("d", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &dfd);
  uint8_t buf[1024];
  __wasi_size_t used;
  __wasi_fd_readdir(dfd, buf, sizeof buf, 0, &used);
  char names[8][8];
  int count = 0;
  __wasi_dircookie_t second = 0;
  for (size_t off = 0; off < used && count < 8;) {
    __wasi_dirent_t ent;
    memcpy(&ent, buf + off, sizeof ent);
    snprintf(names[count], 8, "%.*s", (int)ent.d_namlen,
             buf + off + sizeof ent);
    if (count == 0)
      second = ent.d_next;
    ++count;
    off += sizeof ent + ent.d_namlen;
  }
  qsort(names, count, 8, (int (*)(const void *, const void *))strcmp);
  printf("readdir:");
  for (int i = 0; i < count; ++i)
    printf(" %s", names[i]);
  __wasi_fd_readdir(dfd, buf, sizeof buf, second, &used);
  int resumed = 0;
  for (size_t off = 0; off < used; ++resumed) {
    __wasi_dirent_t ent;
    memcpy(&ent, buf + off, sizeof ent);
    off += sizeof ent + ent.d_namlen;
  }
  __wasi_fd_readdir(dfd, buf, 30, 0, &used);
  printf(" (%d entries) resumed %d %s\n", count, resumed,
         used == 30 ? "partial-ok" : "partial-bad");
  __wasi_fd_close(dfd);
}

static void links(void) {
  int rc = __wasi_path_rename(dirfd_data, "f.txt", dirfd_data, "d/abc");
  printf("rename %d old %d new '%s'\n", rc, access("/data/f.txt", F_OK) ? errno : 0,
         slurp("/data/d/abc") + 0 ? "abc" : "?");
  rc = __wasi_path_link(dirfd_data, 0, "d/abc", dirfd_data, "d/hard");
  struct stat st;
  stat("/data/d/hard", &st);
  printf("link %d nlink %d link-dir %d\n", rc, (int)st.st_nlink,
         __wasi_path_link(dirfd_data, 0, "d", dirfd_data, "dlink"));
  rc = __wasi_path_symlink("d/a", dirfd_data, "sym");
  char target[16] = {0};
  __wasi_size_t used;
  __wasi_path_readlink(dirfd_data, "sym", (uint8_t *)target, sizeof target,
                       &used);
  char shorter[4] = {0};
  __wasi_size_t short_used;
  __wasi_path_readlink(dirfd_data, "sym", (uint8_t *)shorter, 2,
                       &short_used);
  __wasi_path_symlink("abc", dirfd_data, "d/tolink");
  int fd;
  wopen("d/tolink", 0, __WASI_RIGHTS_FD_READ, 0, &fd);
  __wasi_fd_close(fd);
  __wasi_fd_t followed;
  int frc = __wasi_path_open(dirfd_data, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                             "d/tolink", 0, __WASI_RIGHTS_FD_READ, 0, 0,
                             &followed);
  printf("symlink %d readlink '%.*s' (%u) short '%.*s' follow '%s'\n", rc,
         (int)used, target, used, (int)short_used, shorter,
         frc == 0 ? "abc" : "failed");
  int u = __wasi_path_unlink_file(dirfd_data, "sym");
  int udir = __wasi_path_unlink_file(dirfd_data, "d");
  int rfile = __wasi_path_remove_directory(dirfd_data, "d/abc");
  const char *rm[] = {"d/a", "d/b", "d/c", "d/abc", "d/hard", "d/tolink"};
  for (int i = 0; i < 6; ++i)
    __wasi_path_unlink_file(dirfd_data, rm[i]);
  printf("unlink %d unlink-dir %d rmdir-file %d rmdir %d\n", u, udir, rfile,
         __wasi_path_remove_directory(dirfd_data, "d"));
}

static void renumber(void) {
  FILE *f = fopen("/data/kept.txt", "w");
  fputs("kept", f);
  fclose(f);
  int a, b;
  wopen("kept.txt", 0, __WASI_RIGHTS_FD_READ, 0, &a);
  wopen("seed.txt", 0, __WASI_RIGHTS_FD_READ, 0, &b);
  int rc = __wasi_fd_renumber(a, b);
  char buf[8] = {0};
  __wasi_iovec_t in = {(uint8_t *)buf, 4};
  __wasi_size_t got;
  int old = __wasi_fd_read(a, &in, 1, &got);
  __wasi_fd_read(b, &in, 1, &got);
  printf("renumber %d old %d read '%s'\n", rc, old, buf);
  __wasi_fd_close(b);
}

static void errors(void) {
  int fd;
  int noent = wopen("missing", 0, __WASI_RIGHTS_FD_READ, 0, &fd);
  int notdir = wopen("seed.txt/x", 0, __WASI_RIGHTS_FD_READ, 0, &fd);
  __wasi_path_create_directory(dirfd_data, "e");
  int isdir = wopen("e", 0, __WASI_RIGHTS_FD_WRITE, 0, &fd);
  __wasi_path_remove_directory(dirfd_data, "e");
  __wasi_filesize_t pos;
  int badf = __wasi_fd_seek(1234, 0, __WASI_WHENCE_SET, &pos);
  wopen("seed.txt", 0, __WASI_RIGHTS_FD_SEEK, 0, &fd);
  int inval = __wasi_fd_seek(fd, -100, __WASI_WHENCE_SET, &pos);
  printf("errors: noent %d notdir %d isdir %d badf %d inval %d\n", noent,
         notdir, isdir, badf, inval);
}

static void readonly(void) {
  int fd;
  int create = wopen("new", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0,
                     &fd);
  wopen("seed.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0,
        &fd);
  __wasi_ciovec_t out = {(const uint8_t *)"x", 1};
  __wasi_size_t n;
  int write = __wasi_fd_write(fd, &out, 1, &n);
  printf("readonly: create %d write %d unlink %d mkdir %d read '%s'\n",
         create, write, __wasi_path_unlink_file(dirfd_data, "seed.txt"),
         __wasi_path_create_directory(dirfd_data, "x"),
         slurp("/data/seed.txt"));
}

int main(int argc, char **argv) {
  dirfd_data = find_preopen();
  if (dirfd_data < 0) {
    puts("no /data preopen");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], "readonly") == 0) {
    readonly();
    return 0;
  }
  files();
  directories();
  links();
  renumber();
  errors();
  return 0;
}
