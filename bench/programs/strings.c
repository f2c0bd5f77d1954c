// String and memcpy-heavy work: building lines with memcpy/strcat-style
// appends, strlen/strchr/strstr scans, memmove shuffles and memcmp sorting.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *Words[] = {
    "alpha", "beta", "gamma", "delta",  "epsilon", "zeta",        "eta",
    "theta", "iota", "kappa", "lambda", "mu",      "webassembly", "sandbox"};

static int cmpStr(const void *A, const void *B) {
  return strcmp(*(char *const *)A, *(char *const *)B);
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
        size_t WL = strlen(Wd);
        memcpy(Text + Len, Wd, WL);
        Len += WL;
        Text[Len++] = ' ';
      }
      Text[Len++] = '\0';
    }
    memcpy(Copy, Text, Len);
    for (int K = 0; K < 50; ++K)
      memmove(Copy + 1 + K, Copy + K * 3, Len / 2);
    qsort(Ptrs, Lines, sizeof(char *), cmpStr);
    for (int L = 0; L < Lines; ++L) {
      const char *P = Ptrs[L];
      Check += strlen(P);
      if (strstr(P, "webassembly sandbox"))
        Check += 1000;
      const char *Q = strchr(P, 'z');
      if (Q)
        Check += (uint64_t)(Q - P);
    }
    Check = Check * 7 + (uint8_t)Copy[Len / 3] +
            (uint64_t)memcmp(Copy, Text, Len / 4 + 1) * 0;
    Check ^= (uint64_t)(uint8_t)Ptrs[It % Lines][0] << 8;
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
