// Clocks, randomness, poll_oneoff, sched_yield, proc_raise, sockets on
// non-sockets, standard streams' fdstat, and guest pointers outside memory
// (FAULT, never a host crash), compiled and through `wasmkiln run`.
//
// RUN: %clang-wasi %s -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.dir
// RUN: echo input | %t > %t.out
// RUN: FileCheck %s < %t.out
// RUN: echo input | %wasmkiln run --dir=%t.dir %t.wasm > %t.run.out
// RUN: diff %t.out %t.run.out
//
// CHECK: clocks: 0 0 0 0 bad 28 monotonic-ok realtime-ok
// CHECK-NEXT: res: 0 0 0 0
// CHECK-NEXT: random: 0 0 differ
// CHECK-NEXT: poll clock: 0 events 1 type 0 elapsed-ok
// CHECK-NEXT: poll stdin: 0 events 1 type 1 error 0 nbytes 6
// CHECK-NEXT: poll stdout: 0 events 1 type 2
// CHECK-NEXT: poll bad: 0 events 1 error 8 nsubs0 28
// CHECK-NEXT: sched_yield 0 proc_raise 52
// CHECK-NEXT: sock: shutdown 57 accept 57 recv 57 send 57 badf 8
// CHECK-NEXT: stdout fdstat: 0 writable
// CHECK-NEXT: fault: 21 21 21 21 21 21
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#pragma clang diagnostic ignored "-Wunused-result"

// Gone from wasi-libc's headers, still in wasi_snapshot_preview1.
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("proc_raise"))) int32_t
raw_proc_raise(int32_t signal);
// wasi-libc's wrapper would strlen() the path itself.
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("path_create_directory"))) int32_t
raw_path_create_directory(int32_t fd, const char *path, int32_t len);

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  __wasi_clock_time_get(id, 1, &t);
  return t;
}

static void clocks(void) {
  __wasi_timestamp_t t[4];
  int rc[4];
  for (int i = 0; i < 4; ++i)
    rc[i] = __wasi_clock_time_get(i, 1, &t[i]);
  __wasi_timestamp_t m2 = now(__WASI_CLOCKID_MONOTONIC);
  printf("clocks: %d %d %d %d bad %d %s %s\n", rc[0], rc[1], rc[2], rc[3],
         __wasi_clock_time_get(9, 1, &t[0]),
         m2 >= t[1] ? "monotonic-ok" : "monotonic-bad",
         t[0] > 1600000000ull * 1000000000ull ? "realtime-ok"
                                              : "realtime-bad");
  for (int i = 0; i < 4; ++i)
    rc[i] = __wasi_clock_res_get(i, &t[i]);
  printf("res: %d %d %d %d\n", rc[0], rc[1], rc[2], rc[3]);
  uint8_t a[32] = {0}, b[32] = {0};
  int r1 = __wasi_random_get(a, sizeof a), r2 = __wasi_random_get(b, sizeof b);
  printf("random: %d %d %s\n", r1, r2,
         memcmp(a, b, sizeof a) ? "differ" : "same");
}

static void poll(void) {
  __wasi_subscription_t sub[2];
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;
  memset(sub, 0, sizeof sub);
  sub[0].userdata = 1;
  sub[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub[0].u.u.clock.timeout = 20000000; // 20 ms
  __wasi_timestamp_t start = now(__WASI_CLOCKID_MONOTONIC);
  int rc = __wasi_poll_oneoff(sub, ev, 1, &n);
  __wasi_timestamp_t elapsed = now(__WASI_CLOCKID_MONOTONIC) - start;
  printf("poll clock: %d events %lu type %d %s\n", rc, n, ev[0].type,
         elapsed >= 20000000 ? "elapsed-ok" : "elapsed-short");
  sub[0].userdata = 2;
  sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  sub[0].u.u.fd_read.file_descriptor = 0;
  // Give the pipe's writer time, then expect stdin readable.
  sub[1].userdata = 3;
  sub[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub[1].u.u.clock.timeout = 5000000000ull;
  rc = __wasi_poll_oneoff(sub, ev, 2, &n);
  printf("poll stdin: %d events %lu type %d error %d nbytes %llu\n", rc, n,
         ev[0].type, ev[0].error,
         (unsigned long long)ev[0].fd_readwrite.nbytes);
  sub[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  sub[0].u.u.fd_write.file_descriptor = 1;
  rc = __wasi_poll_oneoff(sub, ev, 2, &n);
  printf("poll stdout: %d events %lu type %d\n", rc, n, ev[0].type);
  sub[0].u.u.fd_write.file_descriptor = 77;
  rc = __wasi_poll_oneoff(sub, ev, 2, &n);
  printf("poll bad: %d events %lu error %d nsubs0 %d\n", rc, n, ev[0].error,
         __wasi_poll_oneoff(sub, ev, 0, &n));
}

static void misc(void) {
  printf("sched_yield %d proc_raise %d\n", __wasi_sched_yield(),
         raw_proc_raise(10 /* SIGUSR1 */));
  uint8_t buf[4];
  __wasi_iovec_t iov = {buf, sizeof buf};
  __wasi_ciovec_t ciov = {buf, sizeof buf};
  __wasi_size_t n;
  __wasi_roflags_t flags;
  __wasi_fd_t fd;
  printf("sock: shutdown %d accept %d recv %d send %d badf %d\n",
         __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR),
         __wasi_sock_accept(1, 0, &fd),
         __wasi_sock_recv(0, &iov, 1, 0, &n, &flags),
         __wasi_sock_send(1, &ciov, 1, 0, &n),
         __wasi_sock_shutdown(99, __WASI_SDFLAGS_WR));
  __wasi_fdstat_t st;
  int rc = __wasi_fd_fdstat_get(1, &st);
  printf("stdout fdstat: %d %s\n", rc,
         st.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "writable" : "no-write");
}

static void faults(void) {
  // Addresses past the end of memory (the first page beyond its size) and
  // lengths that wrap around 4 GiB.
  unsigned long end = __builtin_wasm_memory_size(0) * 65536ul;
  uint8_t *past = (uint8_t *)end;
  static uint8_t buf[8];
  __wasi_ciovec_t bad_len = {buf, 0xfffffff0u};
  __wasi_size_t n;
  fflush(stdout);
  printf("fault: %d %d %d %d %d %d\n",
         __wasi_fd_write(1, (const __wasi_ciovec_t *)past, 1, &n),
         __wasi_fd_write(1, &bad_len, 1, &n),
         __wasi_random_get(past - 4, 8),
         __wasi_clock_time_get(0, 1, (__wasi_timestamp_t *)(past - 4)),
         __wasi_args_sizes_get((__wasi_size_t *)past, &n),
         raw_path_create_directory(3, (const char *)past - 2, 8));
}

int main(void) {
  clocks();
  poll();
  misc();
  faults();
  return 0;
}
