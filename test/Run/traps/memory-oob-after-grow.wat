;; A trap ends the program with "wasm trap: <message>" on stderr and exit
;; status 134, in both bounds-check modes.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; CHECK: wasm trap: out of bounds memory access
;; After memory.grow the new page is accessible, the one after it is not.
(module
  (memory 1 4)
  (func (export "_start")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 131068) (i32.const 1))
    (drop (i32.load (i32.const 131072)))))
