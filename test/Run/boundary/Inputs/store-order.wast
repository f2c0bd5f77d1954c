;; A trap in the middle of a run of stores leaves every store before it done
;; and none after it (the spec's execution order).
(module
  (memory 1)
  ;; i32 stores of 1, 2, 3, ... at addr, addr + 4, ...
  (func (export "fill32") (param $addr i32) (param $n i32)
    (local $k i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (i32.store (i32.add (local.get $addr) (i32.shl (local.get $k) (i32.const 2)))
                   (i32.add (local.get $k) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))
  ;; i32s 1, 2, 3, ... at q, q + 4, ... three per iteration (an unrolled
  ;; loop: i32.add for the second, an offset for the third)
  (func (export "fill3") (param $q i32) (param $n i32)
    (local $k i32) (local $a i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $a (i32.add (local.get $q) (i32.mul (local.get $k) (i32.const 12))))
        (i32.store (local.get $a) (i32.add (i32.mul (local.get $k) (i32.const 3)) (i32.const 1)))
        (i32.store (i32.add (local.get $a) (i32.const 4))
                   (i32.add (i32.mul (local.get $k) (i32.const 3)) (i32.const 2)))
        (i32.store offset=8 (local.get $a)
                   (i32.add (i32.mul (local.get $k) (i32.const 3)) (i32.const 3)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))
  ;; n bytes of $v from addr (a memset idiom)
  (func (export "fill8") (param $addr i32) (param $n i32) (param $v i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store8 (local.get $addr) (local.get $v))
        (local.set $addr (i32.add (local.get $addr) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))
  ;; n bytes from src to dst, ascending (a memcpy idiom)
  (func (export "copy8") (param $dst i32) (param $src i32) (param $n i32)
    (local $k i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (i32.store8 (i32.add (local.get $dst) (local.get $k))
                    (i32.load8_u (i32.add (local.get $src) (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))
  ;; four adjacent i32 stores in straight-line code, ascending
  (func (export "four-up") (param $p i32)
    (i32.store (local.get $p) (i32.const 21))
    (i32.store offset=4 (local.get $p) (i32.const 22))
    (i32.store offset=8 (local.get $p) (i32.const 23))
    (i32.store offset=12 (local.get $p) (i32.const 24)))
  ;; the same, descending: the first store is the one that traps
  (func (export "four-down") (param $p i32)
    (i32.store offset=12 (local.get $p) (i32.const 34))
    (i32.store offset=8 (local.get $p) (i32.const 33))
    (i32.store offset=4 (local.get $p) (i32.const 32))
    (i32.store (local.get $p) (i32.const 31)))
  ;; a store, a load that traps, a store
  (func (export "store-load-store") (param $p i32) (param $q i32) (result i32)
    (local $v i32)
    (i32.store (local.get $p) (i32.const 41))
    (local.set $v (i32.load (local.get $q)))
    (i32.store offset=4 (local.get $p) (i32.const 42))
    (local.get $v))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
)

;; 16 words from 65480: 14 fit, the 15th traps.
(assert_trap (invoke "fill32" (i32.const 65480) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65480)) (i32.const 1))
(assert_return (invoke "load32" (i32.const 65524)) (i32.const 12))
(assert_return (invoke "load32" (i32.const 65528)) (i32.const 13))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 14))
;; a long run: 1000 words ending 6 bytes past the end
(assert_trap (invoke "fill32" (i32.const 61542) (i32.const 1000)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 61542)) (i32.const 1))
(assert_return (invoke "load32" (i32.const 65526)) (i32.const 997))
(assert_return (invoke "load8" (i32.const 65530)) (i32.const 0xe6))
(assert_return (invoke "load8" (i32.const 65531)) (i32.const 0x03))

;; three words an iteration: 104 iterations from 64336 end 48 bytes past
;; the end, which the 100th reaches exactly
(assert_trap (invoke "fill3" (i32.const 64336) (i32.const 104)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 64336)) (i32.const 1))
(assert_return (invoke "load32" (i32.const 65528)) (i32.const 299))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 300))
;; and exactly to the end: no trap
(invoke "fill8" (i32.const 64336) (i32.const 1200) (i32.const 0))
(assert_return (invoke "fill3" (i32.const 64336) (i32.const 100)))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 300))

;; bytes: 100 from 65500, 36 fit
(assert_trap (invoke "fill8" (i32.const 65500) (i32.const 100) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 65500)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 65534)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 7))
(assert_trap (invoke "fill8" (i32.const 0) (i32.const 70000) (i32.const 9)) "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 0)) (i32.const 9))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 9))

;; copy: 4096 bytes of 9s from 0 to 65000; 536 fit
(invoke "fill8" (i32.const 0) (i32.const 4096) (i32.const 5))
(assert_return (invoke "load8" (i32.const 4095)) (i32.const 5))
(assert_trap (invoke "copy8" (i32.const 65000) (i32.const 0) (i32.const 4096)) "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 65000)) (i32.const 5))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 5))
;; reading past the end: the bytes before the faulting load are copied
(invoke "fill8" (i32.const 0) (i32.const 1024) (i32.const 0))
(assert_trap (invoke "copy8" (i32.const 0) (i32.const 65000) (i32.const 1024)) "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 535)) (i32.const 5))
(assert_return (invoke "load8" (i32.const 536)) (i32.const 0))

;; straight-line code
(assert_trap (invoke "four-up" (i32.const 65524)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65524)) (i32.const 21))
(assert_return (invoke "load32" (i32.const 65528)) (i32.const 22))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 23))
(invoke "fill8" (i32.const 65000) (i32.const 536) (i32.const 0))
(assert_trap (invoke "four-down" (i32.const 65524)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65524)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 65528)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 0))
(invoke "fill8" (i32.const 8000) (i32.const 8) (i32.const 0))
(assert_trap (invoke "store-load-store" (i32.const 8000) (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 8000)) (i32.const 41))
(assert_return (invoke "load32" (i32.const 8004)) (i32.const 0))
