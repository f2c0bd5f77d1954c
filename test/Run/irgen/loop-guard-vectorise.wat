;; In guard mode IRGen's loads and stores are volatile (IRGenFunction.cpp),
;; which keeps LLVM from vectorising; LoopAddressing.cpp gives a loop whose
;; accesses are all in bounds for every iteration (checked in the preheader)
;; plain loads and stores, and keeps the volatile loop for the entry where one
;; is not, so that the trap comes where the wasm's does, with every earlier
;; store done (test/Run/boundary/store-order.test reads memory after it).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O2 %t.wasm -o - | FileCheck %s --check-prefix=IR
;; Sums of i32s ending at the last byte of memory, and one byte past it.
;; RUN: %wasmkiln run --invoke=sum %t.wasm 65472 16 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=sum %t.wasm 65472 16 | FileCheck %s --check-prefix=SUM
;; RUN: not %wasmkiln run --invoke=sum %t.wasm 65473 16 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=sum %t.wasm 65473 16 2>&1 | FileCheck %s --check-prefix=OOB
;; c[j] += 2 * b[j] over f64, c's last element at the end of memory.
;; RUN: %wasmkiln run --invoke=axpy %t.wasm 65408 0 16 | FileCheck %s --check-prefix=AXPY
;; RUN: not %wasmkiln run --invoke=axpy %t.wasm 65409 0 16 2>&1 | FileCheck %s --check-prefix=OOB
;; a[i] = i, then s += b[i] in the same loop: b crosses the end at i = 8.
;; RUN: not %wasmkiln run --invoke=store_load %t.wasm 0 65504 16 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=store_load %t.wasm 0 65504 16 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: %wasmkiln run --invoke=store_load %t.wasm 0 65504 8 | FileCheck %s --check-prefix=SL
;; Stores only: words 65472..65536 in place, then one byte further.
;; RUN: %wasmkiln run --invoke=fill %t.wasm 65472 16 | FileCheck %s --check-prefix=FILL
;; RUN: not %wasmkiln run --invoke=fill %t.wasm 65473 16 2>&1 | FileCheck %s --check-prefix=OOB
;; An address that wraps around 2^32 (p = -16): the first load traps.
;; RUN: not %wasmkiln run --invoke=sum %t.wasm -16 8 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=sum %t.wasm -16 8 2>&1 | FileCheck %s --check-prefix=OOB
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:sum"(
;; IR: %memory0.size = load i64
;; IR: load volatile i32
;; IR: load <4 x i32>
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:axpy"(
;; IR: load volatile double
;; IR: load <2 x double>
;; IR: store <2 x double>
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:fill"(
;; IR: store volatile i32
;; IR: store <4 x i32>
;; SUM: {{^}}136{{$}}
;; AXPY: {{^}}0{{$}}
;; SL: {{^}}128{{$}}
;; FILL: {{^}}16{{$}}
;; OOB: wasm trap: out of bounds memory access
(module
  (memory 1)
  ;; mem[65472 + 4k] = k + 1 for k in 0..16, mem[4k] = k + 1 for k in 0..4
  (func $init
    (local $k i32)
    (loop $l
      (i32.store offset=65472 (i32.shl (local.get $k) (i32.const 2))
                 (i32.add (local.get $k) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 16))))
    (i32.store (i32.const 0) (i32.const 1))
    (i32.store (i32.const 4) (i32.const 2))
    (i32.store (i32.const 8) (i32.const 3))
    (i32.store (i32.const 12) (i32.const 4)))
  (start $init)
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  ;; c[j] += 2 * b[j] for j in [0, n); returns c[n-1] (b is zeros).
  (func (export "axpy") (param $c i32) (param $b i32) (param $n i32) (result i32)
    (local $j i32)
    (loop $l
      (f64.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))
        (f64.add (f64.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
                 (f64.mul (f64.const 2) (f64.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $j) (local.get $n))))
    (i32.const 0))
  ;; a[i] = i and s += b[i] for i in [0, n); returns s + the sum of a[0..8)
  (func (export "store_load") (param $a i32) (param $b i32) (param $n i32)
    (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))
                 (local.get $i))
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $s)
      (i32.add (i32.add (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 4)))
                        (i32.add (i32.load (i32.const 8)) (i32.load (i32.const 12))))
               (i32.add (i32.add (i32.load (i32.const 16)) (i32.load (i32.const 20)))
                        (i32.add (i32.load (i32.const 24)) (i32.load (i32.const 28)))))))
  ;; mem[p + 4k] = k + 1 for k in [0, n); returns the last word
  (func (export "fill") (param $p i32) (param $n i32) (result i32)
    (local $k i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))
                 (i32.add (local.get $k) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (i32.load (i32.add (local.get $p) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2))))))
