;; Invalid modules (well-formed but ill-typed) are rejected with the offset
;; of the offending instruction.
;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln %t.wasm -o %t.exe 2>&1 | FileCheck %s
;; CHECK: invalid.wat.tmp.wasm:0x{{[0-9a-f]+}}: error: type mismatch
(module
  (func (result i32)
    (i64.const 1)))
