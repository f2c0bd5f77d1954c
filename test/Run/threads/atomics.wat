;; The threads proposal's atomics on one thread: sequentially consistent
;; read-modify-writes with their narrow forms, natural-alignment traps (before
;; the bounds, as the reference interpreter orders them), wait and notify.
;; RUN: wat2wasm --enable-threads %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=rmw %t.wasm | FileCheck %s --check-prefix=RMW
;; RMW: {{^}}1015{{$}}
;; RUN: %wasmkiln run --invoke=narrow %t.wasm | FileCheck %s --check-prefix=NARROW
;; NARROW: {{^}}510{{$}}
;; RUN: %wasmkiln run --invoke=cmpxchg %t.wasm | FileCheck %s --check-prefix=CAS
;; CAS: {{^}}4660{{$}}
;; RUN: %wasmkiln run --invoke=waits %t.wasm | FileCheck %s --check-prefix=WAIT
;; WAIT: {{^}}12{{$}}
;; RUN: %wasmkiln run --invoke=notify %t.wasm | FileCheck %s --check-prefix=NOTIFY
;; NOTIFY: {{^}}0{{$}}
;;
;; Traps, in both bounds-check modes.
;; RUN: not %wasmkiln run --invoke=load %t.wasm 2 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=load %t.wasm 2 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %wasmkiln run --invoke=load %t.wasm 65535 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=load %t.wasm 65535 2>&1 | FileCheck %s --check-prefix=UNALIGNED
;; UNALIGNED: wasm trap: unaligned atomic
;; RUN: not %wasmkiln run --invoke=load %t.wasm 65536 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=load %t.wasm 65536 2>&1 | FileCheck %s --check-prefix=OOB
;; OOB: wasm trap: out of bounds memory access
;; RUN: wat2wasm --enable-threads %S/Inputs/unshared.wat -o %t.unshared.wasm
;; RUN: not %wasmkiln run --invoke=wait %t.unshared.wasm 2>&1 | FileCheck %s --check-prefix=UNSHARED
;; UNSHARED: wasm trap: expected shared memory
;; RUN: %wasmkiln run --invoke=notify %t.unshared.wasm | FileCheck %s --check-prefix=NOTIFY
;;
;; Compiled executables behave the same.
;; RUN: %wasmkiln %t.wasm -o %t.exe
;; RUN: %t.exe; test $? -eq 0
(module
  (memory 1 1 shared)
  (func (export "rmw") (result i32)
    (i32.atomic.store (i32.const 8) (i32.const 1000))
    (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 20)))
    (drop (i32.atomic.rmw.sub (i32.const 8) (i32.const 5)))
    (i32.atomic.load (i32.const 8)))
  ;; Narrow forms see one or two bytes: 0x1ff stored as 0xff, plus 0x100
;; truncated to 0x00 is still 0xff, and the 16-bit exchange returns 0x00ff
;; zero-extended: 255 + 255.
  (func (export "narrow") (result i64)
    (i64.atomic.store8 (i32.const 16) (i64.const 0x1ff))
    (drop (i64.atomic.rmw8.add_u (i32.const 16) (i64.const 0x100)))
    (i64.add (i64.atomic.load8_u (i32.const 16))
             (i64.atomic.rmw16.xchg_u (i32.const 16) (i64.const 0x2ff))))
  ;; A compare-exchange that fails returns the old value, one that succeeds
  ;; too: 0x1234 (then 0x1234 is replaced by 0x99).
  (func (export "cmpxchg") (result i32)
    (i32.atomic.store16 (i32.const 24) (i32.const 0x1234))
    (drop (i32.atomic.rmw16.cmpxchg_u (i32.const 24) (i32.const 7) (i32.const 8)))
    (i32.atomic.rmw16.cmpxchg_u (i32.const 24) (i32.const 0x11234) (i32.const 0x99)))
  ;; "not-equal" (1), then "timed-out" (2) after 1 ms: 1 * 10 + 2.
  (func (export "waits") (result i32)
    (i32.atomic.store (i32.const 32) (i32.const 5))
    (i32.add
      (i32.mul (memory.atomic.wait32 (i32.const 32) (i32.const 6) (i64.const -1)) (i32.const 10))
      (memory.atomic.wait64 (i32.const 40) (i64.const 0) (i64.const 1000000))))
  (func (export "notify") (result i32)
    (atomic.fence)
    (memory.atomic.notify (i32.const 32) (i32.const 1)))
  (func (export "load") (param i32) (result i32)
    (i32.atomic.load (local.get 0)))
  (func (export "_start")))
