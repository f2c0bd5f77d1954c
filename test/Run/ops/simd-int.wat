;; SIMD integer lanes: saturating add/sub, saturating narrowing, shift counts
;; taken modulo the lane width, q15mulr's one overflowing product, popcnt,
;; avgr_u's carry, abs of the minimum, dot's wrap-around, extmul and
;; extadd_pairwise. Operands come from arguments; both -O0 and -O2.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=sat %t.wasm 200 100 | FileCheck %s --check-prefix=SAT
;; RUN: %wasmkiln run --invoke=sat %t.wasm 200 100 | FileCheck %s --check-prefix=SAT
;; SAT: 255
;; SAT-NEXT: 44
;; SAT-NEXT: 100
;; SAT-NEXT: -128
;; SAT-NEXT: 0
;; SAT-NEXT: 32767
;; RUN: %wasmkiln run -O0 --invoke=narrow %t.wasm 300 | FileCheck %s --check-prefix=NARROW
;; RUN: %wasmkiln run --invoke=narrow %t.wasm 300 | FileCheck %s --check-prefix=NARROW
;; NARROW: v128 0x7f7f807f 0x7f7f8080 0x80817f80 0x80807f7f
;; NARROW-NEXT: v128 0x807f00ff 0xffff0000 0xff00 0x8180
;; NARROW-NEXT: v128 0xffff 0xffffffff 0x12c 0x8000
;; NARROW-NEXT: v128 0xffff7fff 0x7fff7fff 0xfed4012c 0x80007fff
;; RUN: %wasmkiln run -O0 --invoke=shifts %t.wasm 0x80000081 9 | FileCheck %s --check-prefix=SHIFT9
;; RUN: %wasmkiln run --invoke=shifts %t.wasm 0x80000081 9 | FileCheck %s --check-prefix=SHIFT9
;; SHIFT9: 2
;; SHIFT9-NEXT: -64
;; SHIFT9-NEXT: 64
;; SHIFT9-NEXT: -64
;; SHIFT9-NEXT: 66048
;; SHIFT9-NEXT: -4194304
;; RUN: %wasmkiln run --invoke=shifts %t.wasm 0x80000081 64 | FileCheck %s --check-prefix=SHIFT64
;; SHIFT64: 129
;; SHIFT64-NEXT: -127
;; SHIFT64-NEXT: 129
;; SHIFT64-NEXT: -32768
;; SHIFT64-NEXT: -2147483519
;; SHIFT64-NEXT: -2147483519
;; RUN: %wasmkiln run -O0 --invoke=q15 %t.wasm -32768 -32768 | FileCheck %s --check-prefix=Q15MIN
;; RUN: %wasmkiln run --invoke=q15 %t.wasm -32768 -32768 | FileCheck %s --check-prefix=Q15MIN
;; Q15MIN: 32767
;; RUN: %wasmkiln run --invoke=q15 %t.wasm -32768 32767 | FileCheck %s --check-prefix=Q15
;; Q15: -32767
;; RUN: %wasmkiln run -O0 --invoke=misc %t.wasm 255 | FileCheck %s --check-prefix=MISC
;; RUN: %wasmkiln run --invoke=misc %t.wasm 255 | FileCheck %s --check-prefix=MISC
;; MISC: 8
;; MISC-NEXT: 128
;; MISC-NEXT: -2147483648
;; MISC-NEXT: -2147483648
;; MISC-NEXT: 65025
;; MISC-NEXT: 510
;; MISC-NEXT: -2
(module
  (func (export "sat") (param $x i32) (param $y i32) (result i32 i32 i32 i32 i32 i32)
    (i8x16.extract_lane_u 0 (i8x16.add_sat_u (i8x16.splat (local.get $x)) (i8x16.splat (local.get $y))))
    (i8x16.extract_lane_s 0 (i8x16.add_sat_s (i8x16.splat (local.get $x)) (i8x16.splat (local.get $y))))
    (i8x16.extract_lane_u 0 (i8x16.sub_sat_u (i8x16.splat (local.get $x)) (i8x16.splat (local.get $y))))
    (i8x16.extract_lane_s 0 (i8x16.sub_sat_s (i8x16.splat (local.get $x)) (i8x16.splat (local.get $y))))
    (i16x8.extract_lane_u 0 (i16x8.sub_sat_u (i16x8.splat (local.get $y)) (i16x8.splat (local.get $x))))
    (i16x8.extract_lane_s 0 (i16x8.add_sat_s (i16x8.splat (i32.const 32700)) (i16x8.splat (local.get $y)))))
  ;; v = 300 -300 127 128 -128 -129 255 256, w = -v.
  (func (export "narrow") (param $x i32) (result v128 v128 v128 v128)
    (local $v v128) (local $w v128) (local $a v128) (local $b v128)
    (local.set $v (i16x8.replace_lane 0
      (v128.const i16x8 0 -300 127 128 -128 -129 255 256) (local.get $x)))
    (local.set $w (i16x8.neg (local.get $v)))
    (local.set $a (i32x4.replace_lane 0 (v128.const i32x4 0 -1 65535 65536)
                                        (i32.shl (local.get $x) (i32.const 8))))
    (local.set $b (i32x4.replace_lane 0 (v128.const i32x4 0 -300 32768 -32769)
                                        (local.get $x)))
    (i8x16.narrow_i16x8_s (local.get $v) (local.get $w))
    (i8x16.narrow_i16x8_u (local.get $v) (local.get $w))
    (i16x8.narrow_i32x4_u (local.get $a) (local.get $b))
    (i16x8.narrow_i32x4_s (local.get $a) (local.get $b)))
  (func (export "shifts") (param $x i32) (param $n i32) (result i32 i32 i32 i32 i32 i64)
    (i8x16.extract_lane_u 0 (i8x16.shl (i8x16.splat (local.get $x)) (local.get $n)))
    (i8x16.extract_lane_s 0 (i8x16.shr_s (i8x16.splat (local.get $x)) (local.get $n)))
    (i8x16.extract_lane_u 0 (i8x16.shr_u (i8x16.splat (local.get $x)) (local.get $n)))
    (i16x8.extract_lane_s 1 (i16x8.shr_s (i32x4.splat (local.get $x)) (local.get $n)))
    (i32x4.extract_lane 0 (i32x4.shl (i32x4.splat (local.get $x)) (local.get $n)))
    (i64x2.extract_lane 1 (i64x2.shr_s (i64x2.splat (i64.extend_i32_s (local.get $x)))
                                       (local.get $n))))
  (func (export "q15") (param $x i32) (param $y i32) (result i32)
    (i16x8.extract_lane_s 3 (i16x8.q15mulr_sat_s (i16x8.splat (local.get $x))
                                                 (i16x8.splat (local.get $y)))))
  (func (export "misc") (param $x i32) (result i32 i32 i32 i32 i32 i32 i32)
    (local $min16 v128)
    (local.set $min16 (i16x8.splat (i32.sub (i32.const -32513) (local.get $x))))
    (i8x16.extract_lane_u 0 (i8x16.popcnt (i8x16.splat (local.get $x))))
    (i8x16.extract_lane_u 0 (i8x16.avgr_u (i8x16.splat (local.get $x)) (v128.const i64x2 0 0)))
    (i32x4.extract_lane 2 (i32x4.abs (i32x4.splat
      (i32.xor (i32.const 0x80000000) (i32.sub (local.get $x) (i32.const 255))))))
    (i32x4.extract_lane 1 (i32x4.dot_i16x8_s (local.get $min16) (local.get $min16)))
    (i16x8.extract_lane_u 0 (i16x8.extmul_low_i8x16_u (i8x16.splat (local.get $x))
                                                      (i8x16.splat (local.get $x))))
    (i16x8.extract_lane_s 0 (i16x8.extadd_pairwise_i8x16_u (i8x16.splat (local.get $x))))
    (i16x8.extract_lane_s 0 (i16x8.extadd_pairwise_i8x16_s (i8x16.splat (local.get $x))))))
