;; memory64 bounds checks at 2^32, 2^48 and 2^64-1 (docs/conformance.md,
;; "64-bit memories"): the effective address index + offset + width is
;; computed without wrapping (huge offsets, which wabt 1.0.32's text format
;; cannot write, are in the 3.0 suite's address64.wast), so an access whose end carries out of 64 bits
;; traps instead of landing near address 0.
(module
  (memory i64 1)
  (data (i64.const 0) "\01\02\03\04\05\06\07\08")
  (data (i64.const 65528) "\aa\bb\cc\dd\ee\ff\11\22")
  (func (export "load8") (param i64) (result i32)
    (i32.load8_u (local.get 0)))
  (func (export "load8_off1") (param i64) (result i32)
    (i32.load8_u offset=1 (local.get 0)))
  (func (export "load32_off4G") (param i64) (result i32)
    (i32.load offset=0xffffffff (local.get 0)))
  (func (export "load64") (param i64) (result i64)
    (i64.load (local.get 0)))
  (func (export "store64") (param i64 i64)
    (i64.store (local.get 0) (local.get 1)))
  (func (export "v128_load_last") (param i64) (result i32)
    (i8x16.extract_lane_u 15 (v128.load (local.get 0))))
  (func (export "fill") (param i64 i64)
    (memory.fill (local.get 0) (i32.const 7) (local.get 1)))
  (func (export "size") (result i64) (memory.size))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))

(assert_return (invoke "load8" (i64.const 0)) (i32.const 1))
(assert_return (invoke "load64" (i64.const 65528)) (i64.const 0x2211ffeeddccbbaa))
(assert_trap (invoke "load64" (i64.const 65529)) "out of bounds memory access")
(assert_return (invoke "v128_load_last" (i64.const 65520)) (i32.const 0x22))
(assert_trap (invoke "v128_load_last" (i64.const 65521)) "out of bounds memory access")
;; 2^32: past a 32-bit memory's whole range, and past this one.
(assert_trap (invoke "load8" (i64.const 0x100000000)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const 0xffffffff)) "out of bounds memory access")
(assert_trap (invoke "load32_off4G" (i64.const 0)) "out of bounds memory access")
;; 2^48
(assert_trap (invoke "load8" (i64.const 0x1000000000000)) "out of bounds memory access")
(assert_trap (invoke "load8" (i64.const 0xffffffffffff)) "out of bounds memory access")
;; 2^64 - 1, and sums that wrap past 2^64 to a small address
(assert_trap (invoke "load8" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load8_off1" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load8_off1" (i64.const -2)) "out of bounds memory access")
(assert_trap (invoke "load32_off4G" (i64.const 0xffffffff00000001)) "out of bounds memory access")
(assert_trap (invoke "load32_off4G" (i64.const 0xffffffff00000002)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const -8)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const -4)) "out of bounds memory access")
(assert_trap (invoke "store64" (i64.const -1) (i64.const 0)) "out of bounds memory access")
;; bulk: dst + n wraps
(assert_trap (invoke "fill" (i64.const -1) (i64.const 2)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 1) (i64.const -1)) "out of bounds memory access")
(assert_return (invoke "fill" (i64.const 65535) (i64.const 1)))
(assert_return (invoke "load8" (i64.const 65535)) (i32.const 7))
;; growth past 2^48 pages (2^64 bytes) fails
(assert_return (invoke "grow" (i64.const 0x1000000000000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "size") (i64.const 1))

;; A memory of 65537 pages: addresses above 2^32 are really usable.
(module
  (memory i64 65537)
  (func (export "store64") (param i64 i64)
    (i64.store (local.get 0) (local.get 1)))
  (func (export "load64") (param i64) (result i64)
    (i64.load (local.get 0)))
  (func (export "size") (result i64) (memory.size)))
(assert_return (invoke "size") (i64.const 65537))
(assert_return (invoke "store64" (i64.const 0x100000008) (i64.const 0x123456789abcdef0)))
(assert_return (invoke "load64" (i64.const 0x100000008)) (i64.const 0x123456789abcdef0))
(assert_return (invoke "load64" (i64.const 8)) (i64.const 0))
(assert_return (invoke "store64" (i64.const 0x10000fff8) (i64.const 42)))
(assert_return (invoke "load64" (i64.const 0x10000fff8)) (i64.const 42))
(assert_trap (invoke "load64" (i64.const 0x10000fff9)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const 0x100010000)) "out of bounds memory access")
