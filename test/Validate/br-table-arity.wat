;; br_table's targets must agree in arity with its default, even where the
;; operand stack is polymorphic.
;; RUN: wat2wasm --no-check %s -o %t.wasm
;; RUN: not %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: br-table-arity.wat.tmp.wasm:0x{{[0-9a-f]+}}: error: type mismatch
(module
  (func (result i32)
    (block (result i32)
      (block
        (unreachable)
        (br_table 0 1))
      (i32.const 0))))
