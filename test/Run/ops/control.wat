;; Control flow: blocks with results, multi-value blocks and functions,
;; br_table, loops, if/else, and recursion.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=classify %t.wasm 0 | FileCheck %s --check-prefix=C0
;; C0: 100
;; RUN: %wasmkiln run --invoke=classify %t.wasm 2 | FileCheck %s --check-prefix=C2
;; C2: 102
;; RUN: %wasmkiln run --invoke=classify %t.wasm 99 | FileCheck %s --check-prefix=CDEF
;; CDEF: 103
;; RUN: %wasmkiln run --invoke=sum_to %t.wasm 100 | FileCheck %s --check-prefix=SUM
;; SUM: 5050
;; RUN: %wasmkiln run --invoke=swap %t.wasm 1 2 | FileCheck %s --check-prefix=SWAP
;; SWAP: 2
;; SWAP-NEXT: 1
;; RUN: %wasmkiln run --invoke=divmod %t.wasm 17 5 | FileCheck %s --check-prefix=DIVMOD
;; DIVMOD: 3
;; DIVMOD-NEXT: 2
;; RUN: %wasmkiln run --invoke=fib %t.wasm 20 | FileCheck %s --check-prefix=FIB
;; FIB: 6765
;; RUN: %wasmkiln run --invoke=select %t.wasm 0 | FileCheck %s --check-prefix=SEL
;; SEL: 20
(module
  (func (export "classify") (param i32) (result i32)
    (block $d (block $c2 (block $c1 (block $c0
      (br_table $c0 $c1 $c2 $d (local.get 0)))
      (return (i32.const 100)))
      (return (i32.const 101)))
      (return (i32.const 102)))
    (i32.const 103))
  (func (export "sum_to") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "swap") (param i32 i32) (result i32 i32)
    (local.get 0) (local.get 1)
    (block (param i32 i32) (result i32 i32)
      (local.set 0) (local.set 1) (local.get 0) (local.get 1)))
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "select") (param i32) (result i32)
    (select (i32.const 10) (i32.const 20) (local.get 0))))
