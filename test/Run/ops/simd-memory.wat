;; SIMD memory forms at unaligned addresses: v128.load/store, the extending,
;; splatting and zero-filling loads, load_lane/store_lane (neighbouring bytes
;; untouched), and a v128.load whose last byte is out of bounds trapping in
;; both bounds-check modes. Addresses come from arguments.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=loads %t.wasm 1 | FileCheck %s --check-prefix=LOADS
;; RUN: %wasmkiln run --invoke=loads %t.wasm 1 | FileCheck %s --check-prefix=LOADS
;; LOADS: v128 0x4030201 0x8070605 0xc0b0a09 0x100f0e0d
;; LOADS-NEXT: v128 0x20001 0x40003 0x60005 0x80007
;; LOADS-NEXT: v128 0xfff2fff1 0xfff4fff3 0xfff6fff5 0xfff8fff7
;; LOADS-NEXT: v128 0xf2f1 0xf4f3 0xf6f5 0xf8f7
;; LOADS-NEXT: v128 0xf4f3f2f1 0xffffffff 0xf8f7f6f5 0xffffffff
;; LOADS-NEXT: v128 0xf2f1f2f1 0xf2f1f2f1 0xf2f1f2f1 0xf2f1f2f1
;; LOADS-NEXT: v128 0xf4f3f2f1 0xf8f7f6f5 0xf4f3f2f1 0xf8f7f6f5
;; LOADS-NEXT: v128 0xf4f3f2f1 0x0 0x0 0x0
;; LOADS-NEXT: v128 0xf4f3f2f1 0xf8f7f6f5 0x0 0x0
;; LOADS-NEXT: v128 0xaaaaaaaa 0xaaaaaaaa 0xaaf1aaaa 0xaaaaaaaa
;; LOADS-NEXT: v128 0xaaaaaaaa 0xaaaaaaaa 0xaaaaaaaa 0xf2f1aaaa
;; LOADS-NEXT: v128 0xaaaaaaaa 0xf4f3f2f1 0xaaaaaaaa 0xaaaaaaaa
;; LOADS-NEXT: v128 0xf4f3f2f1 0xf8f7f6f5 0xaaaaaaaa 0xaaaaaaaa
;; RUN: %wasmkiln run -O0 --invoke=stores %t.wasm 3 | FileCheck %s --check-prefix=STORES
;; RUN: %wasmkiln run --invoke=stores %t.wasm 3 | FileCheck %s --check-prefix=STORES
;; STORES: v128 0x3020100 0x7060504 0xb0a0908 0xf0e0d0c
;; STORES-NEXT: v128 0x5502 0x0 0x0 0x0
;; STORES-NEXT: v128 0x55555500 0x55555555 0x55555555 0x55555555
;; STORES-NEXT: v128 0x55550d0c 0x55555555 0x55555555 0x55555555
;; STORES-NEXT: v128 0x5555 0x0 0x0 0x0
;; STORES-NEXT: v128 0xb0a0908 0xf0e0d0c 0x5555 0x0
;; RUN: not %wasmkiln run --invoke=load_at %t.wasm 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=load_at %t.wasm 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --invoke=store_at %t.wasm 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --bounds-checks=explicit --invoke=store_at %t.wasm 65521 2>&1 | FileCheck %s --check-prefix=OOB
;; OOB: wasm trap: out of bounds memory access
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=load_at %t.wasm 65520 | FileCheck %s --check-prefix=LAST
;; LAST: v128 0x0 0x0 0x0 0x0
(module
  (memory 1)
  ;; Bytes 1..16 at address 1, then 0xf1..0xf8 at 17.
  (data (i32.const 1) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (data (i32.const 17) "\f1\f2\f3\f4\f5\f6\f7\f8")
  (func (export "loads") (param $a i32)
        (result v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    (local $f i32) (local $fill v128)
    (local.set $f (i32.add (local.get $a) (i32.const 16)))
    (local.set $fill (v128.const i32x4 0xaaaaaaaa 0xaaaaaaaa 0xaaaaaaaa 0xaaaaaaaa))
    (v128.load align=1 (local.get $a))
    (v128.load8x8_u (local.get $a))
    (v128.load8x8_s offset=16 (local.get $a))
    (v128.load16x4_u (local.get $f))
    (v128.load32x2_s (local.get $f))
    (v128.load16_splat (local.get $f))
    (v128.load64_splat (local.get $f))
    (v128.load32_zero (local.get $f))
    (v128.load64_zero (local.get $f))
    (v128.load8_lane 10 (local.get $f) (local.get $fill))
    (v128.load16_lane 7 (local.get $f) (local.get $fill))
    (v128.load32_lane 1 (local.get $f) (local.get $fill))
    (v128.load64_lane 0 (local.get $f) (local.get $fill)))
  ;; Stores at $a (unaligned) over zero or 0x55 fill, read back.
  (func (export "stores") (param $a i32) (result v128 v128 v128 v128 v128 v128)
    (local $v v128) (local $p i32)
    (local.set $v (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
    (local.set $p (i32.sub (local.get $a) (i32.const 1)))
    (v128.store offset=100 (local.get $a) (local.get $v))
    (v128.load offset=100 (local.get $a))
    (memory.fill (local.get $a) (i32.const 0) (i32.const 32))
    (v128.store8_lane offset=1 0 (local.get $p) (i8x16.splat (i32.const 0x55)))
    (v128.load (local.get $p))
    (memory.fill (local.get $a) (i32.const 0x55) (i32.const 32))
    (v128.store8_lane 0 (local.get $a) (local.get $v))
    (v128.load (local.get $a))
    (v128.store16_lane 6 (local.get $a) (local.get $v))
    (v128.load (local.get $a))
    (memory.fill (local.get $a) (i32.const 0) (i32.const 32))
    (v128.store16_lane 0 (local.get $a) (i8x16.splat (i32.const 0x55)))
    (v128.load (local.get $a))
    (v128.store64_lane 1 (local.get $a) (local.get $v))
    (v128.store32_lane offset=8 3 (local.get $a) (i32x4.splat (i32.const 0x5555)))
    (v128.load (local.get $a)))
  (func (export "load_at") (param $a i32) (result v128)
    (v128.load (local.get $a)))
  (func (export "store_at") (param $a i32)
    (v128.store (local.get $a) (v128.const i64x2 -1 -1))))
