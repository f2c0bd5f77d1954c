//===- IRGenTest.cpp - Unit tests of the IR generator's module level ------===//
//
// Symbol-name helpers, and generateIR on hand-built modules: the result
// verifies, the descriptor exists, the instance layout follows docs/abi.md,
// and an invalid body is an error value rather than a crash.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/irgen/IRGen.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Verifier.h"

#include "gtest/gtest.h"

using namespace wasmkiln;

TEST(IRGenNames, ImportSymbolMangling) {
  EXPECT_EQ(getImportSymbolName("env", "log"), "wkimport_env__log");
  EXPECT_EQ(getImportSymbolName("wasi_snapshot_preview1", "fd_write"),
            "wkimport_wasi_snapshot_preview1__fd_write");
  EXPECT_EQ(getImportSymbolName("a-b", "c.d"), "wkimport_a_2Db__c_2Ed");
  EXPECT_EQ(getImportSymbolName("", "\xff"), "wkimport____FF");
}

TEST(IRGenNames, DescriptorAndIdentifiers) {
  EXPECT_EQ(getDescriptorSymbolName("app"), "wasmkiln_module_app");
  EXPECT_EQ(sanitizeIdentifier("hello-world.v2"), "hello_world_v2");
  EXPECT_EQ(sanitizeIdentifier("2fast"), "_2fast");
  EXPECT_EQ(sanitizeIdentifier(""), "_");
  EXPECT_EQ(sanitizeIdentifier("ok_name"), "ok_name");
}

namespace {
/// One function of type (i32) -> i32 with the given code (incl. final end).
Module makeModule(llvm::ArrayRef<uint8_t> code) {
  Module m;
  FuncType type;
  type.params.push_back(ValType::I32);
  type.results.push_back(ValType::I32);
  m.types.push_back(type);
  m.funcs.push_back(0);
  FunctionBody body;
  body.code = code;
  m.bodies.push_back(body);
  m.globals.push_back({ValType::I64, true});
  ConstExpr init;
  init.kind = ConstExpr::I64Const;
  init.bits = 7;
  m.globalInits.push_back(init);
  m.exports.push_back({"inc", ExternKind::Func, 0});
  return m;
}
} // namespace

TEST(IRGen, GeneratesVerifiedModuleWithDescriptor) {
  // local.get 0, i32.const 1, i32.add, end
  static const uint8_t code[] = {0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b};
  Module m = makeModule(code);
  llvm::LLVMContext ctx;
  IRGenOptions options;
  options.moduleName = "unit";
  auto ir = generateIR(m, ctx, options);
  ASSERT_TRUE(bool(ir)) << llvm::toString(ir.takeError());
  EXPECT_FALSE(llvm::verifyModule(**ir, &llvm::errs()));
  llvm::Function *f = (*ir)->getFunction("wasm:unit:inc");
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->hasLocalLinkage()); // exported
  EXPECT_EQ(f->arg_size(), 2u);
  auto *desc = (*ir)->getGlobalVariable("wasmkiln_module_unit");
  ASSERT_NE(desc, nullptr);
  auto *init = llvm::cast<llvm::ConstantStruct>(desc->getInitializer());
  // abi_version, bounds_checks, name, instance_size: 80 header + 40 for the
  // wk_func + 4 for the type id, then the 16-aligned global: 144.
  EXPECT_EQ(llvm::cast<llvm::ConstantInt>(init->getOperand(0))->getZExtValue(),
            1u);
  EXPECT_EQ(llvm::cast<llvm::ConstantInt>(init->getOperand(3))->getZExtValue(),
            144u);
}

TEST(IRGen, InvalidBodyIsAnError) {
  // i32.add with an empty stack.
  static const uint8_t code[] = {0x6a, 0x0b};
  Module m = makeModule(code);
  llvm::LLVMContext ctx;
  auto ir = generateIR(m, ctx, IRGenOptions());
  ASSERT_FALSE(bool(ir));
  llvm::consumeError(ir.takeError());
}
