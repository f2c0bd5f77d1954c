;; A tail call to an imported (host, C) function is a call followed by a
;; return: the host function returns, so the stack stays bounded. So is an
;; indirect tail call whose table entry is not one of this instance's own
;; functions (here the import): the tail-entry check sends it to the C call.
;; 10^6 iterations, each a tail call to the import (directly and through the
;; table), under a 64 KiB stack budget; then the own functions of the same
;; table still get real tail calls, 10^7 deep.
;; RUN: wat2wasm --enable-tail-call %s -o %t.wasm
;; RUN: %wasmkiln run --max-stack=64K --invoke=loop %t.wasm 1000000 | FileCheck %s --check-prefix=ZERO
;; RUN: %wasmkiln run -O0 --max-stack=64K --bounds-checks=explicit --invoke=loop %t.wasm 1000000 | FileCheck %s --check-prefix=ZERO
;; RUN: %wasmkiln run --max-stack=64K --invoke=countdown %t.wasm 10000000 | FileCheck %s --check-prefix=ZERO
;; RUN: %wasmkiln run -O0 --max-stack=64K --invoke=countdown %t.wasm 10000000 | FileCheck %s --check-prefix=ZERO
;; ZERO: {{^}}0{{$}}
;; RUN: %wasmkiln --max-stack=64K %t.wasm -o %t.exe
;; RUN: %t.exe
(module
  (type $yield (func (result i32)))
  (type $count (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
  (table 2 2 funcref)
  (elem (i32.const 0) func $sched_yield $countdown)

  (func $direct (result i32) (return_call $sched_yield))
  (func $indirect (result i32)
    (return_call_indirect (type $yield) (i32.const 0)))

  ;; Sums the errno results (0) of 2n tail-called yields.
  (func $loop (export "loop") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $direct)))
        (local.set $sum (i32.add (local.get $sum) (call $indirect)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  (func $countdown (export "countdown") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (return_call_indirect (type $yield) (i32.const 0)))
      (else (return_call_indirect (type $count)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))))

  (func (export "_start")
    (if (i32.or (call $loop (i32.const 1000000))
                (call $countdown (i32.const 10000000)))
      (then unreachable))))
