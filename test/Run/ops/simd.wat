;; A few SIMD operations end to end (the spec suite covers every one).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=dot %t.wasm | FileCheck %s --check-prefix=DOT
;; DOT: 70
;; RUN: %wasmkiln run --invoke=sat %t.wasm | FileCheck %s --check-prefix=SAT
;; SAT: 255
;; RUN: %wasmkiln run --invoke=swizzle %t.wasm | FileCheck %s --check-prefix=SWZ
;; SWZ: 0
(module
  (memory 1)
  (func (export "dot") (result i32)
    (local $v v128)
    (local.set $v (i32x4.mul (v128.const i32x4 1 2 3 4) (v128.const i32x4 1 2 3 4)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
             (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v))))
    (i32.const 40) (i32.add))
  (func (export "sat") (result i32)
    (i8x16.extract_lane_u 0 (i8x16.add_sat_u (i8x16.splat (i32.const 200)) (i8x16.splat (i32.const 100)))))
  (func (export "swizzle") (result i32)
    (i8x16.extract_lane_u 0 (i8x16.swizzle (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)
                                           (v128.const i8x16 16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))))
