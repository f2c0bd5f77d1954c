;; A trap ends the program with "wasm trap: <message>" on stderr and exit
;; status 134, in both bounds-check modes.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; CHECK: wasm trap: indirect call type mismatch
(module
  (type $void (func))
  (type $binary (func (param i32 i32) (result i32)))
  (table funcref (elem $f))
  (func $f (type $void))
  (func (export "_start")
    (drop (call_indirect (type $binary) (i32.const 1) (i32.const 2) (i32.const 0)))))
