;; --link=FILE supplies host functions for imports that are not WASI; the
;; host reads guest memory through the instance and can trap.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: cc -c -I%S/../../runtime-lib/include %S/Inputs/host-mystery.c -o %t.host.o
;; RUN: %wasmkiln %t.wasm --link=%t.host.o -o %t.exe
;; RUN: %t.exe > %t.out; test $? -eq 10
;; RUN: FileCheck %s < %t.out
;; CHECK: host got: hello
;; RUN: %wasmkiln %t.wasm --link=%t.host.o --bounds-checks=explicit -O0 -o %t.explicit
;; RUN: %t.explicit > %t.explicit.out; test $? -eq 10
;; RUN: FileCheck %s < %t.explicit.out
(module
  (import "env" "mystery" (func $mystery (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "hello")
  (func (export "_start")
    (call $exit (call $mystery (i32.const 100) (i32.const 5)))))
