;; A module using every section and every element and data segment encoding
;; decodes and validates (and the name section does not get in the way).
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmkiln --validate %t.wasm
;; A custom section before the type section and one at the end are fine too.
;; RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d[:8]+b'\x00\x03\x01a\x01'+d[8:]+b'\x00\x02\x01z')" %t.wasm %t.custom.wasm
;; RUN: %wasmkiln --validate %t.custom.wasm
(module $all
  (type $v (func))
  (type $ii (func (param i32) (result i32)))
  (import "env" "f" (func $imported (type $ii)))
  (import "env" "t" (table 1 10 funcref))
  (import "env" "g" (global $g i32))
  (import "env" "m" (memory 1 2))
  (table $t2 2 externref)
  (table $t3 4 funcref)
  (global $gi (mut i32) (i32.const -1))
  (global $gl i64 (i64.const 0x7fffffffffffffff))
  (global $gf f32 (f32.const 1.5))
  (global $gd f64 (f64.const -0.0))
  (global $gv v128 (v128.const i32x4 1 2 3 4))
  (global $gr funcref (ref.func $a))
  (global $ge externref (ref.null extern))
  (global $gg i32 (global.get $g))
  (export "a" (func $a))
  (export "mem" (memory 0))
  (export "gi" (global $gi))
  (export "t3" (table $t3))
  (start $start)
  (elem (i32.const 0) $a)                               ;; 0
  (elem func $b)                                        ;; 1
  (elem (table $t3) (i32.const 1) func $a $b)           ;; 2
  (elem declare func $c)                                ;; 3
  (elem (i32.const 0) funcref (ref.func $a))            ;; 4
  (elem externref (ref.null extern))                    ;; 5
  (elem (table $t3) (i32.const 2) funcref (ref.null func) (ref.func $b)) ;; 6
  (elem declare funcref (ref.func $a))                  ;; 7
  (data (i32.const 0) "active")
  (data "passive")
  (data (memory 0) (i32.const 16) "explicit")
  (func $a (param i32) (result i32) (local i64 i64 f32)
    (local.get 0))
  (func $b (type $v)
    (drop (ref.func $c)))
  (func $c (type $v)
    (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 0))
    (data.drop 1)
    (elem.drop 1))
  (func $start (type $v)
    (drop (call $imported (i32.const 1)))))
