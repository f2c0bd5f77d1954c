;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: error: global is immutable
(module
  (global $g i32 (i32.const 0))
  (func (global.set $g (i32.const 1))))
