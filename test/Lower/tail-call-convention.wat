;; A module that makes tail calls gives every defined function swifttailcc
;; with the instance as swiftself, and return_call / return_call_indirect
;; become `musttail` calls, which LLVM must compile to jumps. The wk_func of
;; a referenced function holds a C entry that calls it (the runtime and
;; other modules call wk_func code with the C convention), and the module's
;; tail-entry table maps a wk_func of its own instance to the swifttailcc
;; code. A module without tail calls keeps the C convention
;; (direct-call-convention.wat).
;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=tc %t.wasm -o - | FileCheck %s --check-prefix=IR
;; RUN: %wasmkiln --emit=asm -O2 --module-name=tc %t.wasm -o - | grep -v -e '\.cfi_' -e '^\.Ltmp[0-9]*:$' | FileCheck %s --check-prefix=ASM

;; IR: @tail_entries = private constant [4 x ptr] [ptr @"wasm:tc:even", ptr null, ptr @"wasm:tc:dispatch", ptr null]
;; IR: @funcs = private constant {{.*}} [{ ptr, ptr, i32, ptr } { ptr @"wasm:tc:even:c_entry", {{.*}} }, { ptr, ptr, i32, ptr } { ptr null, {{.*}} }, { ptr, ptr, i32, ptr } { ptr @"wasm:tc:dispatch:c_entry", {{.*}} }, { ptr, ptr, i32, ptr } { ptr null, {{.*}} }]

;; The descriptor's tail_code is the same table, for other instances' tail
;; calls.
;; IR: @wasmkiln_module_tc = constant {{.*}} i32 {{[0-9]+}}, ptr @tail_entries }

;; IR-LABEL: define swifttailcc i32 @"wasm:tc:even"(ptr nonnull swiftself
;; IR: musttail call swifttailcc i32 @"wasm:tc:odd"(ptr swiftself %instance,
;; IR-NEXT: ret i32
;; IR-LABEL: define internal swifttailcc i32 @"wasm:tc:odd"(ptr nonnull swiftself
;; IR: musttail call swifttailcc i32 @"wasm:tc:even"(ptr swiftself %instance,

;; The table is exported: a callee in this instance's wk_func array jumps
;; through the tail-entry table. Any other is a wasm function of a tail-call
;; module (flags, then the tail-entry table of its instance's module, then
;; its index in that instance's array), which gets a jump through that table
;; with its own instance, or is called through its C code.
;; IR-LABEL: define internal swifttailcc i32 @"wasm:tc:dispatch"(
;; IR: %func.offset = sub i64
;; IR: br i1 %own.func, label %tail.own, label %tail.foreign
;; IR: tail.own:
;; IR: getelementptr inbounds ptr, ptr @tail_entries
;; IR: musttail call swifttailcc i32 %{{.*}}(ptr swiftself %instance, i32
;; IR-NEXT: ret i32
;; IR: tail.foreign:
;; IR: %flags = load i32
;; IR: br i1 %is.wasm, label %tail.wasm, label %tail.call
;; IR: tail.call:
;; IR: %[[R:.*]] = call i32 %code(ptr %ctx{{.*}}, i32
;; IR-NEXT: ret i32 %[[R]]
;; IR: tail.wasm:
;; IR: %[[CTX:ctx.*]] = load ptr
;; IR: %[[MOD:.*]] = load ptr, ptr %{{.*}}, !invariant.load
;; IR: %[[TABLE:.*]] = load ptr, ptr %{{.*}}, !invariant.load
;; IR: br i1 %{{.*}}, label %tail.module, label %tail.call
;; IR: tail.module:
;; IR: br i1 %in.array, label %tail.index, label %tail.call
;; IR: tail.index:
;; IR: getelementptr inbounds ptr, ptr %[[TABLE]]
;; IR: tail.jump:
;; IR: musttail call swifttailcc i32 %{{.*}}(ptr swiftself %[[CTX]], i32
;; IR-NEXT: ret i32

;; An ordinary call between them uses the convention too.
;; IR-LABEL: define internal swifttailcc i32 @"wasm:tc:plain"(
;; IR: call swifttailcc i32 @"wasm:tc:even"(ptr swiftself %instance,

;; The C entry: what the entry thunk and call_indirect from other modules call.
;; IR-LABEL: define internal i32 @"wasm:tc:even:c_entry"(ptr nonnull align 16 dereferenceable({{[0-9]+}}) %0, i32 %1)
;; IR-NEXT: entry:
;; IR-NEXT: call swifttailcc i32 @"wasm:tc:even"(ptr swiftself %0, i32 %1)

;; At -O2 odd is inlined into even, whose tail call to itself is a jump; the
;; indirect one jumps through the tail-entry table; the foreign callee is a
;; call and a return.
;; ASM-LABEL: "wasm:tc:even":
;; ASM-NOT: call{{.*}}"wasm:tc:
;; ASM: jmp "wasm:tc:even"
;; ASM-LABEL: "wasm:tc:dispatch":
;; ASM: cmpq 48(%r13), %rsp
;; ASM: jmpq *({{.*}})
;; ASM: testb $1, 20(%[[F:.*]])
;; ASM: movq %{{.*}}, %r13
;; ASM: jmpq *%
;; ASM: callq *(%[[F]])
;; ASM-NEXT: popq
;; ASM-NEXT: retq
(module
  (type $pred (func (param i32) (result i32)))
  (table (export "table") 1 1 funcref)
  (elem (i32.const 0) func $dispatch)
  (func $even (export "even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call $even (i32.sub (local.get $n) (i32.const 1))))))
  (func $dispatch (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0)))))
  (func $plain (param $n i32) (result i32)
    (i32.add (call $even (local.get $n)) (i32.const 1))))
