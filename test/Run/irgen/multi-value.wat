;; Multi-value everywhere: block and loop parameters, if with parameters and
;; no else, functions returning several values (literal structs), direct and
;; indirect calls of them, and results flowing through br to an outer label.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=triple %t.wasm 5 | FileCheck %s --check-prefix=TRIPLE
;; TRIPLE: 5
;; TRIPLE-NEXT: 6
;; TRIPLE-NEXT: 7
;; RUN: %wasmkiln run --invoke=sum3 %t.wasm 10 | FileCheck %s --check-prefix=SUM3
;; SUM3: 33
;; RUN: %wasmkiln run --invoke=indirect %t.wasm 1 | FileCheck %s --check-prefix=IND
;; IND: 2
;; IND-NEXT: 3
;; IND-NEXT: 4
;; RUN: %wasmkiln run --invoke=loop_params %t.wasm 10 | FileCheck %s --check-prefix=LOOP
;; LOOP: 55
;; LOOP-NEXT: 0
;; RUN: %wasmkiln run --invoke=if_no_else %t.wasm 0 | FileCheck %s --check-prefix=IF0
;; IF0: 7
;; IF0-NEXT: 8
;; RUN: %wasmkiln run --invoke=if_no_else %t.wasm 1 | FileCheck %s --check-prefix=IF1
;; IF1: 8
;; IF1-NEXT: 7
;; RUN: %wasmkiln run --invoke=br_out %t.wasm 3 | FileCheck %s --check-prefix=BROUT
;; BROUT: 30
;; BROUT-NEXT: 4
;; RUN: %wasmkiln run --invoke=br_out %t.wasm 0 | FileCheck %s --check-prefix=BROUT0
;; BROUT0: -1
;; BROUT0-NEXT: -2
(module
  (type $three (func (param i32) (result i32 i32 i32)))
  (table funcref (elem $triple))
  (func $triple (export "triple") (type $three)
    (local.get 0)
    (i32.add (local.get 0) (i32.const 1))
    (i32.add (local.get 0) (i32.const 2)))
  (func (export "sum3") (param i32) (result i32)
    (call $triple (local.get 0))
    (i32.add) (i32.add))
  (func (export "indirect") (param i32) (result i32 i32 i32)
    (call_indirect (type $three) (i32.add (local.get 0) (i32.const 1))
                   (i32.const 0)))
  ;; Sum n + (n-1) + ... + 1 with the accumulator and counter as loop params.
  (func (export "loop_params") (param $n i32) (result i32 i32)
    (i32.const 0) (local.get $n)
    (loop $l (param i32 i32) (result i32 i32)
      (local.set $n)
      (i32.add (local.get $n))
      (i32.sub (local.get $n) (i32.const 1))
      (br_if $l (i32.ne (local.get $n) (i32.const 1)))))
  ;; Swaps the pair when the flag is set; passes it through otherwise.
  (func (export "if_no_else") (param i32) (result i32 i32)
    (local $tmp i32)
    (i32.const 7) (i32.const 8)
    (if (param i32 i32) (result i32 i32) (local.get 0)
      (then (local.set $tmp) (local.get $tmp)
            (drop) (drop) (i32.const 8) (i32.const 7))))
  (func (export "br_out") (param i32) (result i32 i32)
    (block $out (result i32 i32)
      (block (result i32 i32)
        (br_if $out (i32.const -1) (i32.const -2) (i32.eqz (local.get 0)))
        (drop) (drop)
        (i32.mul (local.get 0) (i32.const 10))
        (i32.add (local.get 0) (i32.const 1))
        (br 1)))))
