;; A trap ends the program with "wasm trap: <message>" on stderr and exit
;; status 134, in both bounds-check modes.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; CHECK: wasm trap: out of bounds table access
(module
  (table 2 funcref)
  (global $i (mut i32) (i32.const 2))
  (func (export "_start")
    (drop (table.get 0 (global.get $i)))))
