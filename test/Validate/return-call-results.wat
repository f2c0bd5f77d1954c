;; A tail call's callee must return exactly the caller's results: the
;; callee's frame replaces the caller's, its results are the caller's.
;; RUN: wat2wasm --enable-tail-call --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; RUN: wat2wasm --enable-tail-call --no-check %S/Inputs/return-call-indirect-results.wat -o %t.indirect.wasm
;; RUN: not %wasmkiln --validate %t.indirect.wasm 2>&1 | FileCheck %s
;; RUN: wat2wasm --enable-tail-call %S/Inputs/return-call-valid.wat -o %t.valid.wasm
;; RUN: %wasmkiln --validate %t.valid.wasm
;; CHECK: .wasm:0x{{[0-9a-f]+}}: error: type mismatch
(module
  (func $i64 (result i64) (i64.const 0))
  (func (result i32) (return_call $i64)))
