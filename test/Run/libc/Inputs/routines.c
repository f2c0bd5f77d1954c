// Differential input for libc-routines.test: wasi-libc's memcpy, memmove
// and memset over every alignment of destination and source, lengths
// around the word and block sizes, overlaps in both directions (memcpy's
// too: in wasm it has a result), and ranges ending exactly at the end of
// memory. Prints a checksum of the buffer after each case. With an
// argument, runs one access that ends a byte past memory (which traps).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void *(*Copy)(void *, const void *, size_t);
typedef void *(*Set)(void *, int, size_t);
// Called through volatile pointers: clang cannot assume anything of them.
static Copy volatile copyFn = memcpy, moveFn = memmove;
static Set volatile setFn = memset;

static unsigned char Buf[4096];
static uint32_t Sum;

static void mix(const unsigned char *P, size_t N) {
  for (size_t I = 0; I < N; ++I)
    Sum = Sum * 31 + P[I];
}

static void fill(uint32_t Seed) {
  for (int I = 0; I < 4096; ++I) {
    Seed = Seed * 1103515245u + 12345u;
    Buf[I] = Seed >> 16;
  }
}

static const size_t Lengths[] = {0,  1,  2,  3,  4,  5,  7,  8,   15,  16,
                                 17, 31, 32, 33, 63, 64, 65, 100, 257, 1000};
enum { NumLengths = sizeof(Lengths) / sizeof(Lengths[0]) };

int main(int Argc, char **Argv) {
  unsigned char *End = (unsigned char *)(__builtin_wasm_memory_size(0) << 16);
  if (Argc > 1) {
    switch (Argv[1][0]) {
    case 'c':
      copyFn(End - 10, Buf, 11);
      break;
    case 'm':
      moveFn(Buf, End - 5, 6);
      break;
    case 's':
      setFn(End - 3, 0, 4);
      break;
    }
    return 0;
  }
  for (int D = 0; D < 16; ++D)
    for (int S = 0; S < 16; ++S)
      for (int L = 0; L < NumLengths; ++L) {
        fill(D * 256 + S * 16 + L);
        copyFn(Buf + 64 + D, Buf + 2048 + S, Lengths[L]);
        setFn(Buf + 3000 + D, 0x1200 + S + L, Lengths[L]);
        mix(Buf, sizeof Buf);
      }
  printf("aligned %u\n", Sum);
  for (int Dist = -70; Dist <= 70; ++Dist)
    for (int L = 0; L < NumLengths; ++L) {
      fill(Dist * 64 + L);
      moveFn(Buf + 1200 + Dist, Buf + 1200, Lengths[L]);
      copyFn(Buf + 2800 + Dist, Buf + 2800, Lengths[L]);
      mix(Buf, sizeof Buf);
    }
  printf("overlapping %u\n", Sum);
  for (size_t K = 0; K <= 64; ++K) {
    fill(K);
    copyFn(End - K, Buf, K);
    mix(End - 64, 64);
    moveFn(End - K, End - 64, K);
    mix(End - 64, 64);
    moveFn(Buf, End - K, K);
    setFn(End - K, (int)K, K);
    mix(End - 64, 64);
    mix(Buf, 64);
  }
  printf("memory end %u\n", Sum);
  return 0;
}
