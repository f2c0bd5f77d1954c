;; Faults in a spawned wasi-threads thread become that thread's trap and end
;; the process (status 134, the message): an out-of-bounds access caught by
;; the guard pages (the signal handler on the spawned thread, with its own
;; alternate signal stack) and, in explicit-bounds mode, by the check; and a
;; recursion that exhausts the spawned thread's own stack. Main waits.
;;
;; RUN: sed -e 's/;;OOB//' %s > %t.oob.wat
;; RUN: %wasmkiln %t.oob.wat -o %t.oob
;; RUN: %t.oob 2> %t.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=OOB %s < %t.err
;; RUN: %wasmkiln --bounds-checks=explicit %t.oob.wat -o %t.oobexplicit
;; RUN: %t.oobexplicit 2> %t.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=OOB %s < %t.err
;; RUN: %wasmkiln run %t.oob.wat 2> %t.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=OOB %s < %t.err
;; RUN: sed -e 's/;;STACK//' %s > %t.stack.wat
;; RUN: %wasmkiln %t.stack.wat -o %t.stack
;; RUN: %t.stack 2> %t.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=STACK %s < %t.err
;; RUN: %wasmkiln run %t.stack.wat 2> %t.err; test $? -eq 134
;; RUN: FileCheck --check-prefix=STACK %s < %t.err
;;
;; OOB: wasm trap: out of bounds memory access
;; STACK: wasm trap: call stack exhausted
(module
  (memory (import "env" "memory") 1 1 shared)
  (func $thread_spawn (import "wasi" "thread-spawn") (param i32) (result i32))
  (func $recurse (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $recurse
    i32.const 1
    i32.add)
  (func (export "wasi_thread_start") (param i32 i32)
    ;;OOB i32.const 0x7ffffff0
    ;;OOB i32.load
    ;;OOB drop
    ;;STACK i32.const 0
    ;;STACK call $recurse
    ;;STACK drop
  )
  (func (export "_start")
    i32.const 0
    call $thread_spawn
    i32.const 0
    i32.le_s
    if
      unreachable
    end
    ;; wait up to 10 s for the thread to end the process
    i32.const 0
    i32.const 0
    i64.const 10_000_000_000
    memory.atomic.wait32
    drop))
