;; The module of either.json (wasmkiln-spec's "either" expectations).
(module
  (func (export "min") (param v128 v128) (result v128)
    (f32x4.relaxed_min (local.get 0) (local.get 1)))
  (func (export "seven") (result i32) (i32.const 7)))
