;; proc_exit's code reaches the shell, from the standalone executable and
;; from `wasmkiln run`.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.exe
;; RUN: %t.exe; test $? -eq 42
;; RUN: %wasmkiln run %t.wasm; test $? -eq 42
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 42))))
