;; Accesses whose explicit bounds checks BoundsCheckOpt merges or removes
;; (test/Lower/bounds-check-opt.wat shows which): each traps where the wasm
;; semantics say, with the stores before the trap done and none after it.
(module
  (memory 1)
  (func (export "load") (param $p i32) (result i32) (i32.load (local.get $p)))
  (func (export "load8") (param $p i32) (result i32) (i32.load8_u (local.get $p)))
  ;; Checks merged into one of p + 12.
  (func (export "loads") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load offset=0 (local.get $p))
                      (i32.load offset=8 (local.get $p)))
             (i32.load offset=4 (local.get $p))))
  ;; The store to p happens before the check of p + 12 traps.
  (func (export "stores") (param $p i32) (param $v i32)
    (i32.store offset=0 (local.get $p) (local.get $v))
    (i32.store offset=8 (local.get $p) (local.get $v))
    (i32.store offset=4 (local.get $p) (local.get $v)))
  ;; The check of p + 12 after memory.grow is implied by that of p + 20.
  (func (export "grow") (param $p i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load offset=16 (local.get $p)))
    (drop (memory.grow (i32.const 1)))
    (i32.add (local.get $x) (i32.load offset=8 (local.get $p))))
  ;; Stores bytes 7 to [p, p + n): the ones before the end of memory land.
  (func (export "fill") (param $p i32) (param $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store8 (local.get $p) (i32.const 7))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next))))
  ;; Constant addresses: 65532 + 4 fits, 65533 + 4 does not.
  (func (export "constants") (param $c i32) (result i32)
    (i32.add (i32.load (i32.const 65528))
             (if (result i32) (local.get $c)
               (then (i32.load (i32.const 65533)))
               (else (i32.load (i32.const 65532))))))
)
(assert_return (invoke "loads" (i32.const 65524)) (i32.const 0))
(assert_trap (invoke "loads" (i32.const 65525)) "out of bounds memory access")
(assert_trap (invoke "stores" (i32.const 65528) (i32.const 0x11223344))
             "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65528)) (i32.const 0x11223344))
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
(assert_return (invoke "constants" (i32.const 0)) (i32.const 0x11223344))
(assert_trap (invoke "constants" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "grow" (i32.const 65517)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 65516)) (i32.const 0))
(assert_return (invoke "load8" (i32.const 65536)) (i32.const 0))
(assert_return (invoke "grow" (i32.const 131052)) (i32.const 0))
(assert_trap (invoke "grow" (i32.const 196589)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const 196600) (i32.const 10))
             "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 196607)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 196599)) (i32.const 0))
