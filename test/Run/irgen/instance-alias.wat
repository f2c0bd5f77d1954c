;; A callee reached through call_indirect (or an import) gets its instance as
;; a ctx pointer loaded from a wk_func, not as the caller's own instance
;; argument, yet it reads and writes the same globals. The instance parameter
;; once carried `noalias`, so at -O2 LLVM took such calls to leave the
;; caller's globals alone: it deleted a global.set whose value only the callee
;; reads, and forwarded a global.get past a callee that changes it. Rust's
;; __stack_pointer global is exactly that, and poll_oneoff_stdio from the WASI
;; suite trapped with "uninitialized element" in Formatter::pad_integral.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run -O0 --invoke=store_before %t.wasm 42 | FileCheck %s --check-prefix=STORE
;; RUN: %wasmkiln run -O2 --invoke=store_before %t.wasm 42 | FileCheck %s --check-prefix=STORE
;; RUN: %wasmkiln run -O3 --invoke=store_before %t.wasm 42 | FileCheck %s --check-prefix=STORE
;; STORE: {{^}}42{{$}}
;; RUN: %wasmkiln run -O0 --invoke=load_after %t.wasm 5 | FileCheck %s --check-prefix=LOAD
;; RUN: %wasmkiln run -O2 --invoke=load_after %t.wasm 5 | FileCheck %s --check-prefix=LOAD
;; RUN: %wasmkiln run -O3 --invoke=load_after %t.wasm 5 | FileCheck %s --check-prefix=LOAD
;; LOAD: {{^}}5{{$}}
;; RUN: %wasmkiln -O2 --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=IR
;; IR-NOT: noalias {{.*}}%instance
(module
  (type $get_t (func (result i32)))
  (type $set_t (func (param i32)))
  (global $g (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $get $set)
  (func $get (type $get_t) (global.get $g))
  (func $set (type $set_t) (global.set $g (local.get 0)))
  ;; The first global.set is dead unless the callee may read $g.
  (func (export "store_before") (param i32) (result i32)
    (local $r i32)
    (global.set $g (local.get 0))
    (local.set $r (call_indirect (type $get_t) (i32.const 0)))
    (global.set $g (i32.const 7))
    (local.get $r))
  ;; The global.get may not be folded to the 1 stored before the call.
  (func (export "load_after") (param i32) (result i32)
    (global.set $g (i32.const 1))
    (call_indirect (type $set_t) (local.get 0) (i32.const 1))
    (global.get $g)))
