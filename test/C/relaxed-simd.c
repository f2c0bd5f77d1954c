// Relaxed SIMD from C (wasm_simd128.h's relaxed intrinsics): an int8
// quantised dot product with 7-bit weights, a polynomial through
// relaxed_madd, truncation, swizzle table lookups, lane selects from
// comparison masks, min/max and Q15 multiplication. The inputs are chosen so
// that every result the spec allows is the same (weights below 128, exact
// products, in-range conversions and indices, masks of all ones or zeros, no
// NaN or zero pairs, no -32768 * -32768), so the wasm build's output must
// equal the native build, which computes the same in plain C.
//
// clang links without -O: at -O2 it runs binaryen 108's wasm-opt, which
// predates relaxed SIMD's final encoding. The native build's name keeps the
// cross configuration (lit.cfg.py) from running it under QEMU.
// RUN: %clang-wasi -msimd128 -mrelaxed-simd -c %s -o %t.o
// RUN: clang-19 --target=wasm32-wasi %t.o -o %t.wasm
// RUN: cc -O2 %s -o %t-native && %t-native > %t-native.out
// RUN: %wasmkiln %t.wasm -o %t.guard && %t.guard > %t.guard.out
// RUN: diff %t-native.out %t.guard.out
// RUN: %wasmkiln --bounds-checks=explicit -O0 %t.wasm -o %t.explicit
// RUN: %t.explicit > %t.explicit.out
// RUN: diff %t-native.out %t.explicit.out
// RUN: %wasmkiln run %t.wasm > %t.jit.out
// RUN: diff %t-native.out %t.jit.out
// RUN: FileCheck %s < %t.guard.out
//
// CHECK: dot: 11392 16991 -3160 -4708 checksum 2045223
// CHECK-NEXT: poly: 1 4 15 40 85 156 259 400 / 24 1.999e+06
// CHECK-NEXT: trunc: -7 3 100 2147483520 / 7 3000000000 100 4294967040
// CHECK-NEXT: trunc64: -2147483648 2147483647 0 0 / 4294967295 0 0 0
// CHECK-NEXT: lookup: checksum 485992
// CHECK-NEXT: select: 8 checksum 15425
// CHECK-NEXT: minmax: -5.5 3 -1 -1e+30 / 2 9.25 -0 1e+30 / -5.5 3 2 9.25
// CHECK-NEXT: q15: 16384 -8192 32766 -32767 0 1 -1 12345
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm_relaxed_simd__
#include <wasm_simd128.h>
#endif

#define N 64

static int8_t activations[N];
static int8_t weights[N]; // 0..127: the 7-bit operand
static uint32_t seed = 12345;

static uint32_t next(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

// Four i32 sums of 16 products each.
static void dot(int32_t out[4]) {
#ifdef __wasm_relaxed_simd__
  v128_t acc = wasm_i32x4_splat(0);
  for (int i = 0; i < N; i += 16)
    acc = wasm_i32x4_relaxed_dot_i8x16_i7x16_add(
        wasm_v128_load(activations + i), wasm_v128_load(weights + i), acc);
  // Check the i16 form too: lane sums of pairs.
  v128_t pairs = wasm_i16x8_relaxed_dot_i8x16_i7x16(wasm_v128_load(activations),
                                                    wasm_v128_load(weights));
  acc = wasm_i32x4_add(acc, wasm_i32x4_extadd_pairwise_i16x8(pairs));
  wasm_v128_store(out, acc);
#else
  for (int lane = 0; lane < 4; ++lane) {
    int32_t sum = 0;
    for (int i = 0; i < N; i += 16)
      for (int k = 0; k < 4; ++k)
        sum += activations[i + 4 * lane + k] * weights[i + 4 * lane + k];
    for (int k = 0; k < 4; ++k)
      sum += activations[4 * lane + k] * weights[4 * lane + k];
    out[lane] = sum;
  }
#endif
}

// x^3 + x^2 + x + 1 by Horner's rule: small integers, every step exact.
static void poly(const float x[8], float out[8]) {
#ifdef __wasm_relaxed_simd__
  for (int i = 0; i < 8; i += 4) {
    v128_t v = wasm_v128_load(x + i), one = wasm_f32x4_splat(1.0f);
    v128_t r = wasm_f32x4_relaxed_madd(one, v, one);
    r = wasm_f32x4_relaxed_madd(r, v, one);
    r = wasm_f32x4_relaxed_madd(r, v, one);
    // nmadd: -(0 * v) + r leaves r.
    r = wasm_f32x4_relaxed_nmadd(wasm_f32x4_splat(0.0f), v, r);
    wasm_v128_store(out + i, r);
  }
#else
  for (int i = 0; i < 8; ++i)
    out[i] = ((x[i] + 1.0f) * x[i] + 1.0f) * x[i] + 1.0f;
#endif
}

// 2x^2 - x + 3 in f64, nmadd giving the -x: exact as well.
static void poly64(const double x[2], double out[2]) {
#ifdef __wasm_relaxed_simd__
  v128_t v = wasm_v128_load(x);
  v128_t r = wasm_f64x2_relaxed_nmadd(
      wasm_f64x2_splat(1.0), v,
      wasm_f64x2_relaxed_madd(wasm_f64x2_splat(2.0), wasm_f64x2_mul(v, v),
                              wasm_f64x2_splat(3.0)));
  wasm_v128_store(out, r);
#else
  for (int i = 0; i < 2; ++i)
    out[i] = 2.0 * (x[i] * x[i]) + 3.0 - x[i];
#endif
}

// In-range values only: f32 lanes, then f64 lanes into the low two.
static void trunc4(const float x[4], int32_t s[4], uint32_t u[4],
                   int32_t s64[4], uint32_t u64[4]) {
  float y[4] = {-x[0], 3e9f, x[2], 4294967040.0f};
  double d[2] = {-2147483648.75, 2147483647.5}, e[2] = {4294967295.5, 0.5};
#ifdef __wasm_relaxed_simd__
  wasm_v128_store(s, wasm_i32x4_relaxed_trunc_f32x4(wasm_v128_load(x)));
  wasm_v128_store(u, wasm_u32x4_relaxed_trunc_f32x4(wasm_v128_load(y)));
  wasm_v128_store(s64, wasm_i32x4_relaxed_trunc_f64x2_zero(wasm_v128_load(d)));
  wasm_v128_store(u64, wasm_u32x4_relaxed_trunc_f64x2_zero(wasm_v128_load(e)));
#else
  for (int i = 0; i < 4; ++i) {
    s[i] = (int32_t)x[i];
    u[i] = (uint32_t)y[i];
    s64[i] = i < 2 ? (int32_t)d[i] : 0;
    u64[i] = i < 2 ? (uint32_t)e[i] : 0;
  }
#endif
}

// A 16-entry byte table looked up with indices 0..15.
static uint32_t lookup(const uint8_t table[16]) {
  uint32_t sum = 0;
  for (int round = 0; round < 32; ++round) {
    uint8_t idx[16], out[16];
    for (int i = 0; i < 16; ++i)
      idx[i] = next() & 15;
#ifdef __wasm_relaxed_simd__
    wasm_v128_store(out, wasm_i8x16_relaxed_swizzle(wasm_v128_load(table),
                                                    wasm_v128_load(idx)));
#else
    for (int i = 0; i < 16; ++i)
      out[i] = table[idx[i]];
#endif
    for (int i = 0; i < 16; ++i)
      sum += out[i] * (i + 1);
  }
  return sum;
}

// Lane selects with comparison masks (all ones or all zeros per lane).
static uint32_t select16(const int16_t a[8], const int16_t b[8], int16_t out[8],
                         int32_t out32[4]) {
#ifdef __wasm_relaxed_simd__
  v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
  v128_t m = wasm_i16x8_gt(va, vb);
  wasm_v128_store(out, wasm_i16x8_relaxed_laneselect(va, vb, m));
  v128_t m8 = wasm_i8x16_gt(va, vb);
  v128_t bytes = wasm_i8x16_relaxed_laneselect(va, vb, m8);
  v128_t m32 = wasm_i32x4_gt(va, vb);
  v128_t words = wasm_i32x4_relaxed_laneselect(bytes, va, m32);
  v128_t m64 = wasm_i64x2_gt(va, vb);
  wasm_v128_store(out32, wasm_i64x2_relaxed_laneselect(words, vb, m64));
#else
  int8_t a8[16], b8[16], bytes[16];
  memcpy(a8, a, 16);
  memcpy(b8, b, 16);
  for (int i = 0; i < 8; ++i)
    out[i] = a[i] > b[i] ? a[i] : b[i];
  for (int i = 0; i < 16; ++i)
    bytes[i] = a8[i] > b8[i] ? a8[i] : b8[i];
  int32_t a32[4], b32[4], w32[4];
  int64_t b64[2], w64[2], a64[2];
  memcpy(a32, a, 16);
  memcpy(b64, b, 16);
  memcpy(a64, a, 16);
  memcpy(w32, bytes, 16);
  for (int i = 0; i < 4; ++i)
    w32[i] = a32[i] > ((int32_t *)b)[i] ? w32[i] : a32[i];
  memcpy(w64, w32, 16);
  for (int i = 0; i < 2; ++i)
    w64[i] = a64[i] > b64[i] ? w64[i] : b64[i];
  memcpy(out32, w64, 16);
#endif
  uint32_t sum = 0;
  for (int i = 0; i < 4; ++i)
    sum += (uint32_t)out32[i] % 10007u;
  return sum;
}

static void minmax(const float x[4], const float y[4], float lo[4], float hi[4],
                   double lo64[2], double hi64[2]) {
#ifdef __wasm_relaxed_simd__
  v128_t fx = wasm_v128_load(x), fy = wasm_v128_load(y);
  wasm_v128_store(lo, wasm_f32x4_relaxed_min(fx, fy));
  wasm_v128_store(hi, wasm_f32x4_relaxed_max(fx, fy));
  v128_t dx = wasm_f64x2_promote_low_f32x4(fx);
  v128_t dy = wasm_f64x2_promote_low_f32x4(fy);
  wasm_v128_store(lo64, wasm_f64x2_relaxed_min(dx, dy));
  wasm_v128_store(hi64, wasm_f64x2_relaxed_max(dx, dy));
#else
  for (int i = 0; i < 4; ++i) {
    lo[i] = x[i] < y[i] ? x[i] : y[i];
    hi[i] = x[i] > y[i] ? x[i] : y[i];
  }
  for (int i = 0; i < 2; ++i) {
    lo64[i] = lo[i];
    hi64[i] = hi[i];
  }
#endif
}

static void q15(const int16_t a[8], const int16_t b[8], int16_t out[8]) {
#ifdef __wasm_relaxed_simd__
  wasm_v128_store(
      out, wasm_i16x8_relaxed_q15mulr(wasm_v128_load(a), wasm_v128_load(b)));
#else
  for (int i = 0; i < 8; ++i)
    out[i] = (int16_t)((a[i] * b[i] + 0x4000) >> 15);
#endif
}

int main(void) {
  for (int i = 0; i < N; ++i) {
    activations[i] = (int8_t)(next() & 0xff);
    weights[i] = (int8_t)(next() & 0x7f);
  }
  int32_t d[4];
  dot(d);
  printf("dot: %d %d %d %d checksum %d\n", d[0], d[1], d[2], d[3],
         d[0] * 3 + d[1] * 5 + d[2] * 7 + d[3] * 11 + 2000000);

  float x[8] = {0, 1, 2, 3, 4, 5, 6, 7}, p[8];
  poly(x, p);
  printf("poly:");
  for (int i = 0; i < 8; ++i)
    printf(" %g", (double)p[i]);
  double x64[2] = {-3, 1e3}, p64[2];
  poly64(x64, p64);
  printf(" / %g %g\n", p64[0], p64[1]);

  float t[4] = {-7.9f, 3.5f, 100.25f, 2147483520.0f};
  int32_t s[4], s64[4];
  uint32_t u[4], u64[4];
  trunc4(t, s, u, s64, u64);
  printf("trunc: %d %d %d %d / %u %u %u %u\n", s[0], s[1], s[2], s[3], u[0],
         u[1], u[2], u[3]);
  printf("trunc64: %d %d %d %d / %u %u %u %u\n", s64[0], s64[1], s64[2], s64[3],
         u64[0], u64[1], u64[2], u64[3]);

  uint8_t table[16];
  for (int i = 0; i < 16; ++i)
    table[i] = (uint8_t)(i * 17 + 3);
  printf("lookup: checksum %u\n", lookup(table));

  int16_t a[8], b[8], sel[8];
  int32_t sel32[4];
  for (int i = 0; i < 8; ++i) {
    a[i] = (int16_t)(next() & 0xffff);
    b[i] = (int16_t)(next() & 0xffff);
  }
  uint32_t selsum = select16(a, b, sel, sel32);
  int bigger = 0;
  for (int i = 0; i < 8; ++i)
    bigger += sel[i] >= a[i] && sel[i] >= b[i];
  printf("select: %d checksum %u\n", bigger, selsum);

  float mx[4] = {-5.5f, 9.25f, -0.0f, 1e30f}, my[4] = {2, 3, -1, -1e30f};
  float lo[4], hi[4];
  double lo64[2], hi64[2];
  minmax(mx, my, lo, hi, lo64, hi64);
  printf("minmax: %g %g %g %g / %g %g %g %g / %g %g %g %g\n", lo[0], lo[1],
         lo[2], lo[3], hi[0], hi[1], hi[2], hi[3], lo64[0], lo64[1], hi64[0],
         hi64[1]);

  int16_t qa[8] = {16384, 16384, 32767, -32768, 0, 1, -1, 24690};
  int16_t qb[8] = {32767, -16384, 32767, 32767, 12345, 32767, 32767, 16384};
  int16_t qr[8];
  q15(qa, qb, qr);
  printf("q15:");
  for (int i = 0; i < 8; ++i)
    printf(" %d", qr[i]);
  printf("\n");
  return 0;
}
