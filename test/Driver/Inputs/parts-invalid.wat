;; Used by parallel.test: the third function is invalid (wat2wasm --no-check).
(module
  (func (result i32) (i32.const 1))
  (func (result i32) (i32.const 2))
  (func (result i32) (f32.const 3))
  (func (result i32) (i64.const 4)))
