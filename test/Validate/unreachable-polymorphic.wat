;; After unreachable the operand stack is polymorphic: this is valid.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --validate %t.wasm
(module
  (func (result i32)
    (unreachable)
    (i32.add)))
