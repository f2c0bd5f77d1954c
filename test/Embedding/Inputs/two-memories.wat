;; Three memories: 0 and 2 exported, 1 not (two-memories.test).
(module
  (memory $main (export "main") 1)
  (memory $scratch 1 8)
  (memory $out (export "out") 2)
  (func (export "put") (param $mem i32) (param $addr i32) (param $v i32)
    (if (i32.eqz (local.get $mem))
      (then (i32.store8 $main (local.get $addr) (local.get $v)) (return)))
    (if (i32.eq (local.get $mem) (i32.const 1))
      (then (i32.store8 $scratch (local.get $addr) (local.get $v)) (return)))
    (i32.store8 $out (local.get $addr) (local.get $v)))
  ;; Copies n bytes from the scratch memory to the out memory.
  (func (export "publish") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy $out $scratch (local.get $dst) (local.get $src) (local.get $n)))
  (func (export "grow_scratch") (param i32) (result i32)
    (memory.grow $scratch (local.get 0))))
