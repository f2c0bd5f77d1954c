// Minimal WASI preview1 host for the benchmarks compiled with wasm2c: just
// the imports wasi-libc pulls into these programs (args, fd_write to
// stdout/stderr, fdstat, seek, close, proc_exit). wasm2c's generated
// module.h/module.c (built with `wasm2c -n bench`) and wasm-rt-impl.c are
// compiled beside it; the module's memory uses wasm2c's default guard pages.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"
#include "wasm-rt-impl.h"

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *Mem;
  int Argc;
  char **Argv;
};

enum { ErrnoSuccess = 0, ErrnoBadf = 8, ErrnoInval = 28, ErrnoSpipe = 70 };

// Bounds-checked view of guest memory; traps like the guest itself would.
static uint8_t *at(struct Z_wasi_snapshot_preview1_instance_t *W, uint32_t Ptr,
                   uint64_t Len) {
  if ((uint64_t)Ptr + Len > W->Mem->size)
    wasm_rt_trap(WASM_RT_TRAP_OOB);
  return W->Mem->data + Ptr;
}

static void put32(uint8_t *P, uint32_t V) { memcpy(P, &V, 4); }
static uint32_t get32(const uint8_t *P) {
  uint32_t V;
  memcpy(&V, P, 4);
  return V;
}

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 CountPtr, u32 SizePtr) {
  uint32_t Size = 0;
  for (int I = 0; I < W->Argc; ++I)
    Size += (uint32_t)strlen(W->Argv[I]) + 1;
  put32(at(W, CountPtr, 4), (uint32_t)W->Argc);
  put32(at(W, SizePtr, 4), Size);
  return ErrnoSuccess;
}

u32 Z_wasi_snapshot_preview1Z_args_get(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 ArgvPtr, u32 BufPtr) {
  for (int I = 0; I < W->Argc; ++I) {
    uint32_t Len = (uint32_t)strlen(W->Argv[I]) + 1;
    memcpy(at(W, BufPtr, Len), W->Argv[I], Len);
    put32(at(W, ArgvPtr + 4 * (uint32_t)I, 4), BufPtr);
    BufPtr += Len;
  }
  return ErrnoSuccess;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 Fd, u32 Iovs,
    u32 IovsLen, u32 NWrittenPtr) {
  if (Fd != 1 && Fd != 2)
    return ErrnoBadf;
  uint32_t Total = 0;
  for (uint32_t I = 0; I < IovsLen; ++I) {
    const uint8_t *Iov = at(W, Iovs + 8 * I, 8);
    uint32_t Len = get32(Iov + 4);
    const uint8_t *Buf = at(W, get32(Iov), Len);
    for (uint32_t Done = 0; Done < Len;) {
      ssize_t N = write((int)Fd, Buf + Done, Len - Done);
      if (N <= 0)
        return ErrnoInval;
      Done += (uint32_t)N;
    }
    Total += Len;
  }
  put32(at(W, NWrittenPtr, 4), Total);
  return ErrnoSuccess;
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 Fd, u32 StatPtr) {
  if (Fd > 2)
    return ErrnoBadf;
  uint8_t *P = at(W, StatPtr, 24);
  memset(P, 0, 24);
  P[0] = 2; // character device: stdio
  uint64_t Rights = ~0ULL;
  memcpy(P + 8, &Rights, 8);
  memcpy(P + 16, &Rights, 8);
  return ErrnoSuccess;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 Fd, u64 Offset,
    u32 Whence, u32 NewOffsetPtr) {
  (void)W, (void)Fd, (void)Offset, (void)Whence, (void)NewOffsetPtr;
  return ErrnoSpipe;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 Fd) {
  (void)W, (void)Fd;
  return ErrnoSuccess;
}

void Z_wasi_snapshot_preview1Z_proc_exit(
    struct Z_wasi_snapshot_preview1_instance_t *W, u32 Code) {
  (void)W;
  exit((int)Code);
}

int main(int Argc, char **Argv) {
  static Z_bench_instance_t Inst;
  struct Z_wasi_snapshot_preview1_instance_t Wasi = {&Inst.w2c_memory, Argc,
                                                     Argv};
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&Inst, &Wasi);
  wasm_rt_trap_t Trap = wasm_rt_impl_try();
  if (Trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm trap: %s\n", wasm_rt_strerror(Trap));
    return 134;
  }
  Z_benchZ__start(&Inst);
  return 0;
}
