;; A trap in the start function is a trap like any other: exit status 134
;; and "wasm trap: <message>", saying it happened during instantiation, for
;; compiled executables and `wasmkiln run` (with and without --invoke), in
;; both bounds-check modes. A data segment out of bounds traps the same way,
;; and proc_exit in the start function ends the program with its code.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; RUN: %wasmkiln run %t.wasm 2> %t.run.err; test $? -eq 134
;; RUN: FileCheck %s < %t.run.err
;; RUN: %wasmkiln run --bounds-checks=explicit %t.wasm 2> %t.run-explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.run-explicit.err
;; RUN: %wasmkiln run --invoke=_start %t.wasm 2> %t.invoke.err; test $? -eq 134
;; RUN: FileCheck %s < %t.invoke.err
;; CHECK-NOT: wasmkiln: error
;; CHECK: wasm trap: out of bounds memory access{{.*}} during instantiation (start function)
;; CHECK-NOT: body ran
;;
;; RUN: wat2wasm %S/Inputs/segment-oob.wat -o %t.seg.wasm
;; RUN: %wasmkiln %t.seg.wasm -o %t.seg
;; RUN: %t.seg 2> %t.seg.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=SEG %s < %t.seg.err
;; RUN: %wasmkiln run --bounds-checks=explicit %t.seg.wasm 2> %t.seg.run.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=SEG %s < %t.seg.run.err
;; SEG: wasm trap: out of bounds memory access during instantiation (segments)
;;
;; RUN: wat2wasm %S/Inputs/start-exit.wat -o %t.exit.wasm
;; RUN: %wasmkiln %t.exit.wasm -o %t.exit
;; RUN: %t.exit 2> %t.exit.err; test $? -eq 7
;; RUN: %wasmkiln run %t.exit.wasm 2>> %t.exit.err; test $? -eq 7
;; RUN: %wasmkiln run --invoke=_start %t.exit.wasm 2>> %t.exit.err; test $? -eq 7
;; RUN: count 0 < %t.exit.err
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "body ran\n")
  (global $addr (mut i32) (i32.const 65536))
  (func $boom (drop (i32.load8_u (global.get $addr))))
  (start $boom)
  ;; Never reached: _start must not run after the start function trapped.
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
