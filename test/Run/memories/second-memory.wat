;; A trap in memory 1 of an executable, in both bounds-check modes, and
;; --max-memory, which caps each memory on its own (text input: wasmkiln's
;; wat reader accepts several memories).
;; RUN: %wasmkiln %s -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s --check-prefix=TRAP < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %s -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s --check-prefix=TRAP < %t.explicit.err
;; TRAP: wasm trap: out of bounds memory access

;; RUN: %wasmkiln run --invoke=touch1 %s 131071 | FileCheck %s --check-prefix=TOUCHED
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=touch1 %s 131071 | FileCheck %s --check-prefix=TOUCHED
;; TOUCHED: 7
;; RUN: not %wasmkiln run --invoke=touch0 %s 65536 2>&1 | FileCheck %s --check-prefix=TRAP
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=touch0 %s 65536 2>&1 | FileCheck %s --check-prefix=TRAP

;; Memory 0 (1 page) and memory 1 (2 pages) each fit in 2 pages; memory 1
;; cannot grow past them, and memory 0 still can.
;; RUN: %wasmkiln run --max-memory=2p --invoke=grow1 %s 1 | FileCheck %s --check-prefix=DENIED
;; DENIED: -1
;; RUN: %wasmkiln run --max-memory=2p --invoke=grow0 %s 1 | FileCheck %s --check-prefix=GROWN
;; GROWN: 1
;; RUN: not %wasmkiln run --max-memory=1p %s 2>&1 | FileCheck %s --check-prefix=TOOBIG
;; TOOBIG: memory of 2 pages exceeds the limit of 1 pages
(module
  (memory $m0 1)
  (memory $m1 2)
  (func (export "touch0") (param $addr i32) (result i32)
    (i32.store8 $m0 (local.get $addr) (i32.const 7))
    (i32.load8_u $m0 (local.get $addr)))
  (func (export "touch1") (param $addr i32) (result i32)
    (i32.store8 $m1 (local.get $addr) (i32.const 7))
    (i32.load8_u $m1 (local.get $addr)))
  (func (export "grow0") (param i32) (result i32) (memory.grow $m0 (local.get 0)))
  (func (export "grow1") (param i32) (result i32) (memory.grow $m1 (local.get 0)))
  ;; 131072 is the first byte past memory 1.
  (func (export "_start") (drop (call 1 (i32.const 131072)))))
