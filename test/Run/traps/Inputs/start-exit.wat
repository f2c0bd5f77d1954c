;; proc_exit(7) from the start function: the program's exit, not an error.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func $start (call $exit (i32.const 7)))
  (start $start)
  (func (export "_start") unreachable))
