;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: alignment must not be larger than natural
(module
  (memory 1)
  (func (drop (i32.load align=8 (i32.const 0)))))
