;; BoundsCheckOpt (explicit bounds checks, -O2): checks of one index merge
;; in straight-line code without stores or calls between them, and a check
;; implied by a dominating one of a larger end goes, even across calls and
;; memory.grow (a memory never shrinks). The trap behaviour of the same code
;; is in test/Run/traps/bounds-check-opt.test.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm --bounds-checks=explicit --module-name=b %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:b:loads"(
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -12
;; CHECK-NOT: %mem_size{{[0-9]*}}, -
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} @"wasm:b:stores"(
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -4
;; CHECK: store i32
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -12
;; CHECK-NOT: %mem_size{{[0-9]*}}, -
;; CHECK: store i32
;; CHECK: store i32
;; CHECK: ret void

;; CHECK-LABEL: define {{.*}} @"wasm:b:call"(
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -20
;; CHECK: call i32 @wk_memory_grow(
;; CHECK-NOT: %mem_size{{[0-9]*}}, -
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} @"wasm:b:larger"(
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -12
;; CHECK: call void %code(
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -20
;; CHECK: ret i32

;; CHECK-LABEL: define {{.*}} @"wasm:b:arms"(
;; CHECK: if.then:
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -12
;; CHECK: if.end:
;; CHECK: add nsw i64 %mem_size{{[0-9]*}}, -8
;; CHECK: ret i32
(module
  (func $ext (import "env" "ext"))
  (memory 1)
  ;; Loads of one pointer: one check, of the largest end (p + 12).
  (func (export "loads") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load offset=0 (local.get $p))
                      (i32.load offset=8 (local.get $p)))
             (i32.load offset=4 (local.get $p))))
  ;; Stores: the store to p must happen before a trap of p + 8, so the
  ;; check of p + 8 stays after it; p + 4 is implied by p + 12.
  (func (export "stores") (param $p i32) (param $v i32)
    (i32.store offset=0 (local.get $p) (local.get $v))
    (i32.store offset=8 (local.get $p) (local.get $v))
    (i32.store offset=4 (local.get $p) (local.get $v)))
  ;; A call (which may grow memory) does not undo a check: size only grows.
  (func (export "call") (param $p i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load offset=16 (local.get $p)))
    (call $ext)
    (drop (memory.grow (i32.const 1)))
    (i32.add (local.get $x) (i32.load offset=8 (local.get $p))))
  ;; A larger end after a call is checked again.
  (func (export "larger") (param $p i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load offset=8 (local.get $p)))
    (call $ext)
    (i32.add (local.get $x) (i32.load offset=16 (local.get $p))))
  ;; A check in one arm does not cover the other.
  (func (export "arms") (param $p i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (i32.load offset=8 (local.get $p)))
      (else (i32.const 0)))
    (i32.load offset=4 (local.get $p))
    (i32.add))
)
