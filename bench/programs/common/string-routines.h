// The string routines the suite calls, in plain C: stringLength,
// stringCompare, stringCopy, findChar, findString, formatUnsigned. glibc's
// versions are hand-written SSE2/AVX2 assembly, wasi-libc's portable C; with
// these both builds run the same code, so the comparison measures the
// compilers, not the C libraries (docs/performance.md, "The suite").
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

static char *stringCopy(char *Dst, const char *Src) {
  char *D = Dst;
  while ((*D++ = *Src++))
    ;
  return Dst;
}

/// Writes Prefix followed by the decimal digits of V and a NUL into Out
/// (snprintf(Out, ..., "%s%u", Prefix, V) for a buffer known to suffice).
static void formatUnsigned(char *Out, const char *Prefix, unsigned V) {
  while (*Prefix)
    *Out++ = *Prefix++;
  char Digits[10];
  int N = 0;
  do {
    Digits[N++] = (char)('0' + V % 10);
    V /= 10;
  } while (V);
  while (N)
    *Out++ = Digits[--N];
  *Out = '\0';
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
