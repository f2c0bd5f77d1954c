;; Relaxed SIMD: each operator gives one of the results the spec allows, the
;; one docs/conformance.md names for x86-64 (the JIT compiles for the same
;; x86-64-v2 baseline as the AOT path, so both give these). Inputs are the
;; cases where the allowed results differ. Operands come from arguments.
;; RUN: wat2wasm --enable-all %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=trunc_f32 %t.wasm -1.5 3000000000 5e9 nan | FileCheck %s --check-prefix=TRUNC32
;; RUN: %wasmkiln run --invoke=trunc_f32 %t.wasm -1.5 3000000000 5e9 nan | FileCheck %s --check-prefix=TRUNC32
;; cvttps2dq: INT32_MIN for out-of-range and NaN; unsigned saturates.
;; TRUNC32: v128 0xffffffff 0x80000000 0x80000000 0x80000000
;; TRUNC32-NEXT: v128 0x0 0xb2d05e00 0xffffffff 0x0
;; RUN: %wasmkiln run --invoke=trunc_f32 %t.wasm 2147483648 4294967040 1.9 -inf | FileCheck %s --check-prefix=TRUNC32B
;; TRUNC32B: v128 0x80000000 0x80000000 0x1 0x80000000
;; TRUNC32B-NEXT: v128 0x80000000 0xffffff00 0x1 0x0
;; RUN: %wasmkiln run -O0 --invoke=trunc_f64 %t.wasm -2147483649 4294967295.5 | FileCheck %s --check-prefix=TRUNC64
;; RUN: %wasmkiln run --invoke=trunc_f64 %t.wasm -2147483649 4294967295.5 | FileCheck %s --check-prefix=TRUNC64
;; TRUNC64: v128 0x80000000 0x80000000 0x0 0x0
;; TRUNC64-NEXT: v128 0x0 0xffffffff 0x0 0x0
;; RUN: %wasmkiln run --invoke=trunc_f64 %t.wasm nan 5e9 | FileCheck %s --check-prefix=TRUNC64B
;; TRUNC64B: v128 0x80000000 0x80000000 0x0 0x0
;; TRUNC64B-NEXT: v128 0x0 0xffffffff 0x0 0x0

;; pshufb: index 0x13 (19) takes lane 3, 0x80 gives 0, 15 lane 15.
;; RUN: %wasmkiln run -O0 --invoke=swizzle %t.wasm 0x13 | FileCheck %s --check-prefix=SWZ19
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm 0x13 | FileCheck %s --check-prefix=SWZ19
;; SWZ19: v128 0x3030303 0x3030303 0x3030303 0x3030303
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm 0x80 | FileCheck %s --check-prefix=SWZ128
;; SWZ128: v128 0x0 0x0 0x0 0x0
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm 15 | FileCheck %s --check-prefix=SWZ15
;; SWZ15: v128 0xf0f0f0f 0xf0f0f0f 0xf0f0f0f 0xf0f0f0f

;; Unfused on x86-64: (1+2^-23)^2 - (1+2^-22) is 0 rounded twice, 2^-46
;; fused; likewise in f64 with 2^-52. nmadd: -(a*b) + (1+2^-22).
;; RUN: %wasmkiln run -O0 --invoke=madd %t.wasm 0x1.000002p0 0x1.000002p0 -0x1.000004p0 | FileCheck %s --check-prefix=MADD
;; RUN: %wasmkiln run --invoke=madd %t.wasm 0x1.000002p0 0x1.000002p0 -0x1.000004p0 | FileCheck %s --check-prefix=MADD
;; RUN: %wasmkiln run -O0 --invoke=madd64 %t.wasm 0x1.0000000000001p0 0x1.0000000000001p0 -0x1.0000000000002p0 | FileCheck %s --check-prefix=MADD
;; RUN: %wasmkiln run --invoke=madd64 %t.wasm 0x1.0000000000001p0 0x1.0000000000001p0 -0x1.0000000000002p0 | FileCheck %s --check-prefix=MADD
;; MADD: v128 0x0 0x0 0x0 0x0
;; MADD-NEXT: v128 0x0 0x0 0x0 0x0

;; The top bit of each mask byte (i8x16, i16x8) or lane picks a (0x1234...)
;; or b (0x5678...).
;; RUN: %wasmkiln run -O0 --invoke=laneselect %t.wasm 0x00800080 | FileCheck %s --check-prefix=SEL
;; RUN: %wasmkiln run --invoke=laneselect %t.wasm 0x00800080 | FileCheck %s --check-prefix=SEL
;; SEL: v128 0x56345634 0x56345634 0x56345634 0x56345634
;; SEL-NEXT: v128 0x56345634 0x56345634 0x56345634 0x56345634
;; SEL-NEXT: v128 0x56785678 0x56785678 0x56785678 0x56785678
;; SEL-NEXT: v128 0x56785678 0x56785678 0x56785678 0x56785678
;; RUN: %wasmkiln run --invoke=laneselect %t.wasm 0x80000000 | FileCheck %s --check-prefix=SELTOP
;; SELTOP: v128 0x12785678 0x12785678 0x12785678 0x12785678
;; SELTOP-NEXT: v128 0x12785678 0x12785678 0x12785678 0x12785678
;; SELTOP-NEXT: v128 0x12341234 0x12341234 0x12341234 0x12341234
;; SELTOP-NEXT: v128 0x12341234 0x12341234 0x12341234 0x12341234

;; minps/maxps return the second operand for NaN and for zeros of either sign.
;; RUN: %wasmkiln run -O0 --invoke=minmax %t.wasm nan 1 | FileCheck %s --check-prefix=MMNAN
;; RUN: %wasmkiln run --invoke=minmax %t.wasm nan 1 | FileCheck %s --check-prefix=MMNAN
;; MMNAN: v128 0x3f800000 0x3f800000 0x3f800000 0x3f800000
;; MMNAN-NEXT: v128 0x3f800000 0x3f800000 0x3f800000 0x3f800000
;; MMNAN-NEXT: v128 0x0 0x3ff00000 0x0 0x3ff00000
;; MMNAN-NEXT: v128 0x0 0x3ff00000 0x0 0x3ff00000
;; RUN: %wasmkiln run --invoke=minmax %t.wasm 1 nan | FileCheck %s --check-prefix=MMNAN2
;; MMNAN2: v128 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000
;; MMNAN2-NEXT: v128 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000
;; MMNAN2-NEXT: v128 0x0 0x7ff80000 0x0 0x7ff80000
;; MMNAN2-NEXT: v128 0x0 0x7ff80000 0x0 0x7ff80000
;; RUN: %wasmkiln run --invoke=minmax %t.wasm -0 0 | FileCheck %s --check-prefix=MMZERO
;; MMZERO: v128 0x0 0x0 0x0 0x0
;; MMZERO-NEXT: v128 0x0 0x0 0x0 0x0
;; MMZERO-NEXT: v128 0x0 0x0 0x0 0x0
;; MMZERO-NEXT: v128 0x0 0x0 0x0 0x0

;; pmulhrsw wraps -32768 * -32768 to -32768 (q15mulr_sat_s gives 32767).
;; RUN: %wasmkiln run -O0 --invoke=q15mulr %t.wasm -32768 -32768 | FileCheck %s --check-prefix=Q15
;; RUN: %wasmkiln run --invoke=q15mulr %t.wasm -32768 -32768 | FileCheck %s --check-prefix=Q15
;; Q15: v128 0x80008000 0x80008000 0x80008000 0x80008000
;; RUN: %wasmkiln run --invoke=q15mulr %t.wasm 16384 -16384 | FileCheck %s --check-prefix=Q15B
;; Q15B: v128 0xe000e000 0xe000e000 0xe000e000 0xe000e000

;; pmaddubsw: the second operand's bytes unsigned, the sum saturated:
;; -128 * 129 * 2 = -33024 -> -32768; the add form then -65536 + c.
;; RUN: %wasmkiln run -O0 --invoke=dot %t.wasm -128 -127 5 | FileCheck %s --check-prefix=DOT
;; RUN: %wasmkiln run --invoke=dot %t.wasm -128 -127 5 | FileCheck %s --check-prefix=DOT
;; DOT: v128 0x80008000 0x80008000 0x80008000 0x80008000
;; DOT-NEXT: v128 0xffff0005 0xffff0005 0xffff0005 0xffff0005
;; RUN: %wasmkiln run --invoke=dot %t.wasm -128 127 1 | FileCheck %s --check-prefix=DOT7
;; DOT7: v128 0x81008100 0x81008100 0x81008100 0x81008100
;; DOT7-NEXT: v128 0xffff0201 0xffff0201 0xffff0201 0xffff0201

(module
  (func $f32x4 (param f32 f32 f32 f32) (result v128)
    (f32x4.replace_lane 3
      (f32x4.replace_lane 2
        (f32x4.replace_lane 1 (f32x4.splat (local.get 0)) (local.get 1))
        (local.get 2))
      (local.get 3)))
  (func (export "trunc_f32") (param f32 f32 f32 f32) (result v128 v128)
    (local v128)
    (local.set 4 (call $f32x4 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
    (i32x4.relaxed_trunc_f32x4_s (local.get 4))
    (i32x4.relaxed_trunc_f32x4_u (local.get 4)))
  (func (export "trunc_f64") (param f64 f64) (result v128 v128)
    (local v128)
    (local.set 2 (f64x2.replace_lane 1 (f64x2.splat (local.get 0)) (local.get 1)))
    (i32x4.relaxed_trunc_f64x2_s_zero (local.get 2))
    (i32x4.relaxed_trunc_f64x2_u_zero (local.get 2)))
  (func (export "swizzle") (param i32) (result v128)
    (i8x16.relaxed_swizzle
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
      (i8x16.splat (local.get 0))))
  (func (export "madd") (param f32 f32 f32) (result v128 v128)
    (f32x4.relaxed_madd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
                        (f32x4.splat (local.get 2)))
    (f32x4.relaxed_nmadd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
                         (f32x4.neg (f32x4.splat (local.get 2)))))
  (func (export "madd64") (param f64 f64 f64) (result v128 v128)
    (f64x2.relaxed_madd (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1))
                        (f64x2.splat (local.get 2)))
    (f64x2.relaxed_nmadd (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1))
                         (f64x2.neg (f64x2.splat (local.get 2)))))
  (func (export "laneselect") (param i32) (result v128 v128 v128 v128)
    (local v128 v128 v128)
    (local.set 1 (i32x4.splat (i32.const 0x12341234)))
    (local.set 2 (i32x4.splat (i32.const 0x56785678)))
    (local.set 3 (i32x4.splat (local.get 0)))
    (i8x16.relaxed_laneselect (local.get 1) (local.get 2) (local.get 3))
    (i16x8.relaxed_laneselect (local.get 1) (local.get 2) (local.get 3))
    (i32x4.relaxed_laneselect (local.get 1) (local.get 2) (local.get 3))
    (i64x2.relaxed_laneselect (local.get 1) (local.get 2) (local.get 3)))
  (func (export "minmax") (param f32 f32) (result v128 v128 v128 v128)
    (f32x4.relaxed_min (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)))
    (f32x4.relaxed_max (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)))
    (f64x2.relaxed_min (f64x2.splat (f64.promote_f32 (local.get 0)))
                       (f64x2.splat (f64.promote_f32 (local.get 1))))
    (f64x2.relaxed_max (f64x2.splat (f64.promote_f32 (local.get 0)))
                       (f64x2.splat (f64.promote_f32 (local.get 1)))))
  (func (export "q15mulr") (param i32 i32) (result v128)
    (i16x8.relaxed_q15mulr_s (i16x8.splat (local.get 0)) (i16x8.splat (local.get 1))))
  (func (export "dot") (param i32 i32 i32) (result v128 v128)
    (i16x8.dot_i8x16_i7x16_s (i8x16.splat (local.get 0)) (i8x16.splat (local.get 1)))
    (i32x4.dot_i8x16_i7x16_add_s (i8x16.splat (local.get 0)) (i8x16.splat (local.get 1))
                                 (i32x4.splat (local.get 2))))
)
