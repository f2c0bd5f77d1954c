;; Branches and unreachable code: br_table with repeated targets carrying a
;; value (one phi entry per switch edge), blocks and ifs opened in dead code,
;; a loop whose end is never reached, and an if whose arms both leave.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=table %t.wasm 0 | FileCheck %s --check-prefix=T0
;; T0: 10
;; RUN: %wasmkiln run --invoke=table %t.wasm 1 | FileCheck %s --check-prefix=T1
;; T1: 21
;; RUN: %wasmkiln run --invoke=table %t.wasm 2 | FileCheck %s --check-prefix=T2
;; T2: 10
;; RUN: %wasmkiln run --invoke=table %t.wasm 9 | FileCheck %s --check-prefix=T9
;; T9: 21
;; RUN: %wasmkiln run --invoke=dead %t.wasm 4 | FileCheck %s --check-prefix=DEAD
;; DEAD: 4
;; RUN: %wasmkiln run --invoke=both_leave %t.wasm 1 | FileCheck %s --check-prefix=BOTH1
;; BOTH1: 100
;; RUN: %wasmkiln run --invoke=both_leave %t.wasm 0 | FileCheck %s --check-prefix=BOTH0
;; BOTH0: 200
;; RUN: %wasmkiln run --invoke=collatz %t.wasm 27 | FileCheck %s --check-prefix=COLLATZ
;; COLLATZ: 111
;; RUN: %wasmkiln --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %wasmkiln --bounds-checks=explicit -O3 %t.wasm -o %t.exe
(module
  (func (export "table") (param i32) (result i32)
    (i32.add
      (block $b (result i32)
        (i32.sub
          (block $a (result i32)
            (br_table $a $b $a $b (i32.const 10) (local.get 0)))
          (i32.const 0)))
      (block (result i32)
        (br_if 0 (i32.const 0) (i32.lt_u (local.get 0) (i32.const 5)))
        (drop) (i32.const 0)))
    (i32.add (i32.and (local.get 0) (i32.const 1)) (i32.const 0))
    (i32.mul (i32.const 11))
    (i32.add)
    (i32.sub (i32.mul (i32.and (local.get 0) (i32.const 1)) (i32.const 0))))
  (func (export "dead") (param i32) (result i32)
    (block $exit (result i32)
      (br $exit (local.get 0))
      (block (result i32)
        (if (result i32) (i32.const 1)
          (then (loop (result i32) (br 0)))
          (else (unreachable))))
      (drop)
      (i32.const 99)))
  (func (export "both_leave") (param i32) (result i32)
    (block $b (result i32)
      (if (local.get 0)
        (then (return (i32.const 100)))
        (else (br $b (i32.const 200))))
      (i32.const 300)))
  (func (export "collatz") (param $n i32) (result i32) (local $steps i32)
    (loop $next
      (if (i32.ne (local.get $n) (i32.const 1))
        (then
          (local.set $n
            (if (result i32) (i32.and (local.get $n) (i32.const 1))
              (then (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1)))
              (else (i32.shr_u (local.get $n) (i32.const 1)))))
          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
          (br $next))))
    (local.get $steps)))
