;; Loops over two memories at -O2: BoundsCheckOpt and LoopAddressing must
;; keep each memory's checks apart. Memory 0 has 4 pages, memory 1 one, so a
;; check of memory 0 proves nothing about memory 1 (sum_both checks the same
;; index in both; fill_small_calls calls in the loop, which takes the
;; no-wrap-predicate path).
;; RUN: %wasmkiln run -O2 --bounds-checks=explicit --invoke=fill_small %s 65536 | FileCheck %s --check-prefix=FILLED
;; RUN: %wasmkiln run -O2 --invoke=fill_small %s 65536 | FileCheck %s --check-prefix=FILLED
;; FILLED: 65532
;; RUN: not %wasmkiln run -O2 --bounds-checks=explicit --invoke=fill_small %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: not %wasmkiln run -O2 --invoke=fill_small %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: %wasmkiln run -O2 --bounds-checks=explicit --invoke=fill_small_calls %s 65536 | FileCheck %s --check-prefix=ZERO
;; RUN: not %wasmkiln run -O2 --bounds-checks=explicit --invoke=fill_small_calls %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: not %wasmkiln run -O2 --invoke=fill_small_calls %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: %wasmkiln run -O2 --bounds-checks=explicit --invoke=sum_both %s 65536 | FileCheck %s --check-prefix=ZERO
;; RUN: not %wasmkiln run -O2 --bounds-checks=explicit --invoke=sum_both %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: not %wasmkiln run -O2 --invoke=sum_both %s 65540 2>&1 | FileCheck %s --check-prefix=TRAP
;; ZERO: {{^0$}}
;; TRAP: wasm trap: out of bounds memory access
(module
  (memory $big 4)
  (memory $small 1)
  (func $nop)
  (func (export "fill_small") (param $n i32) (result i32) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store $small (local.get $i) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (i32.load $small (i32.const 65532)))
  (func (export "fill_small_calls") (param $n i32) (result i32) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (call $nop)
      (i32.store $small (local.get $i) (i32.load $big (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (i32.load $small (i32.const 65532)))
  (func (export "sum_both") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.add (i32.load $big (local.get $i)) (i32.load $small (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (local.get $s)))
