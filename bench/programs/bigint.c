// Multi-precision integer arithmetic with 32-bit limbs and 64-bit products:
// schoolbook multiplication and modular exponentiation (Montgomery-free
// square-and-multiply modulo a 32-bit prime, 64-bit division).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Limbs = 64 };

static void mul(const uint32_t *A, const uint32_t *B, uint32_t *R) {
  memset(R, 0, sizeof(uint32_t) * 2 * Limbs);
  for (int I = 0; I < Limbs; ++I) {
    uint64_t Carry = 0;
    for (int J = 0; J < Limbs; ++J) {
      uint64_t T = (uint64_t)A[I] * B[J] + R[I + J] + Carry;
      R[I + J] = (uint32_t)T;
      Carry = T >> 32;
    }
    R[I + Limbs] = (uint32_t)Carry;
  }
}

static uint32_t modSmall(const uint32_t *A, int N, uint32_t M) {
  uint64_t Rem = 0;
  for (int I = N - 1; I >= 0; --I)
    Rem = ((Rem << 32) | A[I]) % M;
  return (uint32_t)Rem;
}

static uint64_t powMod(uint64_t B, uint64_t E, uint64_t M) {
  uint64_t R = 1, X = B % M;
  while (E) {
    if (E & 1)
      R = R * X % M;
    X = X * X % M;
    E >>= 1;
  }
  return (uint64_t)R;
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 4000;
  uint32_t A[Limbs], B[Limbs], R[2 * Limbs];
  uint32_t S = 2024;
  for (int I = 0; I < Limbs; ++I) {
    S = S * 1664525u + 1013904223u;
    A[I] = S;
    S = S * 1664525u + 1013904223u;
    B[I] = S;
  }
  uint64_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    mul(A, B, R);
    memcpy(A, R + Limbs / 2, sizeof A);
    A[0] |= 1;
    Check += modSmall(R, 2 * Limbs, 1000000007u);
    Check ^= powMod(Check | 2, 0xfffffffbULL + It, 4294967291ULL);
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
