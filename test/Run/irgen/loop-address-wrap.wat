;; Loops whose 32-bit addresses are affine get 64-bit pointer induction
;; variables in a versioned copy (LoopAddressing.cpp). In a loop without
;; calls the copy is chosen by one compare of the memory's size: below
;; 4 GiB - 64 KiB an address cannot wrap around 2^32 without an earlier
;; access trapping first; in a loop with calls by no-wrap checks over the
;; trip count. Either way the unchanged loop must run when an address
;; wraps, and access the wrapped (low) addresses, as wasm's i32 arithmetic
;; says (in guard mode a 64-bit address would fault in the guard region).
;; `sum p from to` adds the i32s at p + 4i for i in [from, to); `sum_call`
;; is the same loop calling memory.grow 0 (so memory may grow in it); `sum_skip` loops over i in [0, to)
;; but loads only from i >= 4, so with p = -16 the address has wrapped
;; before its first load (0, 4, 8, ...).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=IR
;; RUN: %wasmkiln run --invoke=sum %t.wasm -16 4 12 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --invoke=sum %t.wasm 0 0 8 | FileCheck %s --check-prefix=SUM
;; RUN: not %wasmkiln run --invoke=sum %t.wasm -16 0 8 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --invoke=sum %t.wasm -8 0 1000 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: %wasmkiln run --invoke=sum_call %t.wasm -16 4 12 | FileCheck %s --check-prefix=SUM
;; RUN: not %wasmkiln run --invoke=sum_call %t.wasm -16 0 8 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: %wasmkiln run --invoke=sum_skip %t.wasm -16 12 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=sum_skip %t.wasm -16 12 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --invoke=fill_then_sum %t.wasm -8 2 10 | FileCheck %s --check-prefix=FILL
;; RUN: %wasmkiln run --invoke=copy_then_sum %t.wasm -4 1 9 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln -O2 %t.wasm -c -o %t.o
;; With a 4 GiB memory nothing traps: the checks must pick the copy.
;; RUN: wat2wasm %S/Inputs/loop-address-wrap-4gib.wat -o %t.4gib.wasm
;; RUN: %wasmkiln run --invoke=sum %t.4gib.wasm -16 0 8 | FileCheck %s --check-prefix=FOURGIB
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=sum %t.4gib.wasm -16 0 8 | FileCheck %s --check-prefix=FOURGIB
;; RUN: %wasmkiln run --invoke=sum_call %t.4gib.wasm -16 0 8 | FileCheck %s --check-prefix=FOURGIB
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=sum_call %t.4gib.wasm -16 0 8 | FileCheck %s --check-prefix=FOURGIB
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:sum"(
;; IR: %memory0.size = load i64
;; IR: br i1 %{{.*}}, label %loop.wrap{{.*}}, label %loop.wide.ph
;; IR: loop.wrap:
;; IR: loop.wide.ph:
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:sum_call"(
;; IR-NOT: memory0.size
;; IR: br i1 %{{.*}}, label %loop.wrap{{.*}}, label %loop.wide.ph
;; SUM: {{^}}36{{$}}
;; OOB: wasm trap: out of bounds memory access
;; FILL: {{^}}56{{$}}
;; FOURGIB: {{^}}10{{$}}
(module
  (memory 1)
  ;; mem[4k] = k + 1 for k in 0..16
  (func $init
    (local $k i32)
    (loop $l
      (i32.store (i32.shl (local.get $k) (i32.const 2))
                 (i32.add (local.get $k) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 16)))))
  (start $init)
  (func $sum (export "sum") (param $p i32) (param $from i32) (param $to i32)
    (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $from))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p)
                           (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (local.get $s))
  (func $nothing (drop (memory.grow (i32.const 0))))
  (func (export "sum_call") (param $p i32) (param $from i32) (param $to i32)
    (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $from))
    (loop $l
      (call $nothing)
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p)
                           (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (local.get $s))
  (func (export "sum_skip") (param $p i32) (param $to i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (if (i32.ge_u (local.get $i) (i32.const 4))
        (then
          (local.set $s (i32.add (local.get $s)
            (i32.load (i32.add (local.get $p)
                               (i32.shl (local.get $i) (i32.const 2))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (local.get $s))
  ;; mem[p + 4i] = 7 for i in [from, to), then the sum of mem[0..32)
  (func (export "fill_then_sum") (param $p i32) (param $from i32)
    (param $to i32) (result i32)
    (local $i i32)
    (local.set $i (local.get $from))
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.const 7))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (call $sum (i32.const 0) (i32.const 0) (i32.const 8)))
  ;; mem[p + 4i + 32] = mem[p + 4i] for i in [from, to), then the sum of
  ;; mem[32..64)
  (func (export "copy_then_sum") (param $p i32) (param $from i32)
    (param $to i32) (result i32)
    (local $i i32) (local $a i32)
    (local.set $i (local.get $from))
    (loop $l
      (local.set $a (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))
      (i32.store offset=32 (local.get $a) (i32.load (local.get $a)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (call $sum (i32.const 32) (i32.const 0) (i32.const 8))))
