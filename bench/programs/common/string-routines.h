// The string routines the suite calls, in plain C: stringLength,
// stringCompare, findChar, findString. glibc's versions are hand-written
// SSE2/AVX2 assembly, wasi-libc's portable C; with these both builds run the
// same code, so the comparison measures the compilers, not the C libraries
// (docs/performance.md, "The suite").
#ifndef BENCH_STRING_ROUTINES_H
#define BENCH_STRING_ROUTINES_H

#include <stddef.h>

static size_t stringLength(const char *S) {
  const char *P = S;
  while (*P)
    ++P;
  return (size_t)(P - S);
}

static int stringCompare(const char *A, const char *B) {
  while (*A && *A == *B) {
    ++A;
    ++B;
  }
  return (unsigned char)*A - (unsigned char)*B;
}

static const char *findChar(const char *S, int C) {
  for (; *S; ++S)
    if (*S == (char)C)
      return S;
  return C ? NULL : S;
}

static int startsWith(const char *S, const char *Prefix) {
  while (*Prefix && *S == *Prefix) {
    ++S;
    ++Prefix;
  }
  return !*Prefix;
}

static const char *findString(const char *Haystack, const char *Needle) {
  if (!*Needle)
    return Haystack;
  for (const char *P = findChar(Haystack, Needle[0]); P;
       P = findChar(P + 1, Needle[0]))
    if (startsWith(P, Needle))
      return P;
  return NULL;
}

#endif
