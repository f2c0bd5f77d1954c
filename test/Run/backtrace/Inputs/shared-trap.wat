;; Two divisions in one function (shared-trap in kinds.test): the second
;; divides by zero.
(module
  (func $two (param i32 i32) (result i32)
    (i32.add (i32.div_u (i32.const 7) (local.get 0))
             (i32.div_u (i32.const 9) (local.get 1))))
  (func (export "_start") (drop (call $two (i32.const 1) (i32.const 0)))))
