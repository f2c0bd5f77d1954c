;; return_call_indirect of a type whose results differ from the caller's.
(module
  (type $none (func))
  (table 1 funcref)
  (func (result i32) (return_call_indirect (type $none) (i32.const 0))))
