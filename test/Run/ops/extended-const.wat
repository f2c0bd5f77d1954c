;; Extended constant expressions (WebAssembly 3.0): i32/i64 add, sub and mul
;; and global.get of earlier globals in global initialisers and segment
;; offsets, folded at compile time when they read no import (the computed
;; path, for imported globals, is the 3.0 suite's global and data files).
;; wabt 1.0.32 only lets imported globals be read: --no-check.
;; RUN: wat2wasm --enable-extended-const --no-check %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=folded %t.wasm | FileCheck %s --check-prefix=FOLDED
;; FOLDED: 35
;; RUN: %wasmkiln run --invoke=wide %t.wasm | FileCheck %s --check-prefix=WIDE
;; WIDE: -4294967296
;; RUN: %wasmkiln run --invoke=load %t.wasm | FileCheck %s --check-prefix=LOAD
;; LOAD: 7
;; RUN: %wasmkiln --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=IR
;; IR: @global_image
(module
  (memory 1)
  (global $a i32 (i32.const 5))
  (global $b i32 (i32.mul (i32.add (global.get $a) (i32.const 2)) (i32.const 5)))
  (global $c i64 (i64.sub (i64.const 0) (i64.mul (i64.const 65536) (i64.const 65536))))
  (data (offset (i32.sub (global.get $b) (i32.const 3))) "\07")
  (func (export "folded") (result i32) (global.get $b))
  (func (export "wide") (result i64) (global.get $c))
  (func (export "load") (result i32) (i32.load8_u (i32.const 32))))
