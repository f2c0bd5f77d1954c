// The C library as real programs call it: formatted output into buffers
// (snprintf), parsing it back (strtol), strlen/strchr/strstr/memchr scans,
// memcpy/memmove-heavy buffers and qsort with strcmp. Unlike the rest of
// the suite nothing is replaced by the suite's own routines, so the wasm
// build runs wasi-libc's portable C and the native one glibc's tuned code
// (issue 25: "performance as users build it").
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *Words[] = {"alpha", "beta",  "gamma", "delta",
                              "kappa", "omega", "sigma", "webassembly"};

static int cmpStr(const void *A, const void *B) {
  return strcmp(*(char *const *)A, *(char *const *)B);
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 20;
  enum { Lines = 4000, LineBytes = 96 };
  char *Text = malloc(Lines * LineBytes), *Moved = malloc(Lines * LineBytes);
  char **Ptrs = malloc(sizeof(char *) * Lines);
  uint32_t S = 7;
  uint64_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    for (int L = 0; L < Lines; ++L) {
      S = S * 1103515245u + 12345u;
      char *Line = Text + (size_t)L * LineBytes;
      snprintf(Line, LineBytes, "%s-%u:%s;%d,%x", Words[(S >> 16) % 8],
               S % 100000, Words[(S >> 8) % 8], L - It, S >> 20);
      Ptrs[L] = Line;
    }
    for (int L = 0; L < Lines; ++L) {
      const char *Line = Ptrs[L];
      const char *Colon = strchr(Line, ':');
      const char *Semi = memchr(Line, ';', strlen(Line));
      Check += (uint64_t)(Colon - Line) + (uint64_t)(Semi - Line);
      Check += strtol(strchr(Line, '-') + 1, NULL, 10);
      Check += strstr(Line, "web") != NULL;
    }
    qsort(Ptrs, Lines, sizeof(char *), cmpStr);
    for (int L = 0; L < Lines; L += 97)
      Check = Check * 31 + (unsigned char)Ptrs[L][It % 8];
    memcpy(Moved, Text, (size_t)Lines * LineBytes);
    for (int K = 0; K < 64; ++K)
      memmove(Moved + K * 7, Moved + K * 13 + 1, (size_t)Lines * LineBytes / 2);
    Check += (unsigned char)Moved[It * 31 % (Lines * LineBytes / 2)];
  }
  printf("%llu\n", (unsigned long long)Check);
  free(Text);
  free(Moved);
  free(Ptrs);
  return 0;
}
