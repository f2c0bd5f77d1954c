;; select without a type annotation only chooses between numbers or vectors.
;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: type mismatch
(module
  (func (param funcref funcref) (result funcref)
    (select (local.get 0) (local.get 1) (i32.const 1))))
