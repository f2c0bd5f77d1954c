;; A function that is only ever called directly keeps its code out of the
;; descriptor's wk_func array (its address is not taken), and at -O1 and up
;; gets Swift's calling convention with the instance as `swiftself`: in r13,
;; callee-saved, so a recursion hands it on without moving or saving it.
;; An exported function, one named in an element segment and the start
;; function keep the C convention their wk_func callers use.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=cc %t.wasm -o - | FileCheck %s --check-prefix=DESC
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=cc %t.wasm -o - | FileCheck %s --check-prefix=OPT
;; RUN: %wasmkiln --emit=asm -O2 --module-name=cc %t.wasm -o - | FileCheck %s --check-prefix=ASM
;; RUN: %wasmkiln run --invoke=run %t.wasm 10 | FileCheck %s --check-prefix=RESULT

;; DESC: @funcs = private constant {{.*}} [{ ptr, ptr, i32, ptr } { ptr null, {{.*}} }, { ptr, ptr, i32, ptr } { ptr @"wasm:cc:elem", {{.*}} }, { ptr, ptr, i32, ptr } { ptr @"wasm:cc:start", {{.*}} }, { ptr, ptr, i32, ptr } { ptr @"wasm:cc:run", {{.*}} }]

;; OPT: define internal swiftcc i32 @"wasm:cc:count"(ptr {{.*}}swiftself {{.*}}%instance
;; OPT: call swiftcc i32 @"wasm:cc:count"(ptr swiftself %instance
;; OPT: define internal i32 @"wasm:cc:elem"(ptr
;; OPT: define internal void @"wasm:cc:start"(ptr
;; OPT: define i32 @"wasm:cc:run"(ptr

;; The stack check reads the limit through r13, which nothing saves or
;; moves: the recursive call finds the instance where it is.
;; ASM-LABEL: "wasm:cc:count":
;; ASM-NOT: pushq %r13
;; ASM: cmpq 48(%r13), %rsp
;; ASM-NOT: %r13
;; ASM: callq "wasm:cc:count"
;; ASM-NOT: %r13
;; ASM: .Lfunc_end

;; RESULT: {{^}}10{{$}}
(module
  (table 1 1 funcref)
  (elem (i32.const 0) $elem)
  (global $g (mut i32) (i32.const 0))
  ;; count(n) = n, recursively; a direct call only.
  (func $count (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
                     (call $count (i32.sub (local.get 0) (i32.const 1)))))))
  (func $elem (result i32) (global.get $g))
  (func $start (global.set $g (i32.const 0)))
  (start $start)
  (func (export "run") (param i32) (result i32)
    (i32.add (call $count (local.get 0))
             (call_indirect (result i32) (i32.const 0)))))
