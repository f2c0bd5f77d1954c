// Compression-style byte work: an LZ77 compressor with a hash-chain match
// finder and its decompressor, round-tripping generated text-like data.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HashBits = 14, Window = 1 << 15, MinMatch = 4, MaxMatch = 258 };

static uint32_t hash4(const uint8_t *P) {
  uint32_t V;
  memcpy(&V, P, 4);
  return (V * 2654435761u) >> (32 - HashBits);
}

// Output format: literal run (0x00, len, bytes) or match (0x01, len, dist16).
static size_t compress(const uint8_t *In, size_t N, uint8_t *Out, int32_t *Head,
                       int32_t *Prev) {
  for (int I = 0; I < (1 << HashBits); ++I)
    Head[I] = -1;
  size_t O = 0, I = 0, LitStart = 0;
  while (I + MinMatch <= N) {
    uint32_t H = hash4(In + I);
    int32_t Cand = Head[H];
    Prev[I % Window] = Cand;
    Head[H] = (int32_t)I;
    size_t BestLen = 0, BestDist = 0;
    for (int Chain = 0; Cand >= 0 && Chain < 16; ++Chain) {
      size_t Dist = I - (size_t)Cand;
      if (Dist >= Window)
        break;
      size_t L = 0;
      while (L < MaxMatch && I + L < N && In[Cand + L] == In[I + L])
        ++L;
      if (L > BestLen) {
        BestLen = L;
        BestDist = Dist;
      }
      Cand = Prev[Cand % Window];
    }
    if (BestLen >= MinMatch) {
      while (LitStart < I) {
        size_t Run = I - LitStart > 255 ? 255 : I - LitStart;
        Out[O++] = 0;
        Out[O++] = (uint8_t)Run;
        memcpy(Out + O, In + LitStart, Run);
        O += Run;
        LitStart += Run;
      }
      Out[O++] = 1;
      Out[O++] = (uint8_t)(BestLen - MinMatch);
      Out[O++] = (uint8_t)BestDist;
      Out[O++] = (uint8_t)(BestDist >> 8);
      for (size_t K = 1; K < BestLen && I + K + MinMatch <= N; ++K) {
        uint32_t H2 = hash4(In + I + K);
        Prev[(I + K) % Window] = Head[H2];
        Head[H2] = (int32_t)(I + K);
      }
      I += BestLen;
      LitStart = I;
    } else {
      ++I;
    }
  }
  while (LitStart < N) {
    size_t Run = N - LitStart > 255 ? 255 : N - LitStart;
    Out[O++] = 0;
    Out[O++] = (uint8_t)Run;
    memcpy(Out + O, In + LitStart, Run);
    O += Run;
    LitStart += Run;
  }
  return O;
}

static size_t decompress(const uint8_t *In, size_t N, uint8_t *Out) {
  size_t O = 0;
  for (size_t I = 0; I < N;) {
    if (In[I] == 0) {
      size_t Run = In[I + 1];
      memcpy(Out + O, In + I + 2, Run);
      O += Run;
      I += 2 + Run;
    } else {
      size_t Len = In[I + 1] + MinMatch;
      size_t Dist = In[I + 2] | (size_t)In[I + 3] << 8;
      for (size_t K = 0; K < Len; ++K, ++O)
        Out[O] = Out[O - Dist];
      I += 4;
    }
  }
  return O;
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 40;
  enum { N = 256 * 1024 };
  static const char *Words[] = {"the ",   "quick ", "brown ",  "fox ",
                                "jumps ", "over ",  "lazy ",   "dog ",
                                "wasm ",  "kiln ",  "native ", "code\n"};
  uint8_t *In = malloc(N), *Comp = malloc(2 * N), *Dec = malloc(N);
  int32_t *Head = malloc(sizeof(int32_t) << HashBits);
  int32_t *Prev = malloc(sizeof(int32_t) * Window);
  uint32_t Seed = 12345;
  uint64_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    size_t P = 0;
    while (P < N) {
      Seed = Seed * 1103515245u + 12345u;
      const char *W = Words[(Seed >> 16) % 12];
      while (*W && P < N)
        In[P++] = (uint8_t)*W++;
      if (((Seed >> 8) & 31) == 0 && P < N)
        In[P++] = (uint8_t)(Seed >> 24); // occasional noise byte
    }
    size_t C = compress(In, N, Comp, Head, Prev);
    size_t D = decompress(Comp, C, Dec);
    if (D != N || memcmp(In, Dec, N) != 0) {
      printf("roundtrip mismatch\n");
      return 1;
    }
    Check = Check * 31 + C;
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
