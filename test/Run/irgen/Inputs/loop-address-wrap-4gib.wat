;; loop-address-wrap.wat with a 4 GiB memory: mem[0..16) = 1, 2, 3, 4, and
;; every address is in bounds, so a loop over p = -16 reads 0xfffffff0 ..
;; 0xfffffffc and then, wrapped, 0 .. 12 without trapping. `sum_call` calls
;; memory.grow 0 in the loop (the other kind of check).
(module
  (memory 65536)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")
  (func (export "sum") (param $p i32) (param $from i32) (param $to i32)
    (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $from))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p)
                           (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (local.get $s))
  (func $nothing (drop (memory.grow (i32.const 0))))
  (func (export "sum_call") (param $p i32) (param $from i32) (param $to i32)
    (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (local.get $from))
    (loop $l
      (call $nothing)
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p)
                           (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $to))))
    (local.get $s)))
