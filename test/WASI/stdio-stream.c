// clang-format off
// Standard input, output and error are streams whatever the host connected
// them to: under `>`, `>>` and a pipe (and `<` for stdin) the guest gets no
// seek, tell, pread/pwrite, truncate, allocate, time, advice, sync or flag
// changes (NOTCAPABLE: fd_fdstat_get reports only read, write,
// filestat_get and poll), so it cannot overwrite, empty or grow the host's
// log, and the host's O_APPEND is kept. fd_write and fd_read still work,
// and the rights stay with the stream when it is renumbered.
// `stdio-stream T` attacks fd T and reports on stdout (T = 0, 2) or stderr;
// the granted directory (fd 3) holds the file it renumbers the stream onto.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.d
//
// stdout under `>`, `>>` and a pipe:
// RUN: %t 1 > %t.log 2> %t.err
// RUN: FileCheck --check-prefixes=CHECK,OUT %s < %t.err
// RUN: printf 'first\nsecond\nthird\n' | cmp - %t.log
// RUN: printf 'old log\n' > %t.log2
// RUN: %t 1 >> %t.log2 2> %t.err2
// RUN: FileCheck --check-prefixes=CHECK,OUT,APPEND %s < %t.err2
// RUN: printf 'old log\nfirst\nsecond\nthird\n' | cmp - %t.log2
// RUN: %t 1 2> %t.err3 | cat > %t.pipe
// RUN: FileCheck --check-prefixes=CHECK,OUT %s < %t.err3
// RUN: printf 'first\nsecond\nthird\n' | cmp - %t.pipe
//
// stderr under `>>` and `>`, through `wasmkiln run` as well:
// RUN: printf 'old log\n' > %t.elog
// RUN: %t 2 2>> %t.elog > %t.eout
// RUN: FileCheck --check-prefixes=CHECK,OUT,APPEND %s < %t.eout
// RUN: printf 'old log\nfirst\nsecond\nthird\n' | cmp - %t.elog
// RUN: printf 'old log\n' > %t.elog2
// RUN: %wasmkiln run --dir=%t.d %t.wasm 2 2>> %t.elog2 > %t.eout2
// RUN: diff %t.eout %t.eout2
// RUN: printf 'old log\nfirst\nsecond\nthird\n' | cmp - %t.elog2
// RUN: %wasmkiln run --dir=%t.d %t.wasm 2 2> %t.elog3 | FileCheck --check-prefixes=CHECK,OUT %s
// RUN: printf 'first\nsecond\nthird\n' | cmp - %t.elog3
//
// stdin from a file and from a pipe: read works, the file is unchanged.
// RUN: printf 'input line\n' > %t.in
// RUN: %t 0 < %t.in | FileCheck --check-prefixes=CHECK,IN %s
// RUN: printf 'input line\n' | cmp - %t.in
// RUN: printf 'input line\n' | %wasmkiln run --dir=%t.d %t.wasm 0 | FileCheck --check-prefixes=CHECK,IN %s
//
// CHECK: rights 0x8200042
// APPEND-SAME: append 1
// CHECK-NEXT: seek 76 tell 76 pread 76 pwrite 76 set_size 76 allocate 76
// CHECK-NEXT: set_times 76 advise 76 datasync 76 sync 76 set_flags 76 readdir 76
// APPEND-NEXT: append after 1
// OUT-NEXT: write 0
// IN-NEXT: read 0 'input line'
// CHECK-NEXT: renumbered: pwrite 76 seek 76 set_size 76 rights 0x8200042
// OUT-NEXT: write after renumber 0
// clang-format on
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static __wasi_fd_t report_fd;

static void say(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  int len = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  __wasi_ciovec_t iov = {(const uint8_t *)line, (size_t)len};
  __wasi_size_t n;
  __wasi_fd_write(report_fd, &iov, 1, &n);
}

static int write_str(__wasi_fd_t fd, const char *s) {
  __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
  __wasi_size_t n;
  return __wasi_fd_write(fd, &iov, 1, &n);
}

static void show_fdstat(__wasi_fd_t fd, const char *label) {
  __wasi_fdstat_t st;
  int rc = __wasi_fd_fdstat_get(fd, &st);
  say("%s%d rights %#llx append %d\n", label, rc,
      (unsigned long long)st.fs_rights_base,
      (st.fs_flags & __WASI_FDFLAGS_APPEND) != 0);
}

// Every call that needs more than a stream may do.
static void attack(__wasi_fd_t fd) {
  __wasi_filesize_t pos;
  __wasi_size_t n;
  char buf[8];
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  __wasi_ciovec_t pwned = {(const uint8_t *)"PWNED!\n", 7};
  say("seek %d tell %d pread %d pwrite %d set_size %d allocate %d\n",
      __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos), __wasi_fd_tell(fd, &pos),
      __wasi_fd_pread(fd, &iov, 1, 0, &n),
      __wasi_fd_pwrite(fd, &pwned, 1, 0, &n),
      __wasi_fd_filestat_set_size(fd, 0),
      __wasi_fd_allocate(fd, 0, 1ull << 40));
  uint8_t dirbuf[64];
  say("set_times %d advise %d datasync %d sync %d set_flags %d readdir %d\n",
      __wasi_fd_filestat_set_times(fd, 0, 0,
                                   __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
      __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_DONTNEED),
      __wasi_fd_datasync(fd), __wasi_fd_sync(fd),
      __wasi_fd_fdstat_set_flags(fd, 0),
      __wasi_fd_readdir(fd, dirbuf, sizeof dirbuf, 0, &n));
}

int main(int argc, char **argv) {
  __wasi_fd_t fd = argc > 1 ? (__wasi_fd_t)atoi(argv[1]) : 1;
  report_fd = fd == 1 ? 2 : 1;
  int writing = fd != 0;
  if (writing)
    write_str(fd, "first\n");
  show_fdstat(fd, "fdstat ");
  attack(fd);
  __wasi_fdstat_t st;
  if (__wasi_fd_fdstat_get(fd, &st) == 0 &&
      (st.fs_flags & __WASI_FDFLAGS_APPEND))
    say("append after 1\n");
  if (writing) {
    say("write %d\n", write_str(fd, "second\n"));
  } else {
    char line[64] = "";
    __wasi_iovec_t iov = {(uint8_t *)line, sizeof line - 1};
    __wasi_size_t n = 0;
    int rc = __wasi_fd_read(fd, &iov, 1, &n);
    line[n && line[n - 1] == '\n' ? n - 1 : n] = 0;
    say("read %d '%s'\n", rc, line);
  }
  // Renumbered onto a file of our own, the stream keeps its rights.
  __wasi_fd_t file;
  int rc = __wasi_path_open(3, 0, "own.txt", __WASI_OFLAGS_CREAT, ~0ull, 0, 0,
                            &file);
  if (rc == 0)
    rc = __wasi_fd_renumber(fd, file);
  if (rc)
    say("renumber failed: %d\n", rc);
  __wasi_filesize_t pos;
  __wasi_size_t n;
  __wasi_ciovec_t pwned = {(const uint8_t *)"PWNED!\n", 7};
  int pw = __wasi_fd_pwrite(file, &pwned, 1, 0, &n);
  int sk = __wasi_fd_seek(file, 0, __WASI_WHENCE_SET, &pos);
  int sz = __wasi_fd_filestat_set_size(file, 0);
  __wasi_fd_fdstat_get(file, &st);
  say("renumbered: pwrite %d seek %d set_size %d rights %#llx\n", pw, sk, sz,
      (unsigned long long)st.fs_rights_base);
  if (writing)
    say("write after renumber %d\n", write_str(file, "third\n"));
  return 0;
}
