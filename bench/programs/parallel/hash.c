// Parallel kernel that scales: hashing a buffer in 64 KiB chunks, which T
// threads take one at a time from a shared atomic chunk counter (dynamic
// scheduling), each chunk hashed ROUNDS times with 64-bit multiply-xorshift
// mixing (bench/parallel.py). Usage: hash MiB T. The per-chunk hashes are
// combined in chunk order, so the digest is the same for every T.
#include "threads.h"

#include <string.h>

enum { CHUNK = 64 * 1024, ROUNDS = 48 };

typedef struct {
  const unsigned char *data;
  uint64_t *digests; // one per chunk
  uint32_t chunks;
  atomic_uint *next; // the next chunk to take
} job;

static uint64_t hash_chunk(const unsigned char *p, uint32_t index) {
  uint64_t h = 0x243F6A8885A308D3ull ^ index;
  for (int r = 0; r < ROUNDS; ++r) {
    h ^= (uint64_t)r << 32;
    for (size_t i = 0; i < CHUNK; i += 8) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
    }
  }
  return h;
}

static void hash_chunks(void *arg) {
  job *j = arg;
  for (;;) {
    uint32_t c = atomic_fetch_add(j->next, 1);
    if (c >= j->chunks)
      return;
    j->digests[c] = hash_chunk(j->data + (size_t)c * CHUNK, c);
  }
}

int main(int argc, char **argv) {
  uint32_t mib = argc > 1 ? (uint32_t)atoi(argv[1]) : 4;
  int T = thread_count(argc, argv);
  uint32_t chunks = mib * (1024 * 1024 / CHUNK);
  unsigned char *data = malloc((size_t)chunks * CHUNK);
  uint64_t *digests = malloc(chunks * sizeof *digests);
  if (!data || !digests) {
    fprintf(stderr, "out of memory\n");
    return 2;
  }
  uint64_t s = 88172645463325252ull; // xorshift64
  for (size_t i = 0; i < (size_t)chunks * CHUNK; i += 8) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    memcpy(data + i, &s, 8);
  }
  atomic_uint next = 0;
  job jobs[MAX_THREADS];
  for (int t = 0; t < T; ++t)
    jobs[t] = (job){data, digests, chunks, &next};
  run_threads(T, hash_chunks, jobs, sizeof jobs[0]);
  uint64_t digest = 0;
  for (uint32_t c = 0; c < chunks; ++c)
    digest = (digest ^ digests[c]) * 0x100000001B3ull;
  printf("hash %u MiB: %016llx\n", mib, (unsigned long long)digest);
  return 0;
}
