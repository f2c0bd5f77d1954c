//===- EmitScalarTest.cpp - Scalar emitters, JIT-executed -----------------===//
//
// Each case applies one operator through emitScalarOp inside a small LLVM
// function, which is JIT-compiled with ORC and called. Every case runs with
// each operand either loaded at run time or a constant (so both the code
// generator and LLVM's constant folding are exercised), before and after
// LLVM's O2 pipeline. Traps branch to a block that records the trap kind
// through a pointer argument and returns.
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "wasmkiln/driver/Codegen.h"
#include "wasmkiln/wasm/Opcode.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

using namespace llvm;
using namespace llvm::orc;
using namespace wasmkiln;

namespace {

constexpr uint64_t Sentinel = 0xdeadbeefcafef00dULL;

struct Expect {
  enum Kind { Bits, ArithNaN, CanonNaN, Trap } kind = Bits;
  uint64_t bits = 0;
  uint32_t trap = 0;
};

Expect is(uint64_t bits) { return {Expect::Bits, bits, 0}; }
Expect arithNaN() { return {Expect::ArithNaN, 0, 0}; }
Expect canonNaN() { return {Expect::CanonNaN, 0, 0}; }
Expect traps(uint32_t kind) { return {Expect::Trap, 0, kind}; }

uint64_t I32(int64_t v) { return static_cast<uint32_t>(v); }
uint64_t I64(int64_t v) { return static_cast<uint64_t>(v); }
uint64_t F32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return bits;
}
uint64_t F64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  return bits;
}

struct Case {
  Opcode op;
  std::vector<uint64_t> args; // bit patterns
  Expect expect;
};

Value *fromBits(IRBuilder<> &b, Value *bits64, Type *ty) {
  unsigned width = ty->getPrimitiveSizeInBits();
  return b.CreateBitCast(b.CreateTrunc(bits64, b.getIntNTy(width)), ty);
}

Constant *constantFromBits(LLVMContext &ctx, uint64_t bits, Type *ty) {
  unsigned width = ty->getPrimitiveSizeInBits();
  APInt value(width, bits);
  if (ty->isIntegerTy())
    return ConstantInt::get(ty, value);
  return ConstantFP::get(ctx, APFloat(ty->getFltSemantics(), value));
}

Value *toBits(IRBuilder<> &b, Value *v) {
  unsigned width = v->getType()->getPrimitiveSizeInBits();
  return b.CreateZExt(b.CreateBitCast(v, b.getIntNTy(width)), b.getInt64Ty());
}

/// Records the trap kind through the function's second argument and returns
/// the sentinel.
class RecordingTrapSink : public TrapSink {
public:
  RecordingTrapSink(IRBuilder<> &b, Value *trapOut) : b(b), trapOut(trapOut) {}
  void trapIf(Value *cond, uint32_t kind) override {
    Function *fn = b.GetInsertBlock()->getParent();
    LLVMContext &ctx = fn->getContext();
    BasicBlock *trapBB = BasicBlock::Create(ctx, "trap", fn);
    BasicBlock *cont = BasicBlock::Create(ctx, "cont", fn);
    b.CreateCondBr(cond, trapBB, cont);
    IRBuilder<> tb(trapBB);
    tb.CreateStore(tb.getInt32(kind), trapOut);
    tb.CreateRet(tb.getInt64(Sentinel));
    b.SetInsertPoint(cont);
  }

private:
  IRBuilder<> &b;
  Value *trapOut;
};

using CaseFn = uint64_t (*)(const uint64_t *args, uint32_t *trap);

/// uint64_t name(const uint64_t *args, uint32_t *trap): applies \p op to the
/// operands, taking operand k from args[k] if bit k of \p constMask is clear,
/// else the constant constArgs[k].
Function *buildCase(llvm::Module &m, const std::string &name, Opcode op,
                    ArrayRef<uint64_t> constArgs, unsigned constMask) {
  LLVMContext &ctx = m.getContext();
  auto *ptrTy = PointerType::getUnqual(ctx);
  auto *fnTy = FunctionType::get(Type::getInt64Ty(ctx), {ptrTy, ptrTy}, false);
  Function *fn = Function::Create(fnTy, Function::ExternalLinkage, name, m);
  IRBuilder<> b(BasicBlock::Create(ctx, "entry", fn));
  const OpcodeSig &sig = getOpcodeInfo(op).sig;
  std::vector<Value *> args;
  for (unsigned k = 0; k < sig.numParams; ++k) {
    Type *ty = getValueType(ctx, sig.params[k]);
    if (constMask & (1u << k)) {
      args.push_back(constantFromBits(ctx, constArgs[k], ty));
      continue;
    }
    Value *slot = b.CreateConstGEP1_32(b.getInt64Ty(), fn->getArg(0), k);
    args.push_back(fromBits(b, b.CreateLoad(b.getInt64Ty(), slot), ty));
  }
  RecordingTrapSink sink(b, fn->getArg(1));
  Value *result = emitScalarOp(b, op, args, sink);
  EXPECT_EQ(result->getType(), getValueType(ctx, sig.results[0]))
      << getOpcodeText(op);
  b.CreateRet(toBits(b, result));
  return fn;
}

JITTargetMachineBuilder makeJTMB(unsigned optLevel) {
  static std::once_flag once;
  std::call_once(once, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
  });
  // The code generator's default CPU (Codegen.h): SSE4.2.
  JITTargetMachineBuilder jtmb((Triple("x86_64-unknown-linux-gnu")));
  jtmb.setCPU("x86-64-v2");
  jtmb.setCodeGenOptLevel(optLevel ? CodeGenOptLevel::Default
                                   : CodeGenOptLevel::None);
  return jtmb;
}

/// Compiles the functions \p build adds to a module at \p optLevel and
/// returns a JIT holding them.
std::unique_ptr<LLJIT> compile(unsigned optLevel,
                               function_ref<void(llvm::Module &)> build) {
  auto ctx = std::make_unique<LLVMContext>();
  auto m = std::make_unique<llvm::Module>("cases", *ctx);
  build(*m);
  std::string err;
  raw_string_ostream errOut(err);
  EXPECT_FALSE(verifyModule(*m, &errOut)) << err;
  JITTargetMachineBuilder jtmb = makeJTMB(optLevel);
  if (optLevel) {
    auto tm = cantFail(jtmb.createTargetMachine());
    optimizeModule(*m, *tm, CodegenOptions()); // wasmkiln's -O2 pipeline
  }
  auto jit = cantFail(LLJITBuilder().setJITTargetMachineBuilder(jtmb).create());
  jit->getMainJITDylib().addGenerator(
      cantFail(DynamicLibrarySearchGenerator::GetForCurrentProcess(
          jit->getDataLayout().getGlobalPrefix())));
  cantFail(jit->addIRModule(ThreadSafeModule(std::move(m), std::move(ctx))));
  return jit;
}

std::string describe(const Case &c) {
  std::string s = getOpcodeText(c.op);
  for (uint64_t a : c.args)
    s += " " + utohexstr(a);
  return s;
}

bool matches(const Case &c, uint64_t result, uint32_t trap) {
  const Expect &e = c.expect;
  if (e.kind == Expect::Trap)
    return trap == e.trap && result == Sentinel;
  if (trap != WK_TRAP_NONE)
    return false;
  ValType resultType = getOpcodeInfo(c.op).sig.results[0];
  bool is32 = resultType == ValType::I32 || resultType == ValType::F32;
  uint64_t signBit = is32 ? 1ULL << 31 : 1ULL << 63;
  uint64_t expMask = is32 ? 0x7f800000ULL : 0x7ff0000000000000ULL;
  uint64_t quiet = is32 ? 1ULL << 22 : 1ULL << 51;
  uint64_t fracMask = is32 ? 0x7fffffULL : 0xfffffffffffffULL;
  bool isNaN = (result & expMask) == expMask && (result & fracMask) != 0;
  switch (e.kind) {
  case Expect::Bits:
    return result == e.bits;
  case Expect::ArithNaN:
    return isNaN && (result & quiet) && result < (is32 ? 1ULL << 32 : ~0ULL);
  case Expect::CanonNaN:
    return (result & ~signBit) == (expMask | quiet);
  case Expect::Trap:
    break;
  }
  return false;
}

/// Runs every case with every mix of run-time and constant operands, at O0
/// and O2.
void runCases(const std::vector<Case> &cases) {
  for (unsigned optLevel : {0u, 2u}) {
    auto jit = compile(optLevel, [&](llvm::Module &m) {
      for (size_t i = 0; i < cases.size(); ++i)
        for (unsigned mask = 0; mask < (1u << cases[i].args.size()); ++mask)
          buildCase(m, "case" + std::to_string(i) + "_" + std::to_string(mask),
                    cases[i].op, cases[i].args, mask);
    });
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case &c = cases[i];
      for (unsigned mask = 0; mask < (1u << c.args.size()); ++mask) {
        std::string name =
            "case" + std::to_string(i) + "_" + std::to_string(mask);
        auto fn = cantFail(jit->lookup(name)).toPtr<CaseFn>();
        uint32_t trap = WK_TRAP_NONE;
        uint64_t result = fn(c.args.data(), &trap);
        EXPECT_TRUE(matches(c, result, trap))
            << describe(c) << " at O" << optLevel << ", constant operands "
            << mask << ": got 0x" << utohexstr(result) << " trap " << trap
            << ", expected kind " << c.expect.kind << " 0x"
            << utohexstr(c.expect.bits) << " trap " << c.expect.trap;
      }
    }
  }
}

constexpr int64_t Min32 = std::numeric_limits<int32_t>::min();
constexpr int64_t Max32 = std::numeric_limits<int32_t>::max();
constexpr int64_t Min64 = std::numeric_limits<int64_t>::min();
constexpr int64_t Max64 = std::numeric_limits<int64_t>::max();
constexpr float Inf32 = std::numeric_limits<float>::infinity();
constexpr double Inf64 = std::numeric_limits<double>::infinity();
// NaN bit patterns: canonical, signalling with a payload, negative quiet.
constexpr uint64_t NaN32 = 0x7fc00000, SNaN32 = 0x7fa00000;
constexpr uint64_t NegNaN32 = 0xffc00001;
constexpr uint64_t NaN64 = 0x7ff8000000000000ULL;
constexpr uint64_t SNaN64 = 0x7ff4000000000000ULL;
constexpr uint64_t NegNaN64 = 0xfff8000000000001ULL;

using O = Opcode;

TEST(EmitScalar, TableAgreesWithEmitters) {
  unsigned count = 0;
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    const OpcodeInfo &info = getOpcodeInfo(op);
    bool expected = info.imm == ImmKind::None && info.sig.fixed &&
                    info.sig.numParams + info.sig.numResults > 0 &&
                    info.feature != Feature::SIMD &&
                    info.feature != Feature::RelaxedSIMD &&
                    info.feature != Feature::WideArith;
    EXPECT_EQ(isScalarOp(op), expected) << info.text;
    count += expected;
  }
  EXPECT_EQ(count, 136u);
  EXPECT_TRUE(isScalarOp(O::I32Extend8S));
  EXPECT_TRUE(isScalarOp(O::I64TruncSatF64U));
  EXPECT_FALSE(isScalarOp(O::I32Const));
  EXPECT_FALSE(isScalarOp(O::Nop));
  EXPECT_FALSE(isScalarOp(O::Drop));
  EXPECT_FALSE(isScalarOp(O::RefIsNull));
  EXPECT_FALSE(isScalarOp(O::I32Load));
  EXPECT_FALSE(isScalarOp(O::I8x16Swizzle));
  // Every scalar operator has an emitter of the right type (buildCase checks
  // the result type, compile verifies the module).
  compile(0, [](llvm::Module &m) {
    for (unsigned i = 0; i < NumOpcodes; ++i)
      if (isScalarOp(static_cast<Opcode>(i)))
        buildCase(m, "op" + std::to_string(i), static_cast<Opcode>(i), {0, 0},
                  0);
  });
}

TEST(EmitScalar, V128Type) {
  LLVMContext ctx;
  FixedVectorType *ty = getV128Type(ctx);
  EXPECT_EQ(ty->getNumElements(), 2u);
  EXPECT_TRUE(ty->getElementType()->isIntegerTy(64));
}

TEST(EmitScalar, IntegerArithmetic) {
  runCases({
      {O::I32Add, {I32(Max32), I32(1)}, is(I32(Min32))},
      {O::I64Add, {I64(Max64), I64(1)}, is(I64(Min64))},
      {O::I32Sub, {I32(Min32), I32(1)}, is(I32(Max32))},
      {O::I64Sub, {I64(0), I64(1)}, is(I64(-1))},
      {O::I32Mul, {I32(0x10000), I32(0x10000)}, is(0)},
      {O::I64Mul, {I64(0x100000000LL), I64(0x100000000LL)}, is(0)},
      {O::I64Mul, {I64(Min64), I64(-1)}, is(I64(Min64))},
      {O::I32And, {I32(0xff00ff00), I32(0x0ff00ff0)}, is(I32(0x0f000f00))},
      {O::I32Or, {I32(0xf0), I32(0x0f)}, is(I32(0xff))},
      {O::I64Xor, {I64(-1), I64(0xff)}, is(I64(~0xffLL))},
  });
}

TEST(EmitScalar, DivisionAndRemainder) {
  runCases({
      {O::I32DivS, {I32(-7), I32(2)}, is(I32(-3))},
      {O::I32DivS, {I32(7), I32(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I32DivS, {I32(Min32), I32(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I32DivS, {I32(Min32), I32(-1)}, traps(WK_TRAP_INT_OVERFLOW)},
      {O::I32DivS, {I32(Min32), I32(1)}, is(I32(Min32))},
      {O::I32DivS, {I32(Max32), I32(-1)}, is(I32(-Max32))},
      {O::I64DivS, {I64(Min64), I64(-1)}, traps(WK_TRAP_INT_OVERFLOW)},
      {O::I64DivS, {I64(Min64), I64(2)}, is(I64(Min64 / 2))},
      {O::I64DivS, {I64(1), I64(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I32DivU, {I32(-1), I32(2)}, is(I32(Max32))},
      {O::I32DivU, {I32(Min32), I32(-1)}, is(0)},
      {O::I32DivU, {I32(1), I32(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I64DivU, {I64(-1), I64(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I64DivU, {I64(Min64), I64(2)}, is(I64(1LL << 62))},
      {O::I32RemS, {I32(Min32), I32(-1)}, is(0)},
      {O::I32RemS, {I32(-7), I32(2)}, is(I32(-1))},
      {O::I32RemS, {I32(7), I32(-2)}, is(I32(1))},
      {O::I32RemS, {I32(5), I32(-1)}, is(0)},
      {O::I32RemS, {I32(5), I32(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I64RemS, {I64(Min64), I64(-1)}, is(0)},
      {O::I64RemS, {I64(Min64), I64(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I64RemS, {I64(-7), I64(3)}, is(I64(-1))},
      {O::I32RemU, {I32(-1), I32(10)}, is(I32(5))},
      {O::I32RemU, {I32(1), I32(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
      {O::I64RemU, {I64(-1), I64(10)}, is(I64(5))},
      {O::I64RemU, {I64(Min64), I64(-1)}, is(I64(Min64))},
      {O::I64RemU, {I64(0), I64(0)}, traps(WK_TRAP_INT_DIV_ZERO)},
  });
}

TEST(EmitScalar, ShiftsAndRotates) {
  runCases({
      {O::I32Shl, {I32(1), I32(31)}, is(I32(Min32))},
      {O::I32Shl, {I32(1), I32(32)}, is(1)},
      {O::I32Shl, {I32(1), I32(33)}, is(2)},
      {O::I32Shl, {I32(1), I32(-1)}, is(I32(Min32))},
      {O::I32ShrS, {I32(Min32), I32(31)}, is(I32(-1))},
      {O::I32ShrS, {I32(Min32), I32(32)}, is(I32(Min32))},
      {O::I32ShrU, {I32(Min32), I32(63)}, is(1)},
      {O::I32ShrU, {I32(-1), I32(0)}, is(I32(-1))},
      {O::I64Shl, {I64(1), I64(64)}, is(1)},
      {O::I64Shl, {I64(1), I64(63)}, is(I64(Min64))},
      {O::I64ShrS, {I64(Min64), I64(127)}, is(I64(-1))},
      {O::I64ShrU, {I64(Min64), I64(-1)}, is(1)},
      {O::I64ShrU, {I64(-1), I64(64)}, is(I64(-1))},
      {O::I32Rotl, {I32(0x80000001), I32(1)}, is(3)},
      {O::I32Rotl, {I32(0x80000001), I32(33)}, is(3)},
      {O::I32Rotl, {I32(0x12345678), I32(0)}, is(0x12345678)},
      {O::I32Rotr, {I32(1), I32(1)}, is(I32(Min32))},
      {O::I32Rotr, {I32(0x12345678), I32(32)}, is(0x12345678)},
      {O::I32Rotr, {I32(0x12345678), I32(-4)}, is(0x23456781)},
      {O::I64Rotl, {I64(Min64 + 1), I64(65)}, is(3)},
      {O::I64Rotr, {I64(1), I64(1)}, is(I64(Min64))},
      {O::I64Rotr,
       {I64(0x0123456789abcdefLL), I64(64 + 8)},
       is(I64(0xef0123456789abcdLL))},
  });
}

TEST(EmitScalar, BitCountsAndComparisons) {
  runCases({
      {O::I32Clz, {I32(0)}, is(32)},
      {O::I32Clz, {I32(1)}, is(31)},
      {O::I32Clz, {I32(-1)}, is(0)},
      {O::I64Clz, {I64(0)}, is(64)},
      {O::I64Clz, {I64(1)}, is(63)},
      {O::I32Ctz, {I32(0)}, is(32)},
      {O::I32Ctz, {I32(Min32)}, is(31)},
      {O::I64Ctz, {I64(0)}, is(64)},
      {O::I64Ctz, {I64(Min64)}, is(63)},
      {O::I32Popcnt, {I32(-1)}, is(32)},
      {O::I32Popcnt, {I32(0)}, is(0)},
      {O::I64Popcnt, {I64(-1)}, is(64)},
      {O::I64Popcnt, {I64(0x8000800080008000LL)}, is(4)},
      {O::I32Eqz, {I32(0)}, is(1)},
      {O::I32Eqz, {I32(Min32)}, is(0)},
      {O::I64Eqz, {I64(0)}, is(1)},
      {O::I64Eqz, {I64(1LL << 40)}, is(0)},
      {O::I32Eq, {I32(-1), I32(-1)}, is(1)},
      {O::I32Ne, {I32(-1), I32(-1)}, is(0)},
      {O::I32LtS, {I32(-1), I32(0)}, is(1)},
      {O::I32LtU, {I32(-1), I32(0)}, is(0)},
      {O::I32GtS, {I32(-1), I32(0)}, is(0)},
      {O::I32GtU, {I32(-1), I32(0)}, is(1)},
      {O::I32LeS, {I32(Min32), I32(Min32)}, is(1)},
      {O::I32LeU, {I32(1), I32(0)}, is(0)},
      {O::I32GeS, {I32(0), I32(-1)}, is(1)},
      {O::I32GeU, {I32(0), I32(-1)}, is(0)},
      {O::I64Eq, {I64(1LL << 40), I64(0)}, is(0)},
      {O::I64Ne, {I64(1LL << 40), I64(0)}, is(1)},
      {O::I64LtS, {I64(Min64), I64(Max64)}, is(1)},
      {O::I64LtU, {I64(Min64), I64(Max64)}, is(0)},
      {O::I64GtS, {I64(-1), I64(1)}, is(0)},
      {O::I64GtU, {I64(-1), I64(1)}, is(1)},
      {O::I64LeS, {I64(-1), I64(-1)}, is(1)},
      {O::I64LeU, {I64(-1), I64(0)}, is(0)},
      {O::I64GeS, {I64(-2), I64(-1)}, is(0)},
      {O::I64GeU, {I64(-2), I64(-1)}, is(0)},
  });
}

TEST(EmitScalar, SignExtensionAndWidth) {
  runCases({
      {O::I32Extend8S, {I32(0x80)}, is(I32(-128))},
      {O::I32Extend8S, {I32(0x1234567f)}, is(0x7f)},
      {O::I32Extend16S, {I32(0x12348000)}, is(I32(-32768))},
      {O::I64Extend8S, {I64(0x01fe)}, is(I64(-2))},
      {O::I64Extend16S, {I64(0x7fff)}, is(0x7fff)},
      {O::I64Extend32S, {I64(0x1280000000LL)}, is(I64(Min32))},
      {O::I64Extend32S, {I64(0xff7fffffffLL)}, is(I64(Max32))},
      {O::I32WrapI64, {I64(0x100000005LL)}, is(5)},
      {O::I32WrapI64, {I64(-1)}, is(I32(-1))},
      {O::I64ExtendI32S, {I32(Min32)}, is(I64(Min32))},
      {O::I64ExtendI32U, {I32(Min32)}, is(I64(0x80000000LL))},
  });
}

TEST(EmitScalar, FloatArithmeticAndNaN) {
  runCases({
      {O::F32Add, {F32(1), F32(2)}, is(F32(3))},
      {O::F64Sub, {F64(0.1), F64(0.3)}, is(F64(0.1 - 0.3))},
      {O::F32Div, {F32(1), F32(0)}, is(F32(Inf32))},
      {O::F32Div, {F32(-1), F32(0)}, is(F32(-Inf32))},
      {O::F32Div, {F32(0), F32(0)}, canonNaN()},
      {O::F64Div, {F64(0), F64(0)}, canonNaN()},
      {O::F64Mul, {F64(Inf64), F64(0)}, canonNaN()},
      {O::F32Add, {NaN32, F32(1)}, canonNaN()},
      {O::F64Add, {F64(1), NaN64}, canonNaN()},
      // Identity folds must not pass a signalling NaN through.
      {O::F32Add, {SNaN32, F32(-0.0f)}, arithNaN()},
      {O::F32Sub, {SNaN32, F32(0.0f)}, arithNaN()},
      {O::F32Sub, {F32(-0.0f), SNaN32}, arithNaN()},
      {O::F32Mul, {SNaN32, F32(1)}, arithNaN()},
      {O::F32Mul, {F32(-1), SNaN32}, arithNaN()},
      {O::F32Div, {SNaN32, F32(1)}, arithNaN()},
      {O::F32Div, {SNaN32, F32(-1)}, arithNaN()},
      {O::F64Add, {SNaN64, F64(-0.0)}, arithNaN()},
      {O::F64Sub, {SNaN64, F64(0.0)}, arithNaN()},
      {O::F64Sub, {F64(-0.0), SNaN64}, arithNaN()},
      {O::F64Mul, {SNaN64, F64(1)}, arithNaN()},
      {O::F64Mul, {SNaN64, F64(-1)}, arithNaN()},
      {O::F64Div, {SNaN64, F64(1)}, arithNaN()},
      {O::F64Div, {SNaN64, F64(-1)}, arithNaN()},
      {O::F32Add, {F32(-0.0f), F32(-0.0f)}, is(F32(-0.0f))},
      {O::F32Add, {F32(-0.0f), F32(0.0f)}, is(F32(0.0f))},
      {O::F64Sub, {F64(0.0), F64(0.0)}, is(F64(0.0))},
      {O::F32Sqrt, {F32(4)}, is(F32(2))},
      {O::F32Sqrt, {F32(-1)}, canonNaN()},
      {O::F64Sqrt, {F64(2)}, is(F64(std::sqrt(2.0)))},
      {O::F64Sqrt, {F64(-0.0)}, is(F64(-0.0))},
      {O::F64Sqrt, {SNaN64}, arithNaN()},
  });
}

TEST(EmitScalar, MinMax) {
  runCases({
      {O::F32Min, {F32(0.0f), F32(-0.0f)}, is(F32(-0.0f))},
      {O::F32Min, {F32(-0.0f), F32(0.0f)}, is(F32(-0.0f))},
      {O::F32Max, {F32(-0.0f), F32(0.0f)}, is(F32(0.0f))},
      {O::F32Max, {F32(0.0f), F32(-0.0f)}, is(F32(0.0f))},
      {O::F32Min, {F32(1), F32(2)}, is(F32(1))},
      {O::F32Max, {F32(-Inf32), F32(Inf32)}, is(F32(Inf32))},
      {O::F32Min, {NaN32, F32(1)}, canonNaN()},
      {O::F32Min, {F32(1), NaN32}, canonNaN()},
      {O::F32Max, {F32(-Inf32), NaN32}, canonNaN()},
      {O::F32Min, {SNaN32, F32(1)}, arithNaN()},
      {O::F32Max, {F32(1), SNaN32}, arithNaN()},
      {O::F32Min, {NegNaN32, F32(-0.0f)}, arithNaN()},
      {O::F64Min, {F64(0.0), F64(-0.0)}, is(F64(-0.0))},
      {O::F64Max, {F64(-0.0), F64(0.0)}, is(F64(0.0))},
      {O::F64Max, {F64(0.0), F64(-0.0)}, is(F64(0.0))},
      {O::F64Min, {F64(-Inf64), F64(3)}, is(F64(-Inf64))},
      {O::F64Max, {NaN64, F64(1)}, canonNaN()},
      {O::F64Min, {F64(1), NaN64}, canonNaN()},
      {O::F64Min, {SNaN64, F64(1)}, arithNaN()},
      {O::F64Max, {F64(1), SNaN64}, arithNaN()},
      {O::F64Max, {NegNaN64, SNaN64}, arithNaN()},
  });
}

TEST(EmitScalar, Rounding) {
  runCases({
      {O::F32Nearest, {F32(0.5f)}, is(F32(0.0f))},
      {O::F32Nearest, {F32(1.5f)}, is(F32(2.0f))},
      {O::F32Nearest, {F32(2.5f)}, is(F32(2.0f))},
      {O::F32Nearest, {F32(-0.5f)}, is(F32(-0.0f))},
      {O::F32Nearest, {F32(-1.5f)}, is(F32(-2.0f))},
      {O::F32Nearest, {F32(8388607.5f)}, is(F32(8388608.0f))},
      {O::F32Nearest, {F32(-Inf32)}, is(F32(-Inf32))},
      {O::F32Nearest, {SNaN32}, arithNaN()},
      {O::F64Nearest, {F64(0.5)}, is(F64(0.0))},
      {O::F64Nearest, {F64(1.5)}, is(F64(2.0))},
      {O::F64Nearest, {F64(2.5)}, is(F64(2.0))},
      {O::F64Nearest, {F64(-0.5)}, is(F64(-0.0))},
      {O::F64Nearest, {F64(4503599627370495.5)}, is(F64(4503599627370496.0))},
      {O::F32Ceil, {F32(-0.5f)}, is(F32(-0.0f))},
      {O::F32Ceil, {F32(0.5f)}, is(F32(1.0f))},
      {O::F32Floor, {F32(-0.5f)}, is(F32(-1.0f))},
      {O::F32Floor, {F32(0.5f)}, is(F32(0.0f))},
      {O::F32Trunc, {F32(-1.5f)}, is(F32(-1.0f))},
      {O::F32Trunc, {NaN32}, canonNaN()},
      {O::F64Ceil, {F64(-0.5)}, is(F64(-0.0))},
      {O::F64Floor, {F64(-0.5)}, is(F64(-1.0))},
      {O::F64Floor, {SNaN64}, arithNaN()},
      {O::F64Trunc, {F64(-0.75)}, is(F64(-0.0))},
      {O::F64Trunc, {F64(1e300)}, is(F64(1e300))},
  });
}

TEST(EmitScalar, SignBitOperations) {
  runCases({
      {O::F32Abs, {0xffa00001}, is(0x7fa00001)},
      {O::F32Abs, {F32(-0.0f)}, is(F32(0.0f))},
      {O::F32Neg, {0x7fa00001}, is(0xffa00001)},
      {O::F32Neg, {F32(0.0f)}, is(F32(-0.0f))},
      {O::F32Copysign, {0x7fa00001, F32(-1)}, is(0xffa00001)},
      {O::F32Copysign, {F32(-2), NegNaN32 & 0x7fffffff}, is(F32(2))},
      {O::F32Copysign, {F32(3), F32(-0.0f)}, is(F32(-3))},
      {O::F64Abs, {0xfff4000000000001ULL}, is(0x7ff4000000000001ULL)},
      {O::F64Neg, {SNaN64}, is(SNaN64 | (1ULL << 63))},
      {O::F64Neg, {F64(-0.0)}, is(F64(0.0))},
      {O::F64Copysign, {SNaN64, F64(-0.0)}, is(SNaN64 | (1ULL << 63))},
      {O::F64Copysign, {F64(-3), NaN64}, is(F64(3))},
  });
}

TEST(EmitScalar, FloatComparisons) {
  runCases({
      {O::F32Eq, {NaN32, NaN32}, is(0)},
      {O::F32Ne, {NaN32, NaN32}, is(1)},
      {O::F32Eq, {F32(0.0f), F32(-0.0f)}, is(1)},
      {O::F32Lt, {F32(-0.0f), F32(0.0f)}, is(0)},
      {O::F32Lt, {NaN32, F32(1)}, is(0)},
      {O::F32Gt, {F32(1), SNaN32}, is(0)},
      {O::F32Le, {F32(-0.0f), F32(0.0f)}, is(1)},
      {O::F32Ge, {NaN32, F32(1)}, is(0)},
      {O::F32Gt, {F32(Inf32), F32(1)}, is(1)},
      {O::F64Eq, {SNaN64, SNaN64}, is(0)},
      {O::F64Ne, {F64(1), NaN64}, is(1)},
      {O::F64Ne, {F64(1), F64(1)}, is(0)},
      {O::F64Lt, {F64(-Inf64), F64(0)}, is(1)},
      {O::F64Gt, {NaN64, F64(0)}, is(0)},
      {O::F64Le, {NaN64, NaN64}, is(0)},
      {O::F64Ge, {F64(0.0), F64(-0.0)}, is(1)},
  });
}

// Each trapping conversion at its exact bounds: the extreme values that
// convert, the nearest ones that overflow, NaN and infinities.
TEST(EmitScalar, TrappingTruncation) {
  const Expect ovf = traps(WK_TRAP_INT_OVERFLOW);
  const Expect inv = traps(WK_TRAP_INVALID_CONVERSION);
  runCases({
      {O::I32TruncF32S, {F32(-2147483648.0f)}, is(I32(Min32))},
      {O::I32TruncF32S, {0x4effffff}, is(I32(2147483520))},
      {O::I32TruncF32S, {F32(2147483648.0f)}, ovf},
      {O::I32TruncF32S, {0xcf000001}, ovf}, // -2147483904.0
      {O::I32TruncF32S, {F32(-1.9f)}, is(I32(-1))},
      {O::I32TruncF32S, {NaN32}, inv},
      {O::I32TruncF32S, {SNaN32}, inv},
      {O::I32TruncF32S, {F32(Inf32)}, ovf},
      {O::I32TruncF32U, {0xbf7fffff}, is(0)}, // -0.99999994
      {O::I32TruncF32U, {0x4f7fffff}, is(I32(0xffffff00))},
      {O::I32TruncF32U, {F32(-1.0f)}, ovf},
      {O::I32TruncF32U, {F32(4294967296.0f)}, ovf},
      {O::I32TruncF32U, {F32(-Inf32)}, ovf},
      {O::I32TruncF32U, {NegNaN32}, inv},
      {O::I32TruncF64S, {F64(-2147483648.9)}, is(I32(Min32))},
      {O::I32TruncF64S, {F64(2147483647.9)}, is(I32(Max32))},
      {O::I32TruncF64S, {F64(-2147483649.0)}, ovf},
      {O::I32TruncF64S, {F64(2147483648.0)}, ovf},
      {O::I32TruncF64S, {NaN64}, inv},
      {O::I32TruncF64U, {F64(-0.9999999999999999)}, is(0)},
      {O::I32TruncF64U, {F64(4294967295.9)}, is(I32(-1))},
      {O::I32TruncF64U, {F64(-1.0)}, ovf},
      {O::I32TruncF64U, {F64(4294967296.0)}, ovf},
      {O::I32TruncF64U, {SNaN64}, inv},
      {O::I64TruncF32S, {F32(-9223372036854775808.0f)}, is(I64(Min64))},
      {O::I64TruncF32S, {0x5effffff}, is(I64(9223371487098961920LL))},
      {O::I64TruncF32S, {F32(9223372036854775808.0f)}, ovf},
      {O::I64TruncF32S, {0xdf000001}, ovf},
      {O::I64TruncF32S, {NaN32}, inv},
      {O::I64TruncF32U, {0xbf7fffff}, is(0)},
      {O::I64TruncF32U, {0x5f7fffff}, is(I64(0xffffff0000000000ULL))},
      {O::I64TruncF32U, {F32(-1.0f)}, ovf},
      {O::I64TruncF32U, {F32(18446744073709551616.0f)}, ovf},
      {O::I64TruncF32U, {NaN32}, inv},
      {O::I64TruncF64S, {F64(-9223372036854775808.0)}, is(I64(Min64))},
      {O::I64TruncF64S,
       {0x43dfffffffffffffULL},
       is(I64(9223372036854774784LL))},
      {O::I64TruncF64S, {F64(9223372036854775808.0)}, ovf},
      {O::I64TruncF64S, {0xc3e0000000000001ULL}, ovf},
      {O::I64TruncF64S, {F64(-Inf64)}, ovf},
      {O::I64TruncF64S, {NaN64}, inv},
      {O::I64TruncF64U, {F64(-0.9999999999999999)}, is(0)},
      {O::I64TruncF64U,
       {0x43efffffffffffffULL},
       is(I64(0xfffffffffffff800ULL))},
      {O::I64TruncF64U, {F64(-1.0)}, ovf},
      {O::I64TruncF64U, {F64(18446744073709551616.0)}, ovf},
      {O::I64TruncF64U, {F64(Inf64)}, ovf},
      {O::I64TruncF64U, {NegNaN64}, inv},
  });
}

TEST(EmitScalar, SaturatingTruncation) {
  runCases({
      {O::I32TruncSatF32S, {NaN32}, is(0)},
      {O::I32TruncSatF32S, {F32(Inf32)}, is(I32(Max32))},
      {O::I32TruncSatF32S, {F32(-Inf32)}, is(I32(Min32))},
      {O::I32TruncSatF32S, {0xcf000001}, is(I32(Min32))},
      {O::I32TruncSatF32S, {0x4effffff}, is(I32(2147483520))},
      {O::I32TruncSatF32U, {F32(-1.0f)}, is(0)},
      {O::I32TruncSatF32U, {F32(4294967296.0f)}, is(I32(-1))},
      {O::I32TruncSatF32U, {SNaN32}, is(0)},
      {O::I32TruncSatF64S, {F64(-2147483649.0)}, is(I32(Min32))},
      {O::I32TruncSatF64S, {F64(2147483647.9)}, is(I32(Max32))},
      {O::I32TruncSatF64S, {NaN64}, is(0)},
      {O::I32TruncSatF64U, {F64(4294967295.9)}, is(I32(-1))},
      {O::I32TruncSatF64U, {F64(-Inf64)}, is(0)},
      {O::I64TruncSatF32S, {F32(9223372036854775808.0f)}, is(I64(Max64))},
      {O::I64TruncSatF32S, {NegNaN32}, is(0)},
      {O::I64TruncSatF32U, {F32(Inf32)}, is(I64(-1))},
      {O::I64TruncSatF32U, {F32(-0.5f)}, is(0)},
      {O::I64TruncSatF64S, {F64(-Inf64)}, is(I64(Min64))},
      {O::I64TruncSatF64S, {F64(-9223372036854775808.0)}, is(I64(Min64))},
      {O::I64TruncSatF64U, {F64(18446744073709551616.0)}, is(I64(-1))},
      {O::I64TruncSatF64U,
       {0x43efffffffffffffULL},
       is(I64(0xfffffffffffff800ULL))},
      {O::I64TruncSatF64U, {NaN64}, is(0)},
  });
}

TEST(EmitScalar, IntToFloatAndFloatWidths) {
  runCases({
      {O::F32ConvertI32S, {I32(Min32)}, is(F32(-2147483648.0f))},
      {O::F32ConvertI32S, {I32(16777217)}, is(F32(16777216.0f))},
      {O::F32ConvertI32S, {I32(16777219)}, is(F32(16777220.0f))},
      {O::F32ConvertI32U, {I32(-1)}, is(F32(4294967296.0f))},
      {O::F32ConvertI64S, {I64(Min64)}, is(F32(-9223372036854775808.0f))},
      {O::F32ConvertI64U, {I64(0x8000008000000001ULL)}, is(0x5f000001)},
      {O::F32ConvertI64U, {I64(-1)}, is(F32(18446744073709551616.0f))},
      {O::F64ConvertI32U, {I32(-1)}, is(F64(4294967295.0))},
      {O::F64ConvertI32S, {I32(Min32)}, is(F64(-2147483648.0))},
      {O::F64ConvertI64S,
       {I64(9007199254740993LL)},
       is(F64(9007199254740992.0))},
      {O::F64ConvertI64U, {I64(-1)}, is(F64(18446744073709551616.0))},
      {O::F64ConvertI64U,
       {I64(0x8000000000000401ULL)},
       is(0x43e0000000000001ULL)},
      {O::F32DemoteF64, {F64(1e300)}, is(F32(Inf32))},
      {O::F32DemoteF64, {F64(-1e-300)}, is(F32(-0.0f))},
      {O::F32DemoteF64, {NaN64}, canonNaN()},
      {O::F32DemoteF64, {SNaN64}, arithNaN()},
      {O::F64PromoteF32, {F32(0.1f)}, is(F64(static_cast<double>(0.1f)))},
      {O::F64PromoteF32, {NaN32}, canonNaN()},
      {O::F64PromoteF32, {SNaN32}, arithNaN()},
      {O::I32ReinterpretF32, {F32(-0.0f)}, is(I32(Min32))},
      {O::I32ReinterpretF32, {SNaN32}, is(SNaN32)},
      {O::F32ReinterpretI32, {SNaN32 | 1}, is(SNaN32 | 1)},
      {O::I64ReinterpretF64, {SNaN64 | 5}, is(SNaN64 | 5)},
      {O::F64ReinterpretI64, {NegNaN64}, is(NegNaN64)},
  });
}

// demote(promote(x)) is folded to x by LLVM; a signalling x must still come
// out quiet.
TEST(EmitScalar, PromoteDemoteRoundTripQuiets) {
  auto jit = compile(2, [](llvm::Module &m) {
    LLVMContext &ctx = m.getContext();
    auto *fnTy = FunctionType::get(Type::getInt32Ty(ctx),
                                   {Type::getInt32Ty(ctx)}, false);
    Function *fn = Function::Create(fnTy, Function::ExternalLinkage, "rt", m);
    IRBuilder<> b(BasicBlock::Create(ctx, "entry", fn));
    RecordingTrapSink sink(b, nullptr);
    Value *x = b.CreateBitCast(fn->getArg(0), b.getFloatTy());
    Value *wide = emitScalarOp(b, O::F64PromoteF32, {x}, sink);
    Value *back = emitScalarOp(b, O::F32DemoteF64, {wide}, sink);
    b.CreateRet(b.CreateBitCast(back, b.getInt32Ty()));
  });
  auto fn = cantFail(jit->lookup("rt")).toPtr<uint32_t (*)(uint32_t)>();
  EXPECT_EQ(fn(SNaN32 | 7), (SNaN32 | 7 | (1u << 22)));
  EXPECT_EQ(fn(F32(1.5f)), F32(1.5f));
}

} // namespace
