;; An out-of-bounds load traps even when its value is never used, including
;; when the value becomes dead only after optimisation (overwritten, masked
;; away, a select that folds). In guard mode only the executed load faults,
;; so every load must survive LLVM (differential execution finding D1: the
;; binaryen-generated module of seed 3 returned instead of trapping).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: not %wasmkiln run --invoke=overwritten %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --invoke=masked %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --invoke=folded_select %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --invoke=simd_overwritten %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --invoke=hash %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run -O3 --invoke=hash %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=masked %t.wasm 2>&1 | FileCheck %s
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; CHECK: wasm trap: out of bounds memory access
(module
  (memory 1)
  (func (export "overwritten") (result i32) (local i32)
    (local.set 0 (i32.load (i32.const -4)))
    (local.set 0 (i32.const 1))
    (local.get 0))
  (func (export "masked") (result i32)
    (i32.and (i32.load8_u (i32.const -1)) (i32.const 0)))
  (func (export "folded_select") (result i64)
    (select (i64.load offset=1 (i32.const 65535)) (i64.const 5) (i32.const 0)))
  (func (export "simd_overwritten") (result i32) (local v128)
    (local.set 0 (v128.load (i32.const 65530)))
    (local.set 0 (v128.const i32x4 0 0 0 0))
    (i32x4.extract_lane 0 (local.get 0)))
  ;; The shape binaryen's fuzzer produced: a hash step whose result is reset.
  (func (export "hash") (result i32) (local i32)
    (local.set 0 (i32.const 5381))
    (local.set 0 (i32.xor (i32.add (i32.shl (local.get 0) (i32.const 5))
                                   (local.get 0))
                          (i32.load8_u offset=1 (i32.const -776704))))
    (local.set 0 (i32.const 5381))
    (local.get 0))
  (func (export "_start") (drop (call 0))))
