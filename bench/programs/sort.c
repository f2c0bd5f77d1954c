// Sorting: quicksort (median of three, insertion sort for small ranges),
// bottom-up merge sort and a qsort-style sort with a comparison callback
// (common/sort-callback.h: the same algorithm in every build).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/sort-callback.h"

static void insertion(int32_t *A, int Lo, int Hi) {
  for (int I = Lo + 1; I <= Hi; ++I) {
    int32_t V = A[I];
    int J = I - 1;
    while (J >= Lo && A[J] > V) {
      A[J + 1] = A[J];
      --J;
    }
    A[J + 1] = V;
  }
}

static void quick(int32_t *A, int Lo, int Hi) {
  while (Hi - Lo > 16) {
    int Mid = Lo + (Hi - Lo) / 2;
    int32_t X = A[Lo], Y = A[Mid], Z = A[Hi];
    int32_t P =
        X < Y ? (Y < Z ? Y : (X < Z ? Z : X)) : (X < Z ? X : (Y < Z ? Z : Y));
    int I = Lo, J = Hi;
    while (I <= J) {
      while (A[I] < P)
        ++I;
      while (A[J] > P)
        --J;
      if (I <= J) {
        int32_t T = A[I];
        A[I++] = A[J];
        A[J--] = T;
      }
    }
    if (J - Lo < Hi - I) {
      quick(A, Lo, J);
      Lo = I;
    } else {
      quick(A, I, Hi);
      Hi = J;
    }
  }
  insertion(A, Lo, Hi);
}

static void mergeSort(int32_t *A, int32_t *Tmp, int N) {
  for (int W = 1; W < N; W *= 2) {
    for (int Lo = 0; Lo < N; Lo += 2 * W) {
      int Mid = Lo + W < N ? Lo + W : N, Hi = Lo + 2 * W < N ? Lo + 2 * W : N;
      int I = Lo, J = Mid, K = Lo;
      while (I < Mid && J < Hi)
        Tmp[K++] = A[I] <= A[J] ? A[I++] : A[J++];
      while (I < Mid)
        Tmp[K++] = A[I++];
      while (J < Hi)
        Tmp[K++] = A[J++];
    }
    memcpy(A, Tmp, sizeof(int32_t) * N);
  }
}

static int cmp(const void *L, const void *R) {
  int32_t A = *(const int32_t *)L, B = *(const int32_t *)R;
  return (A > B) - (A < B);
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 12;
  enum { N = 200000 };
  int32_t *A = malloc(sizeof(int32_t) * N), *Tmp = malloc(sizeof(int32_t) * N);
  uint32_t S = 42;
  uint64_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    for (int Kind = 0; Kind < 3; ++Kind) {
      for (int I = 0; I < N; ++I) {
        S ^= S << 13;
        S ^= S >> 17;
        S ^= S << 5;
        A[I] = (int32_t)(S % 1000000);
      }
      if (Kind == 0)
        quick(A, 0, N - 1);
      else if (Kind == 1)
        mergeSort(A, Tmp, N);
      else
        sortCallback(A, N, sizeof(int32_t), cmp);
      for (int I = 1; I < N; ++I)
        if (A[I - 1] > A[I]) {
          printf("unsorted\n");
          return 1;
        }
      Check = Check * 1000003 + (uint32_t)A[N / 3] + (uint32_t)A[N - 1];
    }
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
