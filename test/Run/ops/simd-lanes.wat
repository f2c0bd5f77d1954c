;; SIMD lane movement and tests: swizzle's zero for every index >= 16 (also
;; those x86 pshufb would wrap), shuffle across both operands, sign of lane
;; extraction, replace_lane truncation, bitmask/all_true/any_true, bitselect.
;; Operands come from arguments so nothing folds away; both -O0 and -O2.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=swizzle %t.wasm 16 | FileCheck %s --check-prefix=SWZ
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm 16 | FileCheck %s --check-prefix=SWZ
;; SWZ: v128 0x13121110 0x0 0x0 0x1f000000
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm 3 | FileCheck %s --check-prefix=SWZ3
;; SWZ3: v128 0x13121110 0x0 0x13 0x1f000000
;; RUN: %wasmkiln run -O0 --invoke=shuffle %t.wasm 1 | FileCheck %s --check-prefix=SHUF
;; RUN: %wasmkiln run --invoke=shuffle %t.wasm 1 | FileCheck %s --check-prefix=SHUF
;; SHUF: v128 0x1f00100f 0x2020202 0x1010101 0x3020100
;; RUN: %wasmkiln run -O0 --invoke=extract %t.wasm 200 | FileCheck %s --check-prefix=EXTRACT
;; RUN: %wasmkiln run --invoke=extract %t.wasm 200 | FileCheck %s --check-prefix=EXTRACT
;; EXTRACT: -56
;; EXTRACT-NEXT: 200
;; EXTRACT-NEXT: -14336
;; EXTRACT-NEXT: 51200
;; RUN: %wasmkiln run --invoke=replace %t.wasm 0x12345 | FileCheck %s --check-prefix=REPLACE
;; REPLACE: v128 0x2345 0x45000000 0x0 0x12345
;; RUN: %wasmkiln run -O0 --invoke=tests %t.wasm -1 | FileCheck %s --check-prefix=TESTS
;; RUN: %wasmkiln run --invoke=tests %t.wasm -1 | FileCheck %s --check-prefix=TESTS
;; TESTS: 32775
;; TESTS-NEXT: 129
;; TESTS-NEXT: 8
;; TESTS-NEXT: 3
;; TESTS-NEXT: 0
;; TESTS-NEXT: 1
;; TESTS-NEXT: 1
;; RUN: %wasmkiln run --invoke=tests %t.wasm 0 | FileCheck %s --check-prefix=TESTS0
;; TESTS0: 32774
;; TESTS0-NEXT: 129
;; TESTS0-NEXT: 8
;; TESTS0-NEXT: 0
;; TESTS0-NEXT: 0
;; TESTS0-NEXT: 0
;; TESTS0-NEXT: 0
;; RUN: %wasmkiln run --invoke=bitselect %t.wasm 0xff00ff00 | FileCheck %s --check-prefix=BITSEL
;; BITSEL: v128 0xaa55aa55 0xaa55aa55 0xaa55aa55 0xaa55aa55
(module
  (func (export "swizzle") (param $i i32) (result v128)
    (i8x16.swizzle
      (v128.const i8x16 0x10 0x11 0x12 0x13 0x14 0x15 0x16 0x17
                        0x18 0x19 0x1a 0x1b 0x1c 0x1d 0x1e 0x1f)
      (i8x16.replace_lane 8 (v128.const i8x16 0 1 2 3 16 17 31 32
                                              0 0x70 0x7f 0x80 0x8f 0xf0 0xff 15)
                            (local.get $i))))
  (func (export "shuffle") (param $x i32) (result v128)
    (i8x16.shuffle 15 16 0 31 2 2 2 2 1 1 1 1 0 1 2 3
      (i8x16.add (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                 (i8x16.splat (i32.sub (local.get $x) (i32.const 1))))
      (v128.const i8x16 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31)))
  (func (export "extract") (param $x i32) (result i32 i32 i32 i32)
    (i8x16.extract_lane_s 5 (i8x16.splat (local.get $x)))
    (i8x16.extract_lane_u 5 (i8x16.splat (local.get $x)))
    (i16x8.extract_lane_s 7 (i16x8.splat (i32.shl (local.get $x) (i32.const 8))))
    (i16x8.extract_lane_u 7 (i16x8.splat (i32.shl (local.get $x) (i32.const 8)))))
  (func (export "replace") (param $x i32) (result v128)
    (i32x4.replace_lane 3
      (i8x16.replace_lane 7
        (i16x8.replace_lane 0 (v128.const i64x2 0 0) (local.get $x))
        (local.get $x))
      (local.get $x)))
  (func (export "tests") (param $x i32) (result i32 i32 i32 i32 i32 i32 i32)
    (local $v v128)
    (local.set $v (i8x16.replace_lane 0
      (v128.const i8x16 0 -1 -128 127 0 0 0 0 0 0 0 0 0 0 0 -5) (local.get $x)))
    (i8x16.bitmask (local.get $v))
    (i16x8.bitmask (local.get $v))
    (i32x4.bitmask (local.get $v))
    (i64x2.bitmask (i64x2.splat (i64.extend_i32_s (local.get $x))))
    (i8x16.all_true (local.get $v))
    (i16x8.all_true (i16x8.splat (i32.or (i32.const 0x10000) (local.get $x))))
    (v128.any_true (i32x4.splat (local.get $x))))
  (func (export "bitselect") (param $x i32) (result v128)
    (v128.bitselect (i32x4.splat (i32.const 0xaaaaaaaa))
                    (i32x4.splat (i32.const 0x55555555))
                    (i32x4.splat (local.get $x)))))
