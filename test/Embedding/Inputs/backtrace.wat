;; backtrace.test: wasm -> host import that traps, two wasm frames deep.
(module
  (import "env" "check" (func $check (param i32)))
  (memory 1)
  (func $inner (param i32) (call $check (local.get 0)))
  (func $outer (export "run") (param i32) (call $inner (local.get 0)))
  (func $crash (export "crash") (drop (i32.load (i32.const -4))))
)
