// Hash tables: open addressing with linear probing and tombstones, keyed by
// 64-bit integers, plus a chained table of short strings (formatted and
// compared with the suite's own routines, common/string-routines.h, so that
// native and wasm builds run the same code).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/string-routines.h"

enum { Cap = 1 << 18 };
typedef struct {
  uint64_t Key;
  uint32_t Val;
  uint32_t State; // 0 empty, 1 full, 2 deleted
} Slot;

static uint64_t hash(uint64_t K) {
  K ^= K >> 31;
  K *= 0x7fb5d329728ea185ULL;
  K ^= K >> 27;
  return K;
}

static void put(Slot *T, uint64_t K, uint32_t V) {
  uint64_t I = hash(K) & (Cap - 1);
  int64_t Tomb = -1;
  for (;; I = (I + 1) & (Cap - 1)) {
    if (T[I].State == 0)
      break;
    if (T[I].State == 2) {
      if (Tomb < 0)
        Tomb = (int64_t)I;
    } else if (T[I].Key == K) {
      T[I].Val = V;
      return;
    }
  }
  if (Tomb >= 0)
    I = (uint64_t)Tomb;
  T[I].Key = K;
  T[I].Val = V;
  T[I].State = 1;
}

static Slot *find(Slot *T, uint64_t K) {
  for (uint64_t I = hash(K) & (Cap - 1); T[I].State; I = (I + 1) & (Cap - 1))
    if (T[I].State == 1 && T[I].Key == K)
      return &T[I];
  return 0;
}

typedef struct Node {
  struct Node *Next;
  uint32_t Count;
  char Name[12];
} Node;

static uint32_t strHash(const char *S) {
  uint32_t H = 5381;
  while (*S)
    H = H * 33 + (uint8_t)*S++;
  return H;
}

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 10;
  Slot *T = calloc(Cap, sizeof(Slot));
  enum { Buckets = 4096 };
  Node **Chains = calloc(Buckets, sizeof(Node *));
  uint64_t Check = 0, S = 1;
  for (int It = 0; It < Iters; ++It) {
    // Start each round empty so tombstones cannot fill the table.
    memset(T, 0, sizeof(Slot) * Cap);
    for (uint32_t I = 0; I < 150000; ++I) {
      S = S * 6364136223846793005ULL + 1442695040888963407ULL;
      put(T, S >> 46, I);
    }
    for (uint32_t I = 0; I < 300000; ++I) {
      S = S * 6364136223846793005ULL + 1442695040888963407ULL;
      Slot *E = find(T, S >> 46);
      if (E) {
        Check += E->Val;
        if (I & 1)
          E->State = 2;
      }
    }
    for (uint32_t I = 0; I < 100000; ++I) {
      char Name[12];
      S = S * 6364136223846793005ULL + 1442695040888963407ULL;
      formatUnsigned(Name, "k", (unsigned)(S >> 50));
      uint32_t B = strHash(Name) % Buckets;
      Node *N = Chains[B];
      while (N && stringCompare(N->Name, Name) != 0)
        N = N->Next;
      if (!N) {
        N = malloc(sizeof(Node));
        stringCopy(N->Name, Name);
        N->Count = 0;
        N->Next = Chains[B];
        Chains[B] = N;
      }
      Check += ++N->Count;
    }
  }
  printf("checksum %llu\n", (unsigned long long)Check);
  return 0;
}
