;; Functions keep their wasm names (from the name section) as symbols in the
;; produced executable, for perf, gdb and addr2line; --strip removes them.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmkiln -O0 %t.wasm -o %t.exe --module-name=demo
;; RUN: llvm-nm %t.exe | FileCheck %s --check-prefix=NM
;; NM-DAG: t wasm:demo:helper_fn
;; NM-DAG: T wasm:demo:main_entry
;; RUN: llvm-addr2line -f -e %t.exe 0x$(llvm-nm %t.exe | grep 'wasm:demo:helper_fn$' | cut -d' ' -f1) | FileCheck %s --check-prefix=A2L
;; A2L: wasm:demo:helper_fn
;; RUN: %wasmkiln -O0 --strip %t.wasm -o %t.stripped --module-name=demo
;; RUN: llvm-nm %t.stripped 2>&1 | FileCheck %s --check-prefix=STRIP
;; STRIP-NOT: wasm:demo
(module
  (func $helper_fn (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $main_entry (export "_start") (drop (call $helper_fn (i32.const 5)))))
