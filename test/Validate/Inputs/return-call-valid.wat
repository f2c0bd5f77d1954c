;; Valid tail calls: the operand stack below the arguments is discarded, and
;; the code after a tail call is unreachable (stack-polymorphic).
(module
  (type $ii (func (param i32) (result i32)))
  (table 1 funcref)
  (func $f (param i32) (result i32) (local.get 0))
  (func (result i32)
    (f64.const 1) (drop)
    (i64.const 7)
    (return_call $f (i32.const 1))
    (i32.add))
  (func (param i32) (result i32)
    (return_call_indirect (type $ii) (local.get 0) (i32.const 0))))
