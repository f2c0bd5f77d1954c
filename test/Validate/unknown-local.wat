;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: unknown local
(module
  (func (param i32) (result i32)
    (local.get 3)))
