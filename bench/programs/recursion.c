// Recursion: naive Fibonacci, Ackermann, binary trees built and walked
// recursively (malloc/free heavy) and an N-queens backtracking search.
#include <stdio.h>
#include <stdlib.h>

static int fib(int N) { return N < 2 ? N : fib(N - 1) + fib(N - 2); }

static int ack(int M, int N) {
  if (M == 0)
    return N + 1;
  if (N == 0)
    return ack(M - 1, 1);
  return ack(M - 1, ack(M, N - 1));
}

typedef struct Tree {
  struct Tree *L, *R;
} Tree;

static Tree *build(int Depth) {
  Tree *T = malloc(sizeof(Tree));
  T->L = Depth ? build(Depth - 1) : 0;
  T->R = Depth ? build(Depth - 1) : 0;
  return T;
}

static int check(Tree *T) {
  int N = 1 + (T->L ? check(T->L) + check(T->R) : 0);
  free(T);
  return N;
}

static int queens(int N, int Row, unsigned Cols, unsigned D1, unsigned D2) {
  if (Row == N)
    return 1;
  int Count = 0;
  for (int C = 0; C < N; ++C) {
    unsigned A = 1u << C, B = 1u << (Row + C), D = 1u << (Row - C + N);
    if ((Cols & A) || (D1 & B) || (D2 & D))
      continue;
    Count += queens(N, Row + 1, Cols | A, D1 | B, D2 | D);
  }
  return Count;
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 6;
  long long Check = 0;
  for (int It = 0; It < Iters; ++It) {
    Check += fib(27 + It % 3);
    Check += ack(2, 2000 + It) + ack(3, 6);
    Check += check(build(16));
    Check += queens(9, 0, 0, 0, 0);
  }
  printf("checksum %lld\n", Check);
  return 0;
}
