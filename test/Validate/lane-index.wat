;; Lane immediates are bounded by the shape's lane count.
;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: invalid lane index
(module
  (func (result i64)
    (i64x2.extract_lane 2 (v128.const i64x2 0 0))))
