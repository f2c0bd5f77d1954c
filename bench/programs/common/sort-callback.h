// sortCallback: qsort's interface (element size and a comparison callback),
// as a merge sort with a temporary buffer. The suite uses it instead of
// qsort() so that the native and the wasm builds run the same algorithm:
// glibc's qsort is a merge sort, wasi-libc's (musl's) a smoothsort, and
// timing that difference would measure the C libraries, not the compilers
// (docs/performance.md, "The suite").
#ifndef BENCH_SORT_CALLBACK_H
#define BENCH_SORT_CALLBACK_H

#include <stdlib.h>
#include <string.h>

typedef int (*CompareFn)(const void *, const void *);

static void copyElement(char *Dst, const char *Src, size_t Size) {
  // Constant sizes become plain loads and stores.
  if (Size == 4)
    memcpy(Dst, Src, 4);
  else if (Size == 8)
    memcpy(Dst, Src, 8);
  else
    memcpy(Dst, Src, Size);
}

static void mergeRuns(char *Base, char *Tmp, size_t N, size_t Size,
                      CompareFn Cmp) {
  if (N < 2)
    return;
  size_t N1 = N / 2, N2 = N - N1;
  char *P1 = Base, *P2 = Base + N1 * Size, *Out = Tmp;
  mergeRuns(P1, Tmp, N1, Size, Cmp);
  mergeRuns(P2, Tmp, N2, Size, Cmp);
  while (N1 && N2) {
    if (Cmp(P1, P2) <= 0) {
      copyElement(Out, P1, Size);
      P1 += Size;
      --N1;
    } else {
      copyElement(Out, P2, Size);
      P2 += Size;
      --N2;
    }
    Out += Size;
  }
  // What is left of the second run is already in place.
  memcpy(Out, P1, N1 * Size);
  memcpy(Base, Tmp, (N - N2) * Size);
}

static void sortCallback(void *Base, size_t N, size_t Size, CompareFn Cmp) {
  char *Tmp = malloc(N * Size);
  mergeRuns(Base, Tmp, N, Size, Cmp);
  free(Tmp);
}

#endif
