;; A constant expression reading a defined global (3.0).
(module
  (global $a i32 (i32.const 1))
  (global (export "b") i32 (global.get $a)))
