;; An extended constant expression (3.0).
(module
  (global (export "g") i32 (i32.add (i32.const 1) (i32.const 2))))
