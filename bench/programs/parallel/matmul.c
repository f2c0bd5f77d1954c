// Parallel kernel that scales: C = A * B for N x N doubles, the rows of C
// split into T contiguous blocks, one per thread (bench/parallel.py).
// Usage: matmul N T. Each element is computed by one thread in a fixed
// order, so the checksum is the same for every T, natively and in wasm.
#include "threads.h"

typedef struct {
  const double *A, *B;
  double *C;
  int n, first, last; // rows [first, last)
} rows;

// Blocked so that a block of B (BK rows x BJ columns) stays in cache while
// BI rows of C use it; every C[i][j] still sums over k in increasing order.
enum { BI = 16, BK = 64, BJ = 256 };

static int min(int a, int b) { return a < b ? a : b; }

static void multiply_rows(void *arg) {
  rows *r = arg;
  int n = r->n;
  for (int i = r->first; i < r->last; ++i)
    for (int j = 0; j < n; ++j)
      r->C[(size_t)i * n + j] = 0;
  for (int ii = r->first; ii < r->last; ii += BI)
    for (int kk = 0; kk < n; kk += BK)
      for (int jj = 0; jj < n; jj += BJ)
        for (int i = ii; i < min(ii + BI, r->last); ++i) {
          double *c = r->C + (size_t)i * n;
          for (int k = kk; k < min(kk + BK, n); ++k) {
            double a = r->A[(size_t)i * n + k];
            const double *b = r->B + (size_t)k * n;
            for (int j = jj; j < min(jj + BJ, n); ++j)
              c[j] += a * b[j];
          }
        }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 256;
  int T = thread_count(argc, argv);
  size_t cells = (size_t)n * n;
  double *A = malloc(cells * sizeof *A), *B = malloc(cells * sizeof *B),
         *C = malloc(cells * sizeof *C);
  if (!A || !B || !C) {
    fprintf(stderr, "out of memory\n");
    return 2;
  }
  unsigned s = 12345;
  for (size_t i = 0; i < cells; ++i) {
    s = s * 1664525u + 1013904223u;
    A[i] = (double)(s >> 8) / (1 << 24) - 0.5;
    s = s * 1664525u + 1013904223u;
    B[i] = (double)(s >> 8) / (1 << 24) - 0.5;
  }
  rows parts[MAX_THREADS];
  for (int t = 0; t < T; ++t)
    parts[t] = (rows){A, B, C, n, n * t / T, n * (t + 1) / T};
  run_threads(T, multiply_rows, parts, sizeof parts[0]);
  double sum = 0, diagonal = 0;
  for (size_t i = 0; i < cells; ++i)
    sum += C[i];
  for (int i = 0; i < n; ++i)
    diagonal += C[(size_t)i * n + i];
  printf("matmul %d: sum %.9f diagonal %.9f\n", n, sum, diagonal);
  return 0;
}
