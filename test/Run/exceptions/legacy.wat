;; Exceptions (the legacy try/catch form that LLVM's -fwasm-exceptions
;; emits) crossing several functions, a trap inside a try (never caught,
;; not even by catch_all), and an uncaught exception reaching the host as
;; its own outcome, in both bounds-check modes and as an executable.
;; RUN: wat2wasm --enable-exceptions %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=deep %t.wasm 5 | FileCheck %s --check-prefix=DEEP
;; DEEP: 47
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=deep %t.wasm 5 | FileCheck %s --check-prefix=DEEP
;; RUN: %wasmkiln run --invoke=other %t.wasm | FileCheck %s --check-prefix=OTHER
;; OTHER: 7
;; RUN: not %wasmkiln run --invoke=trap_in_try %t.wasm 2>&1 | FileCheck %s --check-prefix=TRAP
;; TRAP: wasm trap: integer divide by zero
;; RUN: not %wasmkiln run --invoke=escape %t.wasm 2>&1 | FileCheck %s --check-prefix=ESC
;; ESC: wasm exception: uncaught exception (tag boom)
;; RUN: %wasmkiln %t.wasm -o %t.exe
;; RUN: not %t.exe 2>&1 | FileCheck %s --check-prefix=ESC
(module
  (tag $boom (export "boom") (param i32))
  (tag $other (param i32))
  (func $thrower (param i32)
    (throw $boom (i32.add (local.get 0) (i32.const 40))))
  (func $middle (param i32) (result i32)
    (call $thrower (local.get 0))
    (i32.const -1))
  ;; Caught two frames up, payload intact: 5 + 40 + 2.
  (func (export "deep") (param i32) (result i32)
    (try (result i32)
      (do (call $middle (local.get 0)))
      (catch $boom (i32.add (i32.const 2)))))
  ;; A clause of another tag lets the exception pass to the outer try.
  (func (export "other") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $other (i32.const 7)))
          (catch $boom (drop) (i32.const 1))))
      (catch $other)))
  (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "trap_in_try") (result i32)
    (try (result i32)
      (do (call $div (i32.const 0)))
      (catch_all (i32.const 99))))
  (func (export "escape") (call $thrower (i32.const 1)))
  (func (export "_start") (call $thrower (i32.const 1))))
