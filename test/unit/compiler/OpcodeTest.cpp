//===- OpcodeTest.cpp - The constexpr opcode table ------------------------===//
//
// The Sig column is parsed at compile time (Opcode.h): the static_asserts
// prove it is usable in constant expressions, the tests that the letters map
// to the types ValTypes.def gives them and that counts and arity are right,
// and that the Ext column marks exactly the narrow scalar loads.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Opcode.h"

#include "gtest/gtest.h"

using namespace wasmkiln;

namespace {

static_assert(getOpcodeInfo(Opcode::I32Add).sig.numParams == 2,
              "signatures are compile-time constants");
static_assert(!getOpcodeInfo(Opcode::Call).sig.fixed,
              "an empty Sig column is typed by hand");

std::vector<ValType> params(Opcode op) {
  auto types = getOpcodeInfo(op).sig.paramTypes();
  return {types.begin(), types.end()};
}
std::vector<ValType> results(Opcode op) {
  auto types = getOpcodeInfo(op).sig.resultTypes();
  return {types.begin(), types.end()};
}

using V = std::vector<ValType>;
constexpr ValType I32 = ValType::I32, I64 = ValType::I64, F32 = ValType::F32,
                  F64 = ValType::F64, V128 = ValType::V128;

TEST(OpcodeTable, SignaturesAsTypes) {
  EXPECT_EQ(params(Opcode::I64Store), (V{I32, I64}));
  EXPECT_EQ(results(Opcode::I64Store), V{});
  EXPECT_EQ(params(Opcode::F64ConvertI32U), V{I32});
  EXPECT_EQ(results(Opcode::F64ConvertI32U), V{F64});
  EXPECT_EQ(params(Opcode::F32Copysign), (V{F32, F32}));
  EXPECT_EQ(params(Opcode::V128Bitselect), (V{V128, V128, V128}));
  EXPECT_EQ(params(Opcode::V128Load16Lane), (V{I32, V128}));
  EXPECT_EQ(results(Opcode::V128Load16Lane), V{V128});
  EXPECT_EQ(results(Opcode::I64Load32U), V{I64});
}

TEST(OpcodeTable, FixedAndHandTyped) {
  // "nop" is ":": fixed, but takes and yields nothing.
  EXPECT_TRUE(getOpcodeInfo(Opcode::Nop).sig.fixed);
  EXPECT_FALSE(getOpcodeInfo(Opcode::Nop).sig.typed());
  EXPECT_TRUE(getOpcodeInfo(Opcode::MemorySize).sig.typed());
  for (Opcode op : {Opcode::Block, Opcode::Select, Opcode::LocalGet,
                    Opcode::CallIndirect, Opcode::TableGet, Opcode::Drop}) {
    EXPECT_FALSE(getOpcodeInfo(op).sig.fixed) << getOpcodeText(op);
    EXPECT_EQ(getOpcodeInfo(op).sig.numParams, 0u) << getOpcodeText(op);
  }
  unsigned fixed = 0;
  for (unsigned i = 0; i < NumOpcodes; ++i)
    fixed += getOpcodeInfo(static_cast<Opcode>(i)).sig.fixed;
  // Opcodes.def's rows with a non-empty Sig column (67 of them atomics).
  EXPECT_EQ(fixed, 501u);
}

TEST(OpcodeTable, WideArithmeticHasTwoResults) {
  EXPECT_EQ(params(Opcode::I64Add128), (V{I64, I64, I64, I64}));
  EXPECT_EQ(results(Opcode::I64Add128), (V{I64, I64}));
  EXPECT_EQ(params(Opcode::I64MulWideS), (V{I64, I64}));
  EXPECT_EQ(results(Opcode::I64MulWideS), (V{I64, I64}));
  const OpcodeInfo &mul = getOpcodeInfo(Opcode::I64MulWideU);
  EXPECT_EQ(mul.sig.numParams, 2u);
  EXPECT_EQ(mul.sig.numResults, 2u);
  EXPECT_EQ(mul.prefix, 0xfc);
  EXPECT_EQ(mul.code, 0x16u);
  EXPECT_EQ(getOpcodeInfo(Opcode::I32x4RelaxedDotI8x16I7x16AddS).code, 0x113u);
}

unsigned bitsOf(ValType t) {
  return t == ValType::I32 || t == ValType::F32 ? 32 : 64;
}

TEST(OpcodeTable, ExtendColumnMatchesNarrowScalarLoads) {
  unsigned narrow = 0;
  for (unsigned i = 0; i < NumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    const OpcodeInfo &info = getOpcodeInfo(op);
    unsigned width = getMemoryAccessWidth(op);
    bool scalarLoad = info.prefix == 0 && width && info.sig.numResults == 1;
    if (!scalarLoad) {
      if (info.prefix == 0)
        EXPECT_EQ(info.ext, Extend::None) << info.text;
      continue;
    }
    bool isNarrow = 8 * width < bitsOf(info.sig.results[0]);
    narrow += isNarrow;
    EXPECT_EQ(info.ext != Extend::None, isNarrow) << info.text;
  }
  EXPECT_EQ(narrow, 10u);
  EXPECT_EQ(getOpcodeInfo(Opcode::I64Load32S).ext, Extend::Sign);
  EXPECT_EQ(getOpcodeInfo(Opcode::I32Load16U).ext, Extend::Zero);
  EXPECT_EQ(getOpcodeInfo(Opcode::V128Load16x4S).ext, Extend::Sign);
  EXPECT_EQ(getOpcodeInfo(Opcode::V128Load32Zero).ext, Extend::None);
}

TEST(ValTypeTable, SigLettersFromValTypesDef) {
  ValType t{};
  ASSERT_TRUE(valTypeForSigLetter('l', t));
  EXPECT_EQ(t, I64);
  ASSERT_TRUE(valTypeForSigLetter('e', t));
  EXPECT_EQ(t, ValType::ExternRef);
  ASSERT_TRUE(valTypeForSigLetter('x', t));
  EXPECT_EQ(t, ValType::ExnRef);
  EXPECT_FALSE(valTypeForSigLetter('q', t));
  EXPECT_EQ(std::size(AllValTypes), 8u);
}

} // namespace
