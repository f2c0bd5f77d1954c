// Functions returning several values: clang's experimental multivalue ABI
// returns small structs as (f64, f64) and (i64, i64) results instead of
// through memory. Output equals the native build's, in both bounds-check
// modes. (--strip-debug: wasm-ld refuses wasi-libc's DWARF with multivalue.)
//
// RUN: %clang-wasi -mmultivalue -Xclang -target-abi -Xclang experimental-mv \
// RUN:   -Wl,--strip-debug %s -o %t.wasm
// RUN: wasm-objdump -x %t.wasm | FileCheck %s --check-prefix=TYPES
// RUN: %clang-native %s -o %t-native && %t-native > %t-native.out
// RUN: %wasmkiln %t.wasm -o %t.guard && %t.guard > %t.guard.out
// RUN: diff %t-native.out %t.guard.out
// RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
// RUN: %t.explicit > %t.explicit.out && diff %t-native.out %t.explicit.out
// RUN: FileCheck %s < %t.guard.out
//
// TYPES: (f64, f64) -> (f64, f64)
// CHECK: divmod sum 115392986
// CHECK: complex -0.231445312 -3.042968750
// CHECK: minmax -5 1234
#include <stdint.h>
#include <stdio.h>

typedef struct {
  int64_t quot, rem;
} DivMod;
typedef struct {
  double re, im;
} Complex;
typedef struct {
  int lo, hi;
} Range;

__attribute__((noinline)) static DivMod divmod(int64_t a, int64_t b) {
  DivMod r = {a / b, a % b};
  return r;
}

__attribute__((noinline)) static Complex cmul(Complex a, Complex b) {
  Complex r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
  return r;
}

__attribute__((noinline)) static Range minmax(const int *v, int n) {
  Range r = {v[0], v[0]};
  for (int i = 1; i < n; ++i) {
    r.lo = v[i] < r.lo ? v[i] : r.lo;
    r.hi = v[i] > r.hi ? v[i] : r.hi;
  }
  return r;
}

int main(void) {
  int64_t sum = 0;
  for (int64_t i = 1; i < 1000; ++i) {
    DivMod d = divmod(i * 7919, 97 + i % 13);
    sum += d.quot * 3 + d.rem;
  }
  Complex z = {1.0, 0.5}, acc = {1.0, 0.0};
  for (int i = 0; i < 10; ++i)
    acc = cmul(acc, z);
  int values[] = {3, 1234, -5, 77, 0};
  Range r = minmax(values, 5);
  printf("divmod sum %lld\n", (long long)sum);
  printf("complex %.9f %.9f\n", acc.re, acc.im);
  printf("minmax %d %d\n", r.lo, r.hi);
  return 0;
}
