//===- EmitSIMDTest.cpp - Lane results of the SIMD emitters ---------------===//
//
// Each case wraps one SIMD operator in a tiny LLVM function, JITs it for
// x86-64-v2 and checks the lanes. Every case runs three ways: operands loaded
// from memory at -O0, the same after LLVM's O2 pipeline, and operands as
// constants after O2 (so LLVM's constant folding must agree too).
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "wasmkiln/driver/Codegen.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace llvm;
using namespace llvm::orc;
using namespace wasmkiln;

namespace {

struct V128 {
  uint8_t bytes[16] = {};

  template <class T> static V128 of(std::initializer_list<T> lanes) {
    V128 v;
    EXPECT_EQ(lanes.size() * sizeof(T), 16u);
    std::memcpy(v.bytes, lanes.begin(), 16);
    return v;
  }
  template <class T> static V128 scalar(T value) {
    V128 v;
    std::memcpy(v.bytes, &value, sizeof(T));
    return v;
  }
  template <class T> T lane(unsigned i) const {
    T value;
    std::memcpy(&value, bytes + i * sizeof(T), sizeof(T));
    return value;
  }
  template <class T> uint64_t bitsOf(unsigned i) const {
    uint64_t bits = 0;
    std::memcpy(&bits, bytes + i * sizeof(T), sizeof(T));
    return bits;
  }
};

enum class Mode { O0, O2, O2Const };

using TestFn = void (*)(uint8_t *out, const uint8_t *, const uint8_t *,
                        const uint8_t *);

class SIMDJit {
public:
  explicit SIMDJit(CodeGenOptLevel level) {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    JITTargetMachineBuilder jtmb((Triple("x86_64-unknown-linux-gnu")));
    jtmb.setCPU("x86-64-v2");
    jtmb.setCodeGenOptLevel(level);
    auto created = LLJITBuilder().setJITTargetMachineBuilder(jtmb).create();
    if (!created) {
      ADD_FAILURE() << toString(created.takeError());
      return;
    }
    jit = std::move(*created);
  }

  /// Adds \p module (with \p name defined in it) and returns its address.
  TestFn add(std::unique_ptr<llvm::Module> module,
             std::unique_ptr<LLVMContext> ctx, StringRef name, bool optimize) {
    std::string errors;
    raw_string_ostream os(errors);
    if (verifyModule(*module, &os)) {
      ADD_FAILURE() << "invalid IR: " << errors;
      return nullptr;
    }
    if (optimize) // wasmkiln's -O2 pipeline for its default target
      optimizeModule(*module, *getTargetMachine(), CodegenOptions());
    if (auto err = jit->addIRModule(
            ThreadSafeModule(std::move(module), std::move(ctx)))) {
      ADD_FAILURE() << toString(std::move(err));
      return nullptr;
    }
    auto sym = jit->lookup(name);
    if (!sym) {
      ADD_FAILURE() << toString(sym.takeError());
      return nullptr;
    }
    return sym->toPtr<TestFn>();
  }

private:
  static TargetMachine *getTargetMachine() {
    static std::unique_ptr<TargetMachine> tm =
        cantFail(createTargetMachine(CodegenOptions()));
    return tm.get();
  }

  std::unique_ptr<LLJIT> jit;
};

// -O0 cases also use the fast instruction selector; the others the default.
SIMDJit &getJit(Mode mode) {
  static SIMDJit fast(CodeGenOptLevel::None);
  static SIMDJit full(CodeGenOptLevel::Default);
  return mode == Mode::O0 ? fast : full;
}

// An operand of type \p ty, read from \p ptr or embedded from \p value.
Value *operand(IRBuilder<> &b, Type *ty, Value *ptr, const V128 &value,
               bool constant) {
  if (!constant)
    return b.CreateAlignedLoad(ty, ptr, Align(1));
  uint64_t words[2];
  std::memcpy(words, value.bytes, 16);
  Constant *v128 =
      ConstantDataVector::get(b.getContext(), ArrayRef<uint64_t>(words));
  if (ty->isVectorTy())
    return v128;
  Constant *low = ConstantInt::get(b.getInt64Ty(), words[0]);
  Constant *bits =
      ConstantExpr::getTrunc(low, b.getIntNTy(ty->getPrimitiveSizeInBits()));
  return ConstantExpr::getBitCast(bits, ty);
}

int counter = 0;

enum class Kind { Op, Load, Store };

// Builds, JITs and runs "out = op(args)" (or a load/store through args[0]'s
// address) and returns the 16 output bytes.
V128 run(Mode mode, Kind kind, const Instr &instr, std::vector<V128> args,
         uint8_t *memory = nullptr) {
  auto ctx = std::make_unique<LLVMContext>();
  auto module = std::make_unique<llvm::Module>("simd-test", *ctx);
  std::string name = "case" + std::to_string(counter++);
  Type *ptrTy = PointerType::get(*ctx, 0);
  auto *fnTy = FunctionType::get(Type::getVoidTy(*ctx),
                                 {ptrTy, ptrTy, ptrTy, ptrTy}, false);
  Function *fn =
      Function::Create(fnTy, Function::ExternalLinkage, name, module.get());
  IRBuilder<> b(BasicBlock::Create(*ctx, "entry", fn));
  bool constant = mode == Mode::O2Const;
  args.resize(3);

  if (kind == Kind::Op) {
    const OpcodeSig &sig = getOpcodeInfo(instr.op).sig;
    std::vector<Value *> values;
    for (size_t i = 0; i < sig.numParams; ++i)
      values.push_back(operand(b, getValueType(*ctx, sig.params[i]),
                               fn->getArg(1 + i), args[i], constant));
    Value *result = emitSIMDOp(b, instr, values);
    EXPECT_EQ(result->getType(), getValueType(*ctx, sig.results[0]));
    b.CreateAlignedStore(result, fn->getArg(0), Align(1));
  } else {
    // The address is the memory buffer itself (args[0] unused); the vector
    // operand comes from args[1].
    Value *vec =
        operand(b, getV128Type(*ctx), fn->getArg(2), args[1], constant);
    if (kind == Kind::Load)
      b.CreateAlignedStore(emitSIMDLoad(b, instr, fn->getArg(1), vec),
                           fn->getArg(0), Align(1));
    else
      emitSIMDStore(b, instr, fn->getArg(1), vec);
  }
  b.CreateRetVoid();

  TestFn f = getJit(mode).add(std::move(module), std::move(ctx), name,
                              mode != Mode::O0);
  V128 out;
  if (f)
    f(out.bytes, kind == Kind::Op ? args[0].bytes : memory, args[1].bytes,
      args[2].bytes);
  return out;
}

Instr makeInstr(Opcode op, uint8_t lane = 0) {
  Instr instr;
  instr.op = op;
  instr.lane = lane;
  return instr;
}

class EmitSIMD : public ::testing::TestWithParam<Mode> {
protected:
  V128 op(Opcode opcode, std::vector<V128> args, uint8_t lane = 0) {
    return run(GetParam(), Kind::Op, makeInstr(opcode, lane), std::move(args));
  }
  V128 op(const Instr &instr, std::vector<V128> args) {
    return run(GetParam(), Kind::Op, instr, std::move(args));
  }
};

const float fNaN = std::numeric_limits<float>::quiet_NaN();
const double dNaN = std::numeric_limits<double>::quiet_NaN();
const float fInf = std::numeric_limits<float>::infinity();
const double dInf = std::numeric_limits<double>::infinity();

bool isCanonicalNaN32(uint64_t bits) {
  return (bits & 0x7fffffff) == 0x7fc00000;
}
bool isCanonicalNaN64(uint64_t bits) {
  return (bits & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}

} // namespace

TEST_P(EmitSIMD, ConstShuffleSwizzle) {
  Instr c = makeInstr(Opcode::V128Const);
  for (unsigned i = 0; i < 16; ++i)
    c.bytes[i] = uint8_t(i * 3);
  V128 r = op(c, {});
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.bytes[i], i * 3);

  V128 a, b;
  for (unsigned i = 0; i < 16; ++i) {
    a.bytes[i] = uint8_t(i);
    b.bytes[i] = uint8_t(100 + i);
  }
  Instr s = makeInstr(Opcode::I8x16Shuffle);
  for (unsigned i = 0; i < 16; ++i)
    s.bytes[i] = uint8_t(31 - 2 * i % 32);
  r = op(s, {a, b});
  for (unsigned i = 0; i < 16; ++i) {
    unsigned idx = 31 - 2 * i % 32;
    EXPECT_EQ(r.bytes[i], idx < 16 ? idx : 100 + idx - 16);
  }

  // Indices 16..255 give 0, including those x86 pshufb would wrap.
  V128 idx = V128::of<uint8_t>(
      {0, 15, 16, 17, 31, 32, 0x70, 0x7f, 0x80, 0x8f, 0xff, 1, 2, 3, 4, 5});
  r = op(Opcode::I8x16Swizzle, {b, idx});
  uint8_t expect[16] = {100, 115, 0, 0,   0,   0,   0,   0,
                        0,   0,   0, 101, 102, 103, 104, 105};
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.bytes[i], expect[i]) << "lane " << i;
}

TEST_P(EmitSIMD, SplatExtractReplace) {
  V128 r = op(Opcode::I8x16Splat, {V128::scalar<int32_t>(0x1ff)});
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.bytes[i], 0xff);
  r = op(Opcode::F64x2Splat, {V128::scalar<double>(-2.5)});
  EXPECT_EQ(r.lane<double>(1), -2.5);

  V128 v = V128::of<int8_t>(
      {0, -1, 2, -128, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 127});
  EXPECT_EQ(op(Opcode::I8x16ExtractLaneS, {v}, 3).lane<int32_t>(0), -128);
  EXPECT_EQ(op(Opcode::I8x16ExtractLaneU, {v}, 3).lane<int32_t>(0), 128);
  V128 h = V128::of<int16_t>({1, -2, 3, -32768, 5, 6, 7, 8});
  EXPECT_EQ(op(Opcode::I16x8ExtractLaneS, {h}, 3).lane<int32_t>(0), -32768);
  EXPECT_EQ(op(Opcode::I16x8ExtractLaneU, {h}, 1).lane<int32_t>(0), 65534);

  r = op(Opcode::I16x8ReplaceLane, {h, V128::scalar<int32_t>(0x12345)}, 7);
  EXPECT_EQ(r.lane<uint16_t>(7), 0x2345);
  EXPECT_EQ(r.lane<int16_t>(6), 7);
  r = op(Opcode::F32x4ReplaceLane, {V128(), V128::scalar<float>(1.5f)}, 2);
  EXPECT_EQ(r.lane<float>(2), 1.5f);
  EXPECT_EQ(r.lane<float>(1), 0.0f);
}

TEST_P(EmitSIMD, Comparisons) {
  V128 a =
      V128::of<int8_t>({-1, 0, 1, 127, -128, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 b =
      V128::of<int8_t>({1, 0, -1, -128, 127, 5, 6, 4, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 r = op(Opcode::I8x16LtS, {a, b});
  EXPECT_EQ(r.lane<int8_t>(0), -1);
  EXPECT_EQ(r.lane<int8_t>(2), 0);
  EXPECT_EQ(r.lane<int8_t>(4), -1);
  r = op(Opcode::I8x16LtU, {a, b});
  EXPECT_EQ(r.lane<int8_t>(0), 0);
  EXPECT_EQ(r.lane<int8_t>(2), -1);
  EXPECT_EQ(r.lane<int8_t>(3), -1);

  V128 f = V128::of<float>({fNaN, 1.0f, -0.0f, 2.0f});
  V128 g = V128::of<float>({fNaN, 1.0f, 0.0f, 1.0f});
  r = op(Opcode::F32x4Eq, {f, g});
  EXPECT_EQ(r.lane<int32_t>(0), 0);
  EXPECT_EQ(r.lane<int32_t>(1), -1);
  EXPECT_EQ(r.lane<int32_t>(2), -1);
  r = op(Opcode::F32x4Ne, {f, g});
  EXPECT_EQ(r.lane<int32_t>(0), -1);
  EXPECT_EQ(r.lane<int32_t>(2), 0);
  r = op(Opcode::F32x4Ge, {f, g});
  EXPECT_EQ(r.lane<int32_t>(0), 0);
  EXPECT_EQ(r.lane<int32_t>(3), -1);

  V128 l = V128::of<int64_t>({INT64_MIN, 3});
  V128 m = V128::of<int64_t>({INT64_MAX, 3});
  r = op(Opcode::I64x2LtS, {l, m});
  EXPECT_EQ(r.lane<int64_t>(0), -1);
  EXPECT_EQ(r.lane<int64_t>(1), 0);
  r = op(Opcode::I64x2GeS, {l, m});
  EXPECT_EQ(r.lane<int64_t>(1), -1);
}

TEST_P(EmitSIMD, BitwiseAndTests) {
  V128 a = V128::of<uint64_t>({0xff00ff00f0f0f0f0ull, 0x0123456789abcdefull});
  V128 b = V128::of<uint64_t>({0x0ff00ff00ff00ff0ull, 0xffffffff00000000ull});
  V128 c = V128::of<uint64_t>({0xffffffff00000000ull, 0x00000000ffffffffull});
  EXPECT_EQ(op(Opcode::V128Andnot, {a, b}).lane<uint64_t>(0),
            0xff00ff00f0f0f0f0ull & ~0x0ff00ff00ff00ff0ull);
  V128 r = op(Opcode::V128Bitselect, {a, b, c});
  EXPECT_EQ(r.lane<uint64_t>(0), 0xff00ff000ff00ff0ull);
  EXPECT_EQ(r.lane<uint64_t>(1), 0xffffffff89abcdefull);
  EXPECT_EQ(op(Opcode::V128Not, {a}).lane<uint64_t>(1), ~0x0123456789abcdefull);

  V128 zero;
  V128 oneBit = V128::of<uint64_t>({0, 1ull << 63});
  EXPECT_EQ(op(Opcode::V128AnyTrue, {zero}).lane<int32_t>(0), 0);
  EXPECT_EQ(op(Opcode::V128AnyTrue, {oneBit}).lane<int32_t>(0), 1);
  EXPECT_EQ(op(Opcode::I64x2AllTrue, {oneBit}).lane<int32_t>(0), 0);
  EXPECT_EQ(op(Opcode::I8x16AllTrue, {a}).lane<int32_t>(0), 0);
  V128 allSet = V128::of<uint16_t>({1, 0x100, 3, 4, 5, 6, 7, 0x8000});
  EXPECT_EQ(op(Opcode::I16x8AllTrue, {allSet}).lane<int32_t>(0), 1);
  EXPECT_EQ(op(Opcode::I8x16AllTrue, {allSet}).lane<int32_t>(0), 0);

  V128 signs = V128::of<int8_t>(
      {-1, -1, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5});
  EXPECT_EQ(op(Opcode::I8x16Bitmask, {signs}).lane<int32_t>(0), 0x8007);
  // Little-endian lanes: i16 lane 0 is 0xffff, i32 lane 0 is 0x7f80ffff.
  EXPECT_EQ(op(Opcode::I16x8Bitmask, {signs}).lane<int32_t>(0), 0x81);
  EXPECT_EQ(op(Opcode::I32x4Bitmask, {signs}).lane<int32_t>(0), 0x8);
  EXPECT_EQ(op(Opcode::I64x2Bitmask, {oneBit}).lane<int32_t>(0), 0x2);
}

TEST_P(EmitSIMD, IntegerArithmetic) {
  V128 a = V128::of<uint8_t>(
      {200, 100, 0, 255, 128, 127, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 b = V128::of<uint8_t>(
      {100, 100, 1, 255, 128, 1, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 r = op(Opcode::I8x16AddSatU, {a, b});
  EXPECT_EQ(r.bytes[0], 255);
  EXPECT_EQ(r.bytes[1], 200);
  r = op(Opcode::I8x16AddSatS, {a, b});
  EXPECT_EQ(r.lane<int8_t>(4), -128); // -128 + -128
  EXPECT_EQ(r.lane<int8_t>(5), 127);  // 127 + 1
  r = op(Opcode::I8x16SubSatU, {a, b});
  EXPECT_EQ(r.bytes[2], 0);
  EXPECT_EQ(r.bytes[0], 100);
  r = op(Opcode::I8x16SubSatS, {a, b});
  EXPECT_EQ(r.lane<int8_t>(5), 127 - 1);
  EXPECT_EQ(r.lane<int8_t>(6), 2); // 1 - (-1)
  r = op(Opcode::I8x16AvgrU, {a, b});
  EXPECT_EQ(r.bytes[0], 150);
  EXPECT_EQ(r.bytes[3], 255);
  EXPECT_EQ(r.bytes[6], 128); // (1 + 255 + 1) / 2
  r = op(Opcode::I8x16MinS, {a, b});
  EXPECT_EQ(r.lane<int8_t>(0), -56);
  r = op(Opcode::I8x16MaxU, {a, b});
  EXPECT_EQ(r.bytes[6], 255);

  V128 p = V128::of<uint8_t>(
      {0, 1, 3, 0xff, 0x80, 0x55, 0xaa, 7, 0, 0, 0, 0, 0, 0, 0, 0xf0});
  r = op(Opcode::I8x16Popcnt, {p});
  uint8_t counts[16] = {0, 1, 2, 8, 1, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 4};
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.bytes[i], counts[i]);

  V128 w = V128::of<int32_t>({INT32_MIN, -5, 5, 0});
  r = op(Opcode::I32x4Abs, {w});
  EXPECT_EQ(r.lane<int32_t>(0), INT32_MIN);
  EXPECT_EQ(r.lane<int32_t>(1), 5);
  r = op(Opcode::I32x4Neg, {w});
  EXPECT_EQ(r.lane<int32_t>(0), INT32_MIN);
  EXPECT_EQ(r.lane<int32_t>(2), -5);
  V128 q = V128::of<int64_t>({INT64_MIN, -7});
  EXPECT_EQ(op(Opcode::I64x2Abs, {q}).lane<int64_t>(1), 7);
  EXPECT_EQ(op(Opcode::I64x2Mul, {q, q}).lane<int64_t>(1), 49);
  V128 h = V128::of<int16_t>({-300, 300, 2, 3, 4, 5, 6, 7});
  EXPECT_EQ(op(Opcode::I16x8Mul, {h, h}).lane<int16_t>(0),
            int16_t(90000 & 0xffff));
}

TEST_P(EmitSIMD, ShiftsTakeCountModuloWidth) {
  V128 v =
      V128::of<int8_t>({-128, 64, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3});
  V128 r = op(Opcode::I8x16ShrS, {v, V128::scalar<int32_t>(9)}); // 9 % 8 = 1
  EXPECT_EQ(r.lane<int8_t>(0), -64);
  EXPECT_EQ(r.lane<int8_t>(1), 32);
  EXPECT_EQ(r.lane<int8_t>(3), -1);
  r = op(Opcode::I8x16ShrU, {v, V128::scalar<int32_t>(-1)}); // 7
  EXPECT_EQ(r.lane<uint8_t>(0), 1);
  EXPECT_EQ(r.lane<uint8_t>(1), 0);
  r = op(Opcode::I8x16Shl, {v, V128::scalar<int32_t>(8)}); // 0
  EXPECT_EQ(r.lane<int8_t>(15), 3);
  r = op(Opcode::I8x16Shl, {v, V128::scalar<int32_t>(2)});
  EXPECT_EQ(r.lane<int8_t>(1), 0);
  EXPECT_EQ(r.lane<int8_t>(15), 12);

  V128 h = V128::of<int16_t>({-32768, 1, 2, 3, 4, 5, 6, 7});
  r = op(Opcode::I16x8ShrS, {h, V128::scalar<int32_t>(31)}); // 15
  EXPECT_EQ(r.lane<int16_t>(0), -1);
  EXPECT_EQ(r.lane<int16_t>(1), 0);
  r = op(Opcode::I16x8Shl, {h, V128::scalar<int32_t>(17)}); // 1
  EXPECT_EQ(r.lane<int16_t>(7), 14);
  V128 w = V128::of<int32_t>({INT32_MIN, 1, 2, 3});
  r = op(Opcode::I32x4ShrU, {w, V128::scalar<int32_t>(32)});
  EXPECT_EQ(r.lane<int32_t>(0), INT32_MIN);
  r = op(Opcode::I32x4ShrS, {w, V128::scalar<int32_t>(63)});
  EXPECT_EQ(r.lane<int32_t>(0), -1);
  V128 l = V128::of<int64_t>({INT64_MIN, 1});
  r = op(Opcode::I64x2ShrS, {l, V128::scalar<int32_t>(127)});
  EXPECT_EQ(r.lane<int64_t>(0), -1);
  r = op(Opcode::I64x2Shl, {l, V128::scalar<int32_t>(65)});
  EXPECT_EQ(r.lane<int64_t>(0), 0);
  EXPECT_EQ(r.lane<int64_t>(1), 2);
}

TEST_P(EmitSIMD, Q15MulrSaturates) {
  V128 a = V128::of<int16_t>({-32768, -32768, 16384, 32767, -1, 1, 0x4000, 3});
  V128 b = V128::of<int16_t>({-32768, 32767, 16384, 32767, 1, 1, 1, -3});
  V128 r = op(Opcode::I16x8Q15mulrSatS, {a, b});
  int16_t expect[8] = {32767, -32767, 8192, 32766, 0, 0, 1, 0};
  for (unsigned i = 0; i < 8; ++i)
    EXPECT_EQ(r.lane<int16_t>(i), expect[i]) << "lane " << i;
}

TEST_P(EmitSIMD, NarrowSaturates) {
  V128 a = V128::of<int16_t>({-129, -128, 127, 128, 255, 256, -1, 0});
  V128 b = V128::of<int16_t>({32767, -32768, 1, 2, 3, 4, 5, 6});
  V128 r = op(Opcode::I8x16NarrowI16x8S, {a, b});
  int8_t s[16] = {-128, -128, 127, 127, 127, 127, -1, 0,
                  127,  -128, 1,   2,   3,   4,   5,  6};
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.lane<int8_t>(i), s[i]) << "lane " << i;
  r = op(Opcode::I8x16NarrowI16x8U, {a, b});
  uint8_t u[16] = {0, 0, 127, 128, 255, 255, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6};
  for (unsigned i = 0; i < 16; ++i)
    EXPECT_EQ(r.lane<uint8_t>(i), u[i]) << "lane " << i;

  V128 c = V128::of<int32_t>({-32769, 32768, 65535, -1});
  r = op(Opcode::I16x8NarrowI32x4U, {c, c});
  EXPECT_EQ(r.lane<uint16_t>(0), 0);
  EXPECT_EQ(r.lane<uint16_t>(1), 32768);
  EXPECT_EQ(r.lane<uint16_t>(2), 65535);
  EXPECT_EQ(r.lane<uint16_t>(3), 0);
  r = op(Opcode::I16x8NarrowI32x4S, {c, c});
  EXPECT_EQ(r.lane<int16_t>(4), -32768);
  EXPECT_EQ(r.lane<int16_t>(5), 32767);
}

TEST_P(EmitSIMD, Widening) {
  V128 a = V128::of<int8_t>(
      {-1, 2, -3, 4, 5, 6, 7, 8, -128, 127, 0, 1, 2, 3, 4, -2});
  V128 r = op(Opcode::I16x8ExtendHighI8x16S, {a});
  EXPECT_EQ(r.lane<int16_t>(0), -128);
  EXPECT_EQ(r.lane<int16_t>(7), -2);
  r = op(Opcode::I16x8ExtendLowI8x16U, {a});
  EXPECT_EQ(r.lane<int16_t>(0), 255);
  r = op(Opcode::I16x8ExtaddPairwiseI8x16S, {a});
  EXPECT_EQ(r.lane<int16_t>(0), 1);
  EXPECT_EQ(r.lane<int16_t>(4), -1);
  r = op(Opcode::I16x8ExtaddPairwiseI8x16U, {a});
  EXPECT_EQ(r.lane<int16_t>(0), 257);
  EXPECT_EQ(r.lane<int16_t>(7), 4 + 254);
  r = op(Opcode::I16x8ExtmulHighI8x16S, {a, a});
  EXPECT_EQ(r.lane<int16_t>(0), 16384);
  r = op(Opcode::I16x8ExtmulLowI8x16U, {a, a});
  EXPECT_EQ(r.lane<uint16_t>(0), 65025);

  V128 w = V128::of<int32_t>({-1, 2, INT32_MIN, 3});
  r = op(Opcode::I64x2ExtmulHighI32x4S, {w, w});
  EXPECT_EQ(r.lane<int64_t>(0), int64_t(1) << 62);
  r = op(Opcode::I64x2ExtendLowI32x4U, {w});
  EXPECT_EQ(r.lane<int64_t>(0), 0xffffffffll);

  V128 h = V128::of<int16_t>({-32768, -32768, 1, 2, 3, 4, -5, 6});
  r = op(Opcode::I32x4DotI16x8S, {h, h});
  EXPECT_EQ(r.lane<int32_t>(0), INT32_MIN); // 2^31 wraps
  EXPECT_EQ(r.lane<int32_t>(1), 5);
  EXPECT_EQ(r.lane<int32_t>(3), 61);
  r = op(Opcode::I32x4ExtaddPairwiseI16x8U, {h});
  EXPECT_EQ(r.lane<int32_t>(0), 65536);
}

TEST_P(EmitSIMD, FloatMinMax) {
  V128 a = V128::of<float>({fNaN, 0.0f, -0.0f, 1.0f});
  V128 b = V128::of<float>({1.0f, -0.0f, 0.0f, fNaN});
  V128 r = op(Opcode::F32x4Min, {a, b});
  EXPECT_TRUE(isCanonicalNaN32(r.bitsOf<float>(0)));
  EXPECT_EQ(r.bitsOf<float>(1), 0x80000000u);
  EXPECT_EQ(r.bitsOf<float>(2), 0x80000000u);
  EXPECT_TRUE(isCanonicalNaN32(r.bitsOf<float>(3)));
  r = op(Opcode::F32x4Max, {a, b});
  EXPECT_TRUE(isCanonicalNaN32(r.bitsOf<float>(0)));
  EXPECT_EQ(r.bitsOf<float>(1), 0u);
  EXPECT_EQ(r.bitsOf<float>(2), 0u);

  // A signalling NaN operand still gives a quiet (canonical) NaN.
  V128 snan = V128::of<uint32_t>({0x7fa00000, 0xffa00001, 0x3f800000, 0});
  V128 ones = V128::of<float>({1.0f, 1.0f, -fInf, -0.0f});
  r = op(Opcode::F32x4Min, {snan, ones});
  EXPECT_TRUE(isCanonicalNaN32(r.bitsOf<float>(0)));
  EXPECT_TRUE(isCanonicalNaN32(r.bitsOf<float>(1)));
  EXPECT_EQ(r.lane<float>(2), -fInf);
  EXPECT_EQ(r.bitsOf<float>(3), 0x80000000u);

  V128 c = V128::of<double>({-0.0, dNaN});
  V128 d = V128::of<double>({0.0, -dInf});
  r = op(Opcode::F64x2Min, {c, d});
  EXPECT_EQ(r.bitsOf<double>(0), 0x8000000000000000ull);
  EXPECT_TRUE(isCanonicalNaN64(r.bitsOf<double>(1)));
  r = op(Opcode::F64x2Max, {c, d});
  EXPECT_EQ(r.bitsOf<double>(0), 0u);
  EXPECT_TRUE(isCanonicalNaN64(r.bitsOf<double>(1)));
}

TEST_P(EmitSIMD, PseudoMinMax) {
  // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a, bits untouched.
  V128 a = V128::of<uint32_t>({0x7fc00001, 0x3f800000, 0x80000000, 0});
  V128 b = V128::of<uint32_t>({0x3f800000, 0x7fc00002, 0, 0x80000000});
  V128 r = op(Opcode::F32x4Pmin, {a, b});
  EXPECT_EQ(r.lane<uint32_t>(0), 0x7fc00001u);
  EXPECT_EQ(r.lane<uint32_t>(1), 0x3f800000u);
  EXPECT_EQ(r.lane<uint32_t>(2), 0x80000000u);
  EXPECT_EQ(r.lane<uint32_t>(3), 0u);
  r = op(Opcode::F32x4Pmax, {a, b});
  EXPECT_EQ(r.lane<uint32_t>(0), 0x7fc00001u);
  EXPECT_EQ(r.lane<uint32_t>(1), 0x3f800000u);
  EXPECT_EQ(r.lane<uint32_t>(2), 0x80000000u);
  EXPECT_EQ(r.lane<uint32_t>(3), 0u);
  V128 c = V128::of<double>({1.0, -0.0});
  V128 d = V128::of<double>({2.0, 0.0});
  r = op(Opcode::F64x2Pmin, {c, d});
  EXPECT_EQ(r.lane<double>(0), 1.0);
  EXPECT_EQ(r.bitsOf<double>(1), 0x8000000000000000ull);
  r = op(Opcode::F64x2Pmax, {c, d});
  EXPECT_EQ(r.lane<double>(0), 2.0);
  EXPECT_EQ(r.bitsOf<double>(1), 0x8000000000000000ull);
}

TEST_P(EmitSIMD, FloatUnary) {
  V128 a = V128::of<float>({-2.5f, 2.5f, -0.5f, 3.5f});
  EXPECT_EQ(op(Opcode::F32x4Nearest, {a}).lane<float>(0), -2.0f);
  EXPECT_EQ(op(Opcode::F32x4Nearest, {a}).lane<float>(3), 4.0f);
  EXPECT_EQ(op(Opcode::F32x4Nearest, {a}).bitsOf<float>(2), 0x80000000u);
  EXPECT_EQ(op(Opcode::F32x4Ceil, {a}).bitsOf<float>(2), 0x80000000u);
  EXPECT_EQ(op(Opcode::F32x4Floor, {a}).lane<float>(1), 2.0f);
  EXPECT_EQ(op(Opcode::F32x4Trunc, {a}).lane<float>(0), -2.0f);
  V128 n = V128::of<uint32_t>({0x7fc00001, 0xffc00001, 0x80000000, 0});
  V128 r = op(Opcode::F32x4Neg, {n});
  EXPECT_EQ(r.lane<uint32_t>(0), 0xffc00001u);
  EXPECT_EQ(r.lane<uint32_t>(1), 0x7fc00001u);
  EXPECT_EQ(r.lane<uint32_t>(2), 0u);
  r = op(Opcode::F32x4Abs, {n});
  EXPECT_EQ(r.lane<uint32_t>(1), 0x7fc00001u);
  EXPECT_EQ(r.lane<uint32_t>(2), 0u);
  V128 d = V128::of<double>({4.0, -1.0});
  r = op(Opcode::F64x2Sqrt, {d});
  EXPECT_EQ(r.lane<double>(0), 2.0);
  EXPECT_TRUE(std::isnan(r.lane<double>(1)));
  EXPECT_EQ(
      op(Opcode::F64x2Nearest, {V128::of<double>({0.5, -1.5})}).lane<double>(1),
      -2.0);
}

TEST_P(EmitSIMD, TruncSat) {
  V128 f = V128::of<float>({fNaN, fInf, -fInf, -1.9f});
  V128 r = op(Opcode::I32x4TruncSatF32x4S, {f});
  EXPECT_EQ(r.lane<int32_t>(0), 0);
  EXPECT_EQ(r.lane<int32_t>(1), INT32_MAX);
  EXPECT_EQ(r.lane<int32_t>(2), INT32_MIN);
  EXPECT_EQ(r.lane<int32_t>(3), -1);
  r = op(Opcode::I32x4TruncSatF32x4U, {f});
  EXPECT_EQ(r.lane<uint32_t>(0), 0u);
  EXPECT_EQ(r.lane<uint32_t>(1), UINT32_MAX);
  EXPECT_EQ(r.lane<uint32_t>(2), 0u);
  EXPECT_EQ(r.lane<uint32_t>(3), 0u);
  V128 big = V128::of<float>(
      {4294967040.0f, 2147483520.0f, 2147483648.0f, -2147483904.0f});
  r = op(Opcode::I32x4TruncSatF32x4U, {big});
  EXPECT_EQ(r.lane<uint32_t>(0), 4294967040u);
  r = op(Opcode::I32x4TruncSatF32x4S, {big});
  EXPECT_EQ(r.lane<int32_t>(1), 2147483520);
  EXPECT_EQ(r.lane<int32_t>(2), INT32_MAX);
  EXPECT_EQ(r.lane<int32_t>(3), INT32_MIN);

  V128 d = V128::of<double>({dNaN, 4294967295.9});
  r = op(Opcode::I32x4TruncSatF64x2UZero, {d});
  EXPECT_EQ(r.lane<uint32_t>(0), 0u);
  EXPECT_EQ(r.lane<uint32_t>(1), UINT32_MAX);
  EXPECT_EQ(r.lane<uint64_t>(1), 0u);
  r = op(Opcode::I32x4TruncSatF64x2SZero, {V128::of<double>({-dInf, 1e10})});
  EXPECT_EQ(r.lane<int32_t>(0), INT32_MIN);
  EXPECT_EQ(r.lane<int32_t>(1), INT32_MAX);
  EXPECT_EQ(r.lane<uint64_t>(1), 0u);
}

TEST_P(EmitSIMD, IntFloatConversions) {
  V128 u = V128::of<uint32_t>({0xffffffff, 0x80000000, 16777217, 1});
  V128 r = op(Opcode::F32x4ConvertI32x4U, {u});
  EXPECT_EQ(r.lane<float>(0), 4294967296.0f);
  EXPECT_EQ(r.lane<float>(1), 2147483648.0f);
  EXPECT_EQ(r.lane<float>(2), 16777216.0f);
  r = op(Opcode::F32x4ConvertI32x4S, {u});
  EXPECT_EQ(r.lane<float>(0), -1.0f);
  r = op(Opcode::F64x2ConvertLowI32x4U, {u});
  EXPECT_EQ(r.lane<double>(0), 4294967295.0);
  EXPECT_EQ(r.lane<double>(1), 2147483648.0);
  r = op(Opcode::F64x2ConvertLowI32x4S, {u});
  EXPECT_EQ(r.lane<double>(1), -2147483648.0);

  V128 d = V128::of<double>({1e300, 0.1});
  r = op(Opcode::F32x4DemoteF64x2Zero, {d});
  EXPECT_EQ(r.lane<float>(0), fInf);
  EXPECT_EQ(r.lane<float>(1), 0.1f);
  EXPECT_EQ(r.lane<uint64_t>(1), 0u);
  r = op(Opcode::F64x2PromoteLowF32x4,
         {V128::of<float>({0.1f, -fInf, 5.0f, 6.0f})});
  EXPECT_EQ(r.lane<double>(0), double(0.1f));
  EXPECT_EQ(r.lane<double>(1), -dInf);
}

TEST_P(EmitSIMD, Loads) {
  alignas(16) uint8_t buffer[32];
  for (unsigned i = 0; i < 32; ++i)
    buffer[i] = uint8_t(0xf0 + i);
  uint8_t *mem = buffer + 1; // unaligned on purpose
  auto load = [&](Opcode opcode, V128 vec = V128(), uint8_t lane = 0) {
    return run(GetParam(), Kind::Load, makeInstr(opcode, lane), {V128(), vec},
               mem);
  };
  V128 r = load(Opcode::V128Load);
  EXPECT_EQ(0, std::memcmp(r.bytes, mem, 16));
  r = load(Opcode::V128Load8x8S);
  EXPECT_EQ(r.lane<int16_t>(0), int8_t(0xf1));
  EXPECT_EQ(r.lane<int16_t>(7), int8_t(0xf8));
  r = load(Opcode::V128Load8x8U);
  EXPECT_EQ(r.lane<int16_t>(0), 0xf1);
  r = load(Opcode::V128Load32x2U);
  EXPECT_EQ(r.lane<uint64_t>(0), 0xf4f3f2f1ull);
  r = load(Opcode::V128Load16x4S);
  EXPECT_EQ(r.lane<int32_t>(0), int16_t(0xf2f1));
  r = load(Opcode::V128Load16Splat);
  for (unsigned i = 0; i < 8; ++i)
    EXPECT_EQ(r.lane<uint16_t>(i), 0xf2f1);
  r = load(Opcode::V128Load32Zero);
  EXPECT_EQ(r.lane<uint32_t>(0), 0xf4f3f2f1u);
  EXPECT_EQ(r.lane<uint32_t>(1), 0u);
  EXPECT_EQ(r.lane<uint64_t>(1), 0u);
  V128 vec = V128::of<uint64_t>({0x1111111111111111ull, 0x2222222222222222ull});
  r = load(Opcode::V128Load8Lane, vec, 9);
  EXPECT_EQ(r.bytes[9], 0xf1);
  EXPECT_EQ(r.bytes[8], 0x22);
  r = load(Opcode::V128Load64Lane, vec, 1);
  EXPECT_EQ(r.lane<uint64_t>(0), 0x1111111111111111ull);
  EXPECT_EQ(r.lane<uint64_t>(1), 0xf8f7f6f5f4f3f2f1ull);
}

TEST_P(EmitSIMD, Stores) {
  alignas(16) uint8_t buffer[32] = {};
  uint8_t *mem = buffer + 3;
  V128 vec;
  for (unsigned i = 0; i < 16; ++i)
    vec.bytes[i] = uint8_t(i + 1);
  auto store = [&](Opcode opcode, uint8_t lane = 0) {
    std::memset(buffer, 0, sizeof(buffer));
    run(GetParam(), Kind::Store, makeInstr(opcode, lane), {V128(), vec}, mem);
  };
  store(Opcode::V128Store);
  EXPECT_EQ(0, std::memcmp(mem, vec.bytes, 16));
  EXPECT_EQ(mem[16], 0);
  store(Opcode::V128Store16Lane, 3);
  EXPECT_EQ(mem[0], 7);
  EXPECT_EQ(mem[1], 8);
  EXPECT_EQ(mem[2], 0);
  store(Opcode::V128Store64Lane, 1);
  EXPECT_EQ(mem[0], 9);
  EXPECT_EQ(mem[7], 16);
  EXPECT_EQ(mem[8], 0);
}

// isSIMDOp covers exactly the non-memory SIMD opcodes, relaxed ones included.
TEST(EmitSIMDTable, IsSIMDOp) {
  unsigned simd = 0, memory = 0, relaxed = 0;
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    Feature feature = getOpcodeInfo(op).feature;
    if (feature != Feature::SIMD && feature != Feature::RelaxedSIMD) {
      EXPECT_FALSE(isSIMDOp(op)) << getOpcodeText(op);
      continue;
    }
    relaxed += feature == Feature::RelaxedSIMD;
    (isSIMDOp(op) ? simd : memory)++;
  }
  EXPECT_EQ(simd + memory, 256u);
  EXPECT_EQ(memory, 22u);
  EXPECT_EQ(relaxed, 20u);
}

// The relaxed operators emit valid IR for each target's choice of lowering
// (EmitSIMDRelaxed.cpp chooses by the module's triple).
TEST(EmitSIMDTable, RelaxedOpcodesEmitForEachTarget) {
  for (const char *triple : {"x86_64-unknown-linux-gnu", "aarch64-linux-gnu"}) {
    LLVMContext ctx;
    llvm::Module module("relaxed", ctx);
    module.setTargetTriple(triple);
    for (unsigned i = 0; i < NumOpcodes; ++i) {
      auto op = static_cast<Opcode>(i);
      if (getOpcodeInfo(op).feature != Feature::RelaxedSIMD)
        continue;
      const OpcodeSig &sig = getOpcodeInfo(op).sig;
      std::vector<Type *> paramTys(sig.numParams, getV128Type(ctx));
      Function *fn = Function::Create(
          FunctionType::get(getV128Type(ctx), paramTys, false),
          Function::ExternalLinkage, getOpcodeText(op), &module);
      IRBuilder<> b(BasicBlock::Create(ctx, "entry", fn));
      std::vector<Value *> args;
      for (auto &arg : fn->args())
        args.push_back(&arg);
      Value *result = emitSIMDOp(b, makeInstr(op), args);
      EXPECT_EQ(result->getType(), getV128Type(ctx)) << getOpcodeText(op);
      b.CreateRet(result);
    }
    std::string errors;
    raw_string_ostream os(errors);
    EXPECT_FALSE(verifyModule(module, &os)) << triple << ": " << errors;
  }
}

// Every non-memory SIMD opcode yields valid IR of its signature's type.
TEST(EmitSIMDTable, EveryOpcodeEmits) {
  LLVMContext ctx;
  llvm::Module module("all", ctx);
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    if (!isSIMDOp(op))
      continue;
    const OpcodeSig &sig = getOpcodeInfo(op).sig;
    std::vector<Type *> paramTys;
    for (ValType t : sig.paramTypes())
      paramTys.push_back(getValueType(ctx, t));
    Type *resultTy = getValueType(ctx, sig.results[0]);
    Function *fn =
        Function::Create(FunctionType::get(resultTy, paramTys, false),
                         Function::ExternalLinkage, getOpcodeText(op), &module);
    IRBuilder<> b(BasicBlock::Create(ctx, "entry", fn));
    std::vector<Value *> args;
    for (auto &arg : fn->args())
      args.push_back(&arg);
    Instr instr = makeInstr(op);
    Value *result = emitSIMDOp(b, instr, args);
    EXPECT_EQ(result->getType(), resultTy) << getOpcodeText(op);
    b.CreateRet(result);
  }
  std::string errors;
  raw_string_ostream os(errors);
  EXPECT_FALSE(verifyModule(module, &os)) << errors;
}

INSTANTIATE_TEST_SUITE_P(Modes, EmitSIMD,
                         ::testing::Values(Mode::O0, Mode::O2, Mode::O2Const),
                         [](const ::testing::TestParamInfo<Mode> &info) {
                           switch (info.param) {
                           case Mode::O0:
                             return "O0";
                           case Mode::O2:
                             return "O2";
                           default:
                             return "O2Const";
                           }
                         });
