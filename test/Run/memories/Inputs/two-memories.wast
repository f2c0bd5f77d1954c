;; Two memories in one module, a second memory exported and imported; run by
;; ../two-memories.test through wasmkiln-spec (JIT and AOT, both bounds-check
;; modes). Memory 0 has one page, memory 1 two: each is checked against its
;; own size.
(module $a
  (memory $m0 1)
  (memory $m1 2 4)
  (export "mem1" (memory $m1))
  (data (memory $m1) (i32.const 65536) "\01\02\03\04")
  (data $passive "\aa\bb\cc\dd")

  (func (export "load0") (param i32) (result i32) (i32.load8_u $m0 (local.get 0)))
  (func (export "load1") (param i32) (result i32) (i32.load8_u $m1 (local.get 0)))
  (func (export "load1_word") (param i32) (result i32)
    (i32.load $m1 offset=2 (local.get 0)))
  (func (export "store0") (param i32 i32) (i32.store8 $m0 (local.get 0) (local.get 1)))
  (func (export "store1") (param i32 i32) (i32.store $m1 (local.get 0) (local.get 1)))
  (func (export "size0") (result i32) (memory.size $m0))
  (func (export "size1") (result i32) (memory.size $m1))
  (func (export "grow1") (param i32) (result i32) (memory.grow $m1 (local.get 0)))
  ;; memory.copy $dst $src: between the two memories, both ways.
  (func (export "copy_1_to_0") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy $m0 $m1 (local.get $dst) (local.get $src) (local.get $n)))
  (func (export "copy_0_to_1") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy $m1 $m0 (local.get $dst) (local.get $src) (local.get $n)))
  (func (export "fill1") (param i32 i32 i32)
    (memory.fill $m1 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init1") (param i32 i32 i32)
    (memory.init $m1 $passive (local.get 0) (local.get 1) (local.get 2)))
  (func (export "v128_lane1") (param i32) (result i32)
    (i32x4.extract_lane 0 (v128.load32_lane $m1 0 (local.get 0) (v128.const i32x4 0 0 0 0))))
)
(register "a" $a)

;; Each memory has its own size and contents.
(assert_return (invoke "size0") (i32.const 1))
(assert_return (invoke "size1") (i32.const 2))
(assert_return (invoke "load1" (i32.const 65536)) (i32.const 1))
(assert_return (invoke "load1_word" (i32.const 65536)) (i32.const 0x0403))
(assert_return (invoke "load0" (i32.const 0)) (i32.const 0))
(assert_return (invoke "v128_lane1" (i32.const 65536)) (i32.const 0x04030201))

;; Per-memory bounds: 65536 is past memory 0 but inside memory 1.
(assert_trap (invoke "load0" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "store0" (i32.const 65536) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load1" (i32.const 131071)) (i32.const 0))
(assert_trap (invoke "load1" (i32.const 131072)) "out of bounds memory access")
(assert_trap (invoke "load1_word" (i32.const 131068)) "out of bounds memory access")
(assert_trap (invoke "v128_lane1" (i32.const 131069)) "out of bounds memory access")

;; memory.copy between memories.
(invoke "copy_1_to_0" (i32.const 10) (i32.const 65536) (i32.const 4))
(assert_return (invoke "load0" (i32.const 10)) (i32.const 1))
(assert_return (invoke "load0" (i32.const 13)) (i32.const 4))
(invoke "store0" (i32.const 100) (i32.const 0x7f))
(invoke "copy_0_to_1" (i32.const 131000) (i32.const 100) (i32.const 1))
(assert_return (invoke "load1" (i32.const 131000)) (i32.const 0x7f))
;; A range past the source's end traps and copies nothing (memory 0 is the
;; smaller one).
(assert_trap (invoke "copy_0_to_1" (i32.const 0) (i32.const 65535) (i32.const 2))
             "out of bounds memory access")
(assert_return (invoke "load1" (i32.const 0)) (i32.const 0))
(assert_trap (invoke "copy_1_to_0" (i32.const 65535) (i32.const 0) (i32.const 2))
             "out of bounds memory access")

;; memory.fill and memory.init on memory 1, bounded by memory 1.
(invoke "fill1" (i32.const 70000) (i32.const 0x55) (i32.const 3))
(assert_return (invoke "load1" (i32.const 70002)) (i32.const 0x55))
(assert_trap (invoke "fill1" (i32.const 131071) (i32.const 0) (i32.const 2))
             "out of bounds memory access")
(invoke "init1" (i32.const 80000) (i32.const 1) (i32.const 3))
(assert_return (invoke "load1" (i32.const 80000)) (i32.const 0xbb))
(assert_trap (invoke "init1" (i32.const 131070) (i32.const 0) (i32.const 4))
             "out of bounds memory access")

;; Growing memory 1 leaves memory 0 alone; the new pages are in bounds.
(assert_return (invoke "grow1" (i32.const 1)) (i32.const 2))
(assert_return (invoke "size1") (i32.const 3))
(assert_return (invoke "size0") (i32.const 1))
(assert_return (invoke "load1" (i32.const 196607)) (i32.const 0))
(assert_trap (invoke "load0" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "grow1" (i32.const 2)) (i32.const -1))

;; A second module imports a's memory 1 as its memory 1, after a memory of
;; its own: both index spaces hold a defined and an imported memory.
(module $b
  (import "a" "mem1" (memory $shared 1))
  (memory $own 1)
  (export "own" (memory $own))
  (func (export "peek_shared") (param i32) (result i32)
    (i32.load8_u $shared (local.get 0)))
  (func (export "poke_shared") (param i32 i32)
    (i32.store8 $shared (local.get 0) (local.get 1)))
  (func (export "peek_own") (param i32) (result i32)
    (i32.load8_u $own (local.get 0)))
  (func (export "shared_size") (result i32) (memory.size $shared))
)
(assert_return (invoke "peek_shared" (i32.const 65537)) (i32.const 2))
(assert_return (invoke "shared_size") (i32.const 3))
(invoke "poke_shared" (i32.const 5) (i32.const 9))
(assert_return (invoke $a "load1" (i32.const 5)) (i32.const 9))
(assert_return (invoke "peek_own" (i32.const 5)) (i32.const 0))
(assert_trap (invoke "peek_own" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "peek_shared" (i32.const 196607)) (i32.const 0))

;; Two imported memories (spectest's and a's), their types checked one by
;; one: a.mem1 has 3 pages and maximum 4.
(module $c
  (import "spectest" "memory" (memory $s 1 2))
  (import "a" "mem1" (memory $m 3 4))
  (func (export "sizes") (result i32 i32) (memory.size $s) (memory.size $m)))
(assert_return (invoke "sizes") (i32.const 1) (i32.const 3))
(assert_unlinkable
  (module (import "spectest" "memory" (memory 1)) (import "a" "mem1" (memory 4)))
  "incompatible import type")
(assert_unlinkable
  (module (import "spectest" "memory" (memory 1)) (import "a" "mem1" (memory 1 3)))
  "incompatible import type")
