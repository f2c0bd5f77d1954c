;; SIMD float lanes: min/max propagate NaN (as a canonical NaN, even from a
;; signalling one) and order -0 < +0; pmin/pmax are the spec's plain selects
;; and return an operand's bits untouched; rounding keeps the sign of zero;
;; trunc_sat maps NaN to 0 and saturates; unsigned and low-half conversions;
;; demote/promote with zeroed upper lanes. Operands come from arguments.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=minmax %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=SNAN
;; RUN: %wasmkiln run --invoke=minmax %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=SNAN
;; SNAN: v128 0x{{7|f}}fc00000 0x80000000 0x80000000 0x{{7|f}}fc00000
;; SNAN-NEXT: v128 0x{{7|f}}fc00000 0x0 0x0 0x{{7|f}}fc00000
;; SNAN-NEXT: v128 0x7fa00000 0x0 0x80000000 0x3f800000
;; SNAN-NEXT: v128 0x7fa00000 0x0 0x80000000 0x3f800000
;; RUN: %wasmkiln run --invoke=minmax %t.wasm 0xbf800000 | FileCheck %s --check-prefix=MINUS1
;; MINUS1: v128 0xbf800000 0x80000000 0x80000000 0x{{7|f}}fc00000
;; MINUS1-NEXT: v128 0x3f800000 0x0 0x0 0x{{7|f}}fc00000
;; MINUS1-NEXT: v128 0xbf800000 0x0 0x80000000 0x3f800000
;; MINUS1-NEXT: v128 0x3f800000 0x0 0x80000000 0x3f800000
;; RUN: %wasmkiln run -O0 --invoke=f64_minmax %t.wasm -0 0 | FileCheck %s --check-prefix=F64ZERO
;; RUN: %wasmkiln run --invoke=f64_minmax %t.wasm -0 0 | FileCheck %s --check-prefix=F64ZERO
;; F64ZERO: -0
;; F64ZERO-NEXT: {{^}}0
;; F64ZERO-NEXT: -0
;; F64ZERO-NEXT: -0
;; RUN: %wasmkiln run --invoke=f64_minmax %t.wasm 1 nan | FileCheck %s --check-prefix=F64NAN
;; F64NAN: nan:0x8000000000000
;; F64NAN-NEXT: nan:0x8000000000000
;; F64NAN-NEXT: {{^}}1
;; F64NAN-NEXT: {{^}}1
;; RUN: %wasmkiln run -O0 --invoke=rounding %t.wasm -2.5 | FileCheck %s --check-prefix=ROUND
;; RUN: %wasmkiln run --invoke=rounding %t.wasm -2.5 | FileCheck %s --check-prefix=ROUND
;; ROUND: -2
;; ROUND-NEXT: -2
;; ROUND-NEXT: -3
;; ROUND-NEXT: -2
;; ROUND-NEXT: -2
;; RUN: %wasmkiln run --invoke=rounding %t.wasm -0.5 | FileCheck %s --check-prefix=ROUNDZ
;; ROUNDZ: -0
;; ROUNDZ-NEXT: -0
;; ROUNDZ-NEXT: -1
;; ROUNDZ-NEXT: -0
;; ROUNDZ-NEXT: -0
;; RUN: %wasmkiln run -O0 --invoke=trunc_sat %t.wasm nan nan | FileCheck %s --check-prefix=SATNAN
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm nan nan | FileCheck %s --check-prefix=SATNAN
;; SATNAN: v128 0x0 0x0 0x0 0x0
;; SATNAN-NEXT: v128 0x0 0x0 0x0 0x0
;; SATNAN-NEXT: v128 0x0 0x0 0x0 0x0
;; SATNAN-NEXT: v128 0x0 0x0 0x0 0x0
;; RUN: %wasmkiln run -O0 --invoke=trunc_sat %t.wasm inf -inf | FileCheck %s --check-prefix=SATINF
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm inf -inf | FileCheck %s --check-prefix=SATINF
;; SATINF: v128 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff
;; SATINF-NEXT: v128 0xffffffff 0xffffffff 0xffffffff 0xffffffff
;; SATINF-NEXT: v128 0x80000000 0x80000000 0x0 0x0
;; SATINF-NEXT: v128 0x0 0x0 0x0 0x0
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm 4294967040 4294967295.5 | FileCheck %s --check-prefix=SATBIG
;; SATBIG: v128 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff
;; SATBIG-NEXT: v128 0xffffff00 0xffffff00 0xffffff00 0xffffff00
;; SATBIG-NEXT: v128 0x7fffffff 0x7fffffff 0x0 0x0
;; SATBIG-NEXT: v128 0xffffffff 0xffffffff 0x0 0x0
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm -1.5 -1.5 | FileCheck %s --check-prefix=SATNEG
;; SATNEG: v128 0xffffffff 0xffffffff 0xffffffff 0xffffffff
;; SATNEG-NEXT: v128 0x0 0x0 0x0 0x0
;; SATNEG-NEXT: v128 0xffffffff 0xffffffff 0x0 0x0
;; SATNEG-NEXT: v128 0x0 0x0 0x0 0x0
;; RUN: %wasmkiln run -O0 --invoke=convert %t.wasm -1 | FileCheck %s --check-prefix=CONV
;; RUN: %wasmkiln run --invoke=convert %t.wasm -1 | FileCheck %s --check-prefix=CONV
;; CONV: v128 0x4f800000 0x4f800000 0x4f800000 0x4f800000
;; CONV-NEXT: v128 0xbf800000 0xbf800000 0xbf800000 0xbf800000
;; CONV-NEXT: 4294967295
;; CONV-NEXT: -1
;; RUN: %wasmkiln run -O0 --invoke=demote %t.wasm 1e300 | FileCheck %s --check-prefix=DEMOTE
;; RUN: %wasmkiln run --invoke=demote %t.wasm 1e300 | FileCheck %s --check-prefix=DEMOTE
;; DEMOTE: v128 0x7f800000 0x7f800000 0x0 0x0
;; DEMOTE-NEXT: inf
(module
  ;; a = X 0 -0 1, b = 1 -0 0 nan: min, max, pmin, pmax as lane bits.
  (func (export "minmax") (param $x i32) (result v128 v128 v128 v128)
    (local $a v128) (local $b v128)
    (local.set $a (i32x4.replace_lane 0 (v128.const f32x4 0 0 -0 1) (local.get $x)))
    (local.set $b (v128.const f32x4 1 -0 0 nan))
    (f32x4.min (local.get $a) (local.get $b))
    (f32x4.max (local.get $a) (local.get $b))
    (f32x4.pmin (local.get $a) (local.get $b))
    (f32x4.pmax (local.get $a) (local.get $b)))
  (func (export "f64_minmax") (param $x f64) (param $y f64) (result f64 f64 f64 f64)
    (f64x2.extract_lane 1 (f64x2.min (f64x2.splat (local.get $x)) (f64x2.splat (local.get $y))))
    (f64x2.extract_lane 1 (f64x2.max (f64x2.splat (local.get $x)) (f64x2.splat (local.get $y))))
    (f64x2.extract_lane 0 (f64x2.pmin (f64x2.splat (local.get $x)) (f64x2.splat (local.get $y))))
    (f64x2.extract_lane 0 (f64x2.pmax (f64x2.splat (local.get $x)) (f64x2.splat (local.get $y)))))
  (func (export "rounding") (param $x f32) (result f32 f32 f32 f32 f64)
    (f32x4.extract_lane 0 (f32x4.nearest (f32x4.splat (local.get $x))))
    (f32x4.extract_lane 1 (f32x4.ceil (f32x4.splat (local.get $x))))
    (f32x4.extract_lane 2 (f32x4.floor (f32x4.splat (local.get $x))))
    (f32x4.extract_lane 3 (f32x4.trunc (f32x4.splat (local.get $x))))
    (f64x2.extract_lane 1 (f64x2.nearest (f64x2.splat (f64.promote_f32 (local.get $x))))))
  (func (export "trunc_sat") (param $x f32) (param $d f64) (result v128 v128 v128 v128)
    (i32x4.trunc_sat_f32x4_s (f32x4.splat (local.get $x)))
    (i32x4.trunc_sat_f32x4_u (f32x4.splat (local.get $x)))
    (i32x4.trunc_sat_f64x2_s_zero (f64x2.splat (local.get $d)))
    (i32x4.trunc_sat_f64x2_u_zero (f64x2.splat (local.get $d))))
  (func (export "convert") (param $x i32) (result v128 v128 f64 f64)
    (f32x4.convert_i32x4_u (i32x4.splat (local.get $x)))
    (f32x4.convert_i32x4_s (i32x4.splat (local.get $x)))
    (f64x2.extract_lane 1 (f64x2.convert_low_i32x4_u (i32x4.splat (local.get $x))))
    (f64x2.extract_lane 1 (f64x2.convert_low_i32x4_s (i32x4.splat (local.get $x)))))
  (func (export "demote") (param $d f64) (result v128 f64)
    (f32x4.demote_f64x2_zero (f64x2.splat (local.get $d)))
    (f64x2.extract_lane 1 (f64x2.promote_low_f32x4
      (f32x4.demote_f64x2_zero (f64x2.splat (local.get $d)))))))
