(module
  (memory (export "free") 1)
  (func (export "a") (result i32) (i32.const 1))
  (func (export "\00a") (result i32) (i32.const 2))
  (func (export "a\00") (result i32) (i32.const 3))
  (func (export "a-") (result i32) (i32.const 4))
  (func (export "*/") (result i32 i32) (i32.const 5) (i32.const 6)))
