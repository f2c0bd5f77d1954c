;; Commands that must fail on the aarch64 spec runner (test/Cross/spec-run.test).
(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "nan") (result f32) (f32.const nan:0x200000))
  (func (export "v") (result v128) (v128.const i16x8 0 1 2 3 4 5 6 7))
  (func (export "trap") unreachable))
(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "v") (v128.const i16x8 0 1 2 3 4 5 6 8))
(assert_trap (invoke "one") "unreachable")
(assert_trap (invoke "trap") "integer divide by zero")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import")
(assert_invalid (module (func)) "type mismatch")
(assert_return (invoke "one") (i32.const 1))
