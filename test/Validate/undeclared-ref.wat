;; ref.func in a body may only name functions declared outside any body
;; (exports, element segments, global initialisers).
;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: undeclared function reference
(module
  (func $f)
  (func (drop (ref.func $f))))
