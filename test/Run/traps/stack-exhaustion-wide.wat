;; A trap ends the program with "wasm trap: <message>" on stderr and exit
;; status 134, in both bounds-check modes.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; CHECK: wasm trap: call stack exhausted
;; Frames with many live locals exhaust the stack sooner; still a trap.
(module
  (func $wide (param $n i64) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64)
    (local.set $a (i64.mul (local.get $n) (i64.const 3)))
    (local.set $b (i64.add (local.get $a) (i64.const 5)))
    (local.set $c (i64.xor (local.get $b) (local.get $n)))
    (local.set $d (i64.or (local.get $c) (local.get $a)))
    (i64.add (call $wide (i64.add (local.get $n) (i64.const 1)))
             (i64.add (i64.add (local.get $a) (local.get $b))
                      (i64.add (local.get $c) (local.get $d)))))
  (func (export "_start") (drop (call $wide (i64.const 0)))))
