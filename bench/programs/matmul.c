// Floating-point kernel: blocked dense matrix multiply (double) plus a
// single-precision matrix-vector product.
#include <stdio.h>
#include <stdlib.h>

enum { N = 192, Block = 32 };

static void matmul(const double *A, const double *B, double *C) {
  for (int I = 0; I < N * N; ++I)
    C[I] = 0;
  for (int Ii = 0; Ii < N; Ii += Block)
    for (int Kk = 0; Kk < N; Kk += Block)
      for (int I = Ii; I < Ii + Block; ++I)
        for (int K = Kk; K < Kk + Block; ++K) {
          double Aik = A[I * N + K];
          for (int J = 0; J < N; ++J)
            C[I * N + J] += Aik * B[K * N + J];
        }
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 40;
  double *A = malloc(sizeof(double) * N * N),
         *B = malloc(sizeof(double) * N * N),
         *C = malloc(sizeof(double) * N * N);
  float *Mf = malloc(sizeof(float) * N * N), Vf[N], Rf[N];
  unsigned S = 7;
  for (int I = 0; I < N * N; ++I) {
    S = S * 1664525u + 1013904223u;
    A[I] = (double)(S >> 8) / (1 << 24) - 0.5;
    S = S * 1664525u + 1013904223u;
    B[I] = (double)(S >> 8) / (1 << 24) - 0.5;
    Mf[I] = (float)A[I];
  }
  for (int I = 0; I < N; ++I)
    Vf[I] = (float)I / N;
  double Sum = 0;
  for (int It = 0; It < Iters; ++It) {
    matmul(A, B, C);
    for (int I = 0; I < N; ++I) {
      float R = 0;
      for (int J = 0; J < N; ++J)
        R += Mf[I * N + J] * Vf[J];
      Rf[I] = R;
    }
    for (int I = 0; I < N; ++I)
      Vf[I] = Rf[I] * 0.05f + 0.5f;
    Sum += C[(It * 7919) % (N * N)] + Vf[It % N];
    A[It % (N * N)] += 1e-3;
  }
  printf("checksum %.6f\n", Sum);
  return 0;
}
