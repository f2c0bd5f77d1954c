;; perf.test: _start -> outer -> inner, busy long enough for samples.
(module
  (func $inner (param i32) (result i32)
    (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (local.get 1))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1))
  (func $outer (param i32) (result i32) (call $inner (local.get 0)))
  (func (export "_start") (drop (call $outer (i32.const 300000000))))
)
