;; --time-report prints one table per compilation on stderr: the phases, the
;; CPU time summed over threads and the wall time, and the throughput.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --time-report -j1 %t.wasm -o %t.exe 2> %t.exe.txt
;; RUN: FileCheck %s --input-file=%t.exe.txt
;; RUN: %t.exe
;; RUN: %wasmkiln --time-report -c %t.wasm -o %t.o 2>&1 | FileCheck %s
;; RUN: %wasmkiln --time-report --emit=llvm %t.wasm -o %t.ll 2>&1 | FileCheck %s
;; RUN: %wasmkiln run --no-cache --time-report %t.wasm 2>&1 | FileCheck %s --check-prefix=JIT
;; RUN: %wasmkiln %t.wasm -o %t.quiet 2>&1 | count 0
;; CHECK: ===--- wasmkiln time report: {{[0-9]+}} bytes of wasm, 1 part on 1 thread ---===
;; CHECK-NEXT: phase cpu (s) wall (s)
;; CHECK-NEXT: decode + validate module {{[0-9]+\.[0-9]+}} {{[0-9]+\.[0-9]+}}
;; CHECK-NEXT: IR generation (+ body validation) {{[0-9]+\.[0-9]+}} |
;; CHECK-NEXT: optimisation {{[0-9]+\.[0-9]+}} |
;; CHECK-NEXT: code generation {{[0-9]+\.[0-9]+}} |
;; CHECK-NEXT: the three above (parallel) {{[0-9]+\.[0-9]+}} {{[0-9]+\.[0-9]+}}
;; CHECK-NEXT: link {{[0-9]+\.[0-9]+}} {{[0-9]+\.[0-9]+}}
;; CHECK-NEXT: total {{[0-9]+\.[0-9]+}} {{[0-9]+\.[0-9]+}}
;; CHECK-NEXT: throughput: {{[0-9]+\.[0-9]+}} MB of wasm per second of wall time, {{[0-9]+\.[0-9]+}} per second of CPU time
;; CHECK-NOT: time report
;; RUN: %wasmkiln --time-report --part-size=1 -j2 %t.wasm -o %t.split 2>&1 | FileCheck %s --check-prefix=SPLIT
;; SPLIT: wasmkiln time report: {{[0-9]+}} bytes of wasm, 3 parts on 2 threads
;; The JIT reports its code generation too (ORC, on one thread).
;; JIT: ===--- wasmkiln time report: {{[0-9]+}} bytes of wasm, 1 part on 1 thread ---===
;; JIT: code generation {{[0-9]+\.[0-9]+}}
(module
  (func $f (result i32) (i32.const 7))
  (func $g (result i32) (i32.add (call $f) (i32.const 1)))
  (func (export "_start") (drop (call $g))))
