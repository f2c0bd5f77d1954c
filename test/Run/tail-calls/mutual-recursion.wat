;; 10^8 mutual tail calls run in constant stack: even/odd by return_call
;; (direct), and by return_call_indirect through a table of the module's
;; own functions and through an exported table (which may hold any
;; function, so the call checks that the callee is one of this instance's),
;; under a 64 KiB stack budget that an ordinary recursion exhausts after a
;; few thousand calls. JIT and executable, both bounds-check modes, -O0 and
;; the default -O2. (test/Lower/tail-call-convention.wat shows the calls.)
;; RUN: wat2wasm --enable-tail-call %s -o %t.wasm
;; RUN: %wasmkiln run --max-stack=64K --invoke=even %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln run --max-stack=64K --invoke=even %t.wasm 99999999 | FileCheck %s --check-prefix=ZERO
;; RUN: %wasmkiln run --max-stack=64K --invoke=even_own %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln run --max-stack=64K --invoke=even_any %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln run --max-stack=64K --bounds-checks=explicit --invoke=even_any %t.wasm 99999999 | FileCheck %s --check-prefix=ZERO
;; RUN: %wasmkiln run -O0 --max-stack=64K --invoke=even %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln run -O0 --max-stack=64K --invoke=even_own %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln run -O0 --max-stack=64K --bounds-checks=explicit --invoke=even_any %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; ONE: {{^}}1{{$}}
;; ZERO: {{^}}0{{$}}

;; The same calls without `return_` exhaust that budget.
;; RUN: not %wasmkiln run --max-stack=64K --invoke=even_call %t.wasm 100000 2>&1 | FileCheck %s --check-prefix=EXHAUSTED
;; EXHAUSTED: wasm trap: call stack exhausted

;; Executables: _start runs all three 10^8 deep and traps on a wrong result.
;; RUN: %wasmkiln --max-stack=64K %t.wasm -o %t.guard
;; RUN: %t.guard
;; RUN: %wasmkiln --max-stack=64K --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit
;; RUN: %wasmkiln -O0 --max-stack=64K %t.wasm -o %t.O0
;; RUN: %t.O0
;; A module split into parts (one function each): the calls between parts
;; and the tail-entry table name the other parts' functions.
;; RUN: %wasmkiln run --part-size=1 --max-stack=64K --invoke=even_any %t.wasm 100000000 | FileCheck %s --check-prefix=ONE
;; RUN: %wasmkiln --part-size=1 --max-stack=64K %t.wasm -o %t.split
;; RUN: %t.split
(module
  (type $pred (func (param i32) (result i32)))
  (table $own 2 2 funcref)
  (elem (table $own) (i32.const 0) func $even_own $odd_own)
  (table $any (export "table") 2 2 funcref)
  (elem (table $any) (i32.const 0) func $even_any $odd_any)
  (memory 1)

  (func $even (export "even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i32.sub (local.get $n) (i32.const 1))))))

  (func $even_own (export "even_own") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_indirect $own (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))))
  (func $odd_own (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect $own (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0)))))

  ;; These also touch memory, so that the two bounds-check modes differ.
  (func $even_any (export "even_any") (param $n i32) (result i32)
    (i32.store (i32.const 0) (local.get $n))
    (if (result i32) (i32.eqz (i32.load (i32.const 0)))
      (then (i32.const 1))
      (else (return_call_indirect $any (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))))
  (func $odd_any (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect $any (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0)))))

  (func $even_call (export "even_call") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call $odd_call (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd_call (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $even_call (i32.sub (local.get $n) (i32.const 1))))))

  (func $check (param $result i32)
    (if (i32.ne (local.get $result) (i32.const 1)) (then unreachable)))
  (func (export "_start")
    (call $check (call $even (i32.const 100000000)))
    (call $check (call $even_own (i32.const 100000000)))
    (call $check (call $even_any (i32.const 100000000)))))
