// String and memcpy-heavy work: building lines with memcpy appends,
// strlen/strchr/strstr-style scans, memmove shuffles and sorting strings.
// The string routines and the sort are the suite's own (common/), so that
// native and wasm builds run the same code; memcpy and memmove stay.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/sort-callback.h"
#include "common/string-routines.h"

static const char *Words[] = {
    "alpha", "beta", "gamma", "delta",  "epsilon", "zeta",        "eta",
    "theta", "iota", "kappa", "lambda", "mu",      "webassembly", "sandbox"};

static int cmpStr(const void *A, const void *B) {
  return stringCompare(*(char *const *)A, *(char *const *)B);
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 60;
  enum { Lines = 2000, Buf = 1 << 20 };
  char *Text = malloc(Buf), *Copy = malloc(Buf);
  char **Ptrs = malloc(sizeof(char *) * Lines);
  uint32_t S = 99;
  uint64_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    size_t Len = 0;
    for (int L = 0; L < Lines; ++L) {
      Ptrs[L] = Text + Len;
      int NW = 3 + (int)(S % 9);
      for (int W = 0; W < NW; ++W) {
        S = S * 1103515245u + 12345u;
        const char *Wd = Words[(S >> 16) % 14];
        size_t WL = stringLength(Wd);
        memcpy(Text + Len, Wd, WL);
        Len += WL;
        Text[Len++] = ' ';
      }
      Text[Len++] = '\0';
    }
    memcpy(Copy, Text, Len);
    for (int K = 0; K < 50; ++K)
      memmove(Copy + 1 + K, Copy + K * 3, Len / 2);
    sortCallback(Ptrs, Lines, sizeof(char *), cmpStr);
    for (int L = 0; L < Lines; ++L) {
      const char *P = Ptrs[L];
      Check += stringLength(P);
      if (findString(P, "webassembly sandbox"))
        Check += 1000;
      const char *Q = findChar(P, 'z');
      if (Q)
        Check += (uint64_t)(Q - P);
    }
    Check = Check * 7 + (uint8_t)Copy[Len / 3];
    Check ^= (uint64_t)(uint8_t)Ptrs[It % Lines][0] << 8;
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
