// wasi-threads from C: a program with its own small spawn and join (no
// libc: Debian's wasi-libc has no threads build), built for a shared
// imported memory. Each mode runs %many times (50; 3 under TSan, whose
// runs are slow) or %some (20; 2), compiled and through
// `wasmkiln run`, each run under a timeout (a hang fails):
//   counter  8 threads add to one counter with atomics: the exact total;
//   mutex    8 threads increment a plain counter under a wait/notify mutex;
//   trap     a thread traps: status 134 and the message on stderr;
//   exit     a thread calls proc_exit(42) while main waits: status 42;
//   files    8 threads open, write and close files in a preopen and write
//            lines to stdout at once (the shared fd table): no failure and
//            every line (20 runs);
//   queue    4 producers and 4 consumers pass 40000 numbers through a
//            bounded queue (a wait/notify mutex and two wait/notify
//            sequence words): every number arrives exactly once;
//   grow     4 threads grow the memory page by page while 4 others write
//            and read the last byte below memory.size: no growth is lost
//            (the old sizes returned are distinct, the final size is their
//            total) and no access traps; compiled in both bounds-check
//            modes and through `wasmkiln run`.
//
// RUN: clang-19 --target=wasm32-wasi -O2 -nostdlib -matomics -mbulk-memory \
// RUN:   -Wl,--shared-memory -Wl,--import-memory -Wl,--max-memory=16777216 \
// RUN:   -Wl,--no-entry -Wl,--export=_start -Wl,--export=wasi_thread_start \
// RUN:   %s %S/Inputs/wasi_thread_start.S -o %t.wasm
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %wasmkiln %t.wasm -o %t --dir=%t.dir::/data
// RUN: for i in $(seq %many); do timeout 20 %t counter || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=COUNTER %s
// RUN: for i in $(seq %many); do timeout 20 %t mutex || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=MUTEX %s
// RUN: for i in $(seq %many); do timeout 20 %t trap 2> %t.err; test $? -eq 134 || exit 1; FileCheck -DMANY=%many -DSOME=%some --check-prefix=TRAP %s < %t.err || exit 1; done
// RUN: for i in $(seq %many); do timeout 20 %t exit; test $? -eq 42 || exit 1; done
// RUN: for i in $(seq %many); do timeout 20 %wasmkiln run %t.wasm counter || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=COUNTER %s
// RUN: for i in $(seq %many); do timeout 20 %wasmkiln run %t.wasm mutex || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=MUTEX %s
// RUN: for i in $(seq %many); do timeout 20 %wasmkiln run %t.wasm trap 2> %t.err; test $? -eq 134 || exit 1; FileCheck -DMANY=%many -DSOME=%some --check-prefix=TRAP %s < %t.err || exit 1; done
// RUN: for i in $(seq %many); do timeout 20 %wasmkiln run %t.wasm exit; test $? -eq 42 || exit 1; done
// RUN: for i in $(seq %some); do timeout 20 %t files > %t.files || exit 1; test $(grep -c '^w$' %t.files) -eq 800 || exit 1; tail -n 1 %t.files; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=FILES %s
// RUN: for i in $(seq %some); do timeout 20 %wasmkiln run --dir=%t.dir::/data %t.wasm files > %t.files || exit 1; test $(grep -c '^w$' %t.files) -eq 800 || exit 1; tail -n 1 %t.files; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=FILES %s
// RUN: for i in $(seq %many); do timeout 20 %t queue || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=QUEUE %s
// RUN: for i in $(seq %some); do timeout 20 %wasmkiln run %t.wasm queue || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=QUEUE20 %s
// RUN: %wasmkiln %t.wasm -o %t.explicit --bounds-checks=explicit
// RUN: for i in $(seq %many); do timeout 20 %t grow || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=GROW %s
// RUN: for i in $(seq %many); do timeout 20 %t.explicit grow || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=GROW %s
// RUN: for i in $(seq %some); do timeout 20 %wasmkiln run %t.wasm grow || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=GROW20 %s
// RUN: for i in $(seq %some); do timeout 20 %wasmkiln run --bounds-checks=explicit %t.wasm grow || exit 1; done | sort | uniq -c | FileCheck -DMANY=%many -DSOME=%some --check-prefix=GROW20 %s
//
// COUNTER: [[MANY]] counter 80000
// MUTEX: [[MANY]] mutex 80000
// TRAP: wasm trap: unreachable
// FILES: [[SOME]] files 0
// QUEUE: [[MANY]] queue 40000 0
// QUEUE20: [[SOME]] queue 40000 0
// GROW: [[MANY]] grow 64 0
// GROW20: [[SOME]] grow 64 0
#include <stdint.h>

#define WASI(name)                                                             \
  __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
WASI(fd_write)
int32_t fd_write(int32_t fd, const void *iovs, int32_t n, int32_t *written);
WASI(proc_exit) _Noreturn void proc_exit(int32_t code);
WASI(args_sizes_get) int32_t args_sizes_get(int32_t *argc, int32_t *size);
WASI(args_get) int32_t args_get(char **argv, char *buf);
WASI(path_open)
int32_t path_open(int32_t fd, int32_t dirflags, const char *path, int32_t len,
                  int32_t oflags, int64_t base, int64_t inheriting,
                  int32_t fdflags, int32_t *opened);
WASI(fd_close) int32_t fd_close(int32_t fd);
__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t thread_spawn(void *start_arg);

enum { THREADS = 8, ROUNDS = 10000, STACK = 16384 };

typedef struct thread {
  char *stack_top; /* first: wasi_thread_start.S loads it */
  int32_t tid;
  int32_t done;
  void (*body)(void);
} thread;

static thread threads[THREADS];
static char stacks[THREADS][STACK] __attribute__((aligned(16)));
static int32_t counter, lock, never;

static uint32_t length(const char *s) {
  uint32_t n = 0;
  while (s[n])
    ++n;
  return n;
}

static void put(const char *s) {
  struct { const char *buf; uint32_t len; } iov = {s, length(s)};
  int32_t written;
  fd_write(1, &iov, 1, &written);
}

static void put_number(uint32_t n) {
  char text[12];
  int i = 11;
  text[i] = 0;
  do
    text[--i] = (char)('0' + n % 10);
  while (n /= 10);
  put(text + i);
}

void thread_entry(int32_t tid, thread *self) {
  self->tid = tid;
  self->body();
  __atomic_store_n(&self->done, 1, __ATOMIC_SEQ_CST);
  __builtin_wasm_memory_atomic_notify(&self->done, 1);
}

static void spawn(thread *t, void (*body)(void)) {
  t->stack_top = stacks[t - threads] + STACK;
  t->body = body;
  if (thread_spawn(t) <= 0) {
    put("thread-spawn failed\n");
    proc_exit(2);
  }
}

static void join(thread *t) {
  while (!__atomic_load_n(&t->done, __ATOMIC_SEQ_CST))
    __builtin_wasm_memory_atomic_wait32(&t->done, 0, -1);
}

static void add_atomically(void) {
  for (int i = 0; i < ROUNDS; ++i)
    __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
}

/* 0 free, 1 held, 2 held with waiters. */
static void acquire(void) {
  int32_t seen = 0;
  if (__atomic_compare_exchange_n(&lock, &seen, 1, 0, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST))
    return;
  while (__atomic_exchange_n(&lock, 2, __ATOMIC_SEQ_CST) != 0)
    __builtin_wasm_memory_atomic_wait32(&lock, 2, -1);
}

static void release(void) {
  if (__atomic_exchange_n(&lock, 0, __ATOMIC_SEQ_CST) == 2)
    __builtin_wasm_memory_atomic_notify(&lock, 1);
}

static void add_under_lock(void) {
  for (int i = 0; i < ROUNDS; ++i) {
    acquire();
    *(volatile int32_t *)&counter += 1;
    release();
  }
}

/* Each thread its own file name, from its position in threads[]. */
static int32_t failures, next_file;

static void churn_files(void) {
  char name[2] = {(char)('a' + __atomic_fetch_add(&next_file, 1,
                                                   __ATOMIC_SEQ_CST)),
                  0};
  for (int i = 0; i < 100; ++i) {
    int32_t fd = -1, written = 0;
    /* OF_CREAT | OF_TRUNC, the fd_write right */
    if (path_open(3, 0, name, 1, 1 | 8, 1 << 6, 0, 0, &fd) != 0) {
      __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
      continue;
    }
    struct { const char *buf; uint32_t len; } iov = {"x", 1};
    if (fd_write(fd, &iov, 1, &written) != 0 || written != 1 || fd_close(fd))
      __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
    put("w\n");
  }
}

static void run_files(void) {
  for (int i = 0; i < THREADS; ++i)
    spawn(&threads[i], churn_files);
  for (int i = 0; i < THREADS; ++i)
    join(&threads[i]);
  put("files ");
  put_number((uint32_t)failures);
  put("\n");
}

static void trap(void) { __builtin_trap(); }
static void leave(void) { proc_exit(42); }

static void run_all(const char *name, void (*body)(void)) {
  for (int i = 0; i < THREADS; ++i)
    spawn(&threads[i], body);
  for (int i = 0; i < THREADS; ++i)
    join(&threads[i]);
  int32_t tids_distinct = 1;
  for (int i = 0; i < THREADS; ++i)
    for (int j = 0; j < i; ++j)
      tids_distinct &= threads[i].tid != threads[j].tid && threads[i].tid > 0;
  put(name);
  put(" ");
  put_number((uint32_t)counter);
  put(tids_distinct ? "\n" : " (thread ids not distinct)\n");
}

/* Spawns one thread that ends the process; main waits for that. */
static void end_by_thread(void (*body)(void)) {
  spawn(&threads[0], body);
  __builtin_wasm_memory_atomic_wait32(&never, 0, 10LL * 1000 * 1000 * 1000);
  put("the thread did not end the process\n");
  proc_exit(3);
}

/*---- queue: producers and consumers ----*/

enum { QUEUE_SLOTS = 16, PRODUCERS = 4, ITEMS = PRODUCERS * ROUNDS };

static int32_t queue[QUEUE_SLOTS], queue_head, queue_count;
/* Bumped on every push (pop): a waiter re-checks after any change. */
static int32_t pushed_seq, popped_seq;
static int32_t next_producer;
static uint8_t seen[ITEMS];
static int32_t consumed, duplicates;

/* Waits, the lock held, until *seq changes; returns with the lock held. */
static void wait_for_change(int32_t *seq) {
  int32_t before = __atomic_load_n(seq, __ATOMIC_SEQ_CST);
  release();
  __builtin_wasm_memory_atomic_wait32(seq, before, -1);
  acquire();
}

static void bump(int32_t *seq) {
  __atomic_fetch_add(seq, 1, __ATOMIC_SEQ_CST);
  __builtin_wasm_memory_atomic_notify(seq, 1);
}

static void produce(void) {
  int32_t first =
      __atomic_fetch_add(&next_producer, 1, __ATOMIC_SEQ_CST) * ROUNDS;
  for (int32_t i = 0; i < ROUNDS; ++i) {
    acquire();
    while (queue_count == QUEUE_SLOTS)
      wait_for_change(&popped_seq);
    queue[(queue_head + queue_count) % QUEUE_SLOTS] = first + i;
    ++queue_count;
    bump(&pushed_seq);
    release();
  }
}

static void consume(void) {
  for (int32_t i = 0; i < ROUNDS; ++i) {
    acquire();
    while (queue_count == 0)
      wait_for_change(&pushed_seq);
    int32_t item = queue[queue_head];
    queue_head = (queue_head + 1) % QUEUE_SLOTS;
    --queue_count;
    bump(&popped_seq);
    release();
    if (item < 0 || item >= ITEMS ||
        __atomic_exchange_n(&seen[item], 1, __ATOMIC_SEQ_CST))
      __atomic_fetch_add(&duplicates, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&consumed, 1, __ATOMIC_SEQ_CST);
  }
}

static void run_queue(void) {
  for (int i = 0; i < THREADS; ++i)
    spawn(&threads[i], i < PRODUCERS ? produce : consume);
  for (int i = 0; i < THREADS; ++i)
    join(&threads[i]);
  put("queue ");
  put_number((uint32_t)consumed);
  put(" ");
  put_number((uint32_t)duplicates);
  put("\n");
}

/*---- grow: memory.grow against concurrent growers and accesses ----*/

enum { GROWERS = 4, GROWS = 16, PAGE = 65536 };

static int32_t old_sizes[GROWERS * GROWS], grows_done, grow_errors;

static void grow_pages(void) {
  for (int i = 0; i < GROWS; ++i) {
    int32_t old = (int32_t)__builtin_wasm_memory_grow(0, 1);
    if (old < 0)
      __atomic_fetch_add(&grow_errors, 1, __ATOMIC_SEQ_CST);
    old_sizes[__atomic_fetch_add(&grows_done, 1, __ATOMIC_SEQ_CST)] = old;
  }
}

static int32_t initial_pages;

/* Writes and reads the last byte below the size it sees, in a page another
 * thread may just have added (a trap fails the run), until the growers are
 * done. The initial pages hold the program's data and main's stack. */
static void touch_top(void) {
  for (int32_t round = 0;
       __atomic_load_n(&grows_done, __ATOMIC_SEQ_CST) < GROWERS * GROWS ||
       round < 1000;
       ++round) {
    int32_t pages = (int32_t)__builtin_wasm_memory_size(0);
    if (pages == initial_pages)
      continue;
    volatile uint8_t *byte = (volatile uint8_t *)(uintptr_t)(
        (uint32_t)pages * PAGE - 1);
    *byte = (uint8_t)round;
    (void)*byte;
  }
}

static void run_grow(void) {
  int32_t initial = initial_pages = (int32_t)__builtin_wasm_memory_size(0);
  for (int i = 0; i < THREADS; ++i)
    spawn(&threads[i], i < GROWERS ? grow_pages : touch_top);
  for (int i = 0; i < THREADS; ++i)
    join(&threads[i]);
  /* Each page count from initial on returned exactly once. */
  static uint8_t returned[GROWERS * GROWS];
  for (int i = 0; i < GROWERS * GROWS; ++i) {
    int32_t k = old_sizes[i] - initial;
    if (k < 0 || k >= GROWERS * GROWS || returned[k]++)
      ++grow_errors;
  }
  if ((int32_t)__builtin_wasm_memory_size(0) != initial + GROWERS * GROWS)
    ++grow_errors;
  put("grow ");
  put_number((uint32_t)grows_done);
  put(" ");
  put_number((uint32_t)grow_errors);
  put("\n");
}

static char *argv[4];
static char argbuf[256];

static int same(const char *a, const char *b) {
  while (*a && *a == *b)
    ++a, ++b;
  return *a == *b;
}

void _start(void) {
  int32_t argc = 0, size = 0;
  if (args_sizes_get(&argc, &size) || argc != 2 || size > 256 ||
      args_get(argv, argbuf))
    proc_exit(1);
  const char *mode = argv[1];
  if (same(mode, "counter"))
    run_all("counter", add_atomically);
  else if (same(mode, "mutex"))
    run_all("mutex", add_under_lock);
  else if (same(mode, "trap"))
    end_by_thread(trap);
  else if (same(mode, "exit"))
    end_by_thread(leave);
  else if (same(mode, "files"))
    run_files();
  else if (same(mode, "queue"))
    run_queue();
  else if (same(mode, "grow"))
    run_grow();
  else
    proc_exit(1);
}
