//===- DecoderTest.cpp - decodeModule and BodyReader ----------------------===//
//
// Modules built byte by byte: every section kind, all element and data
// segment encodings, the name section, and the malformed cases with their
// messages and offsets. Then instructions read back through BodyReader.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/wasm/Decoder.h"
#include "wasmkiln/wasm/BodyReader.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Validator.h"

#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <initializer_list>
#include <vector>

using namespace llvm;
using namespace wasmkiln;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes leb(uint32_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
  return out;
}

/// A module: the header followed by sections, each given as (id, content).
struct ModuleBuilder {
  Bytes bytes{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  ModuleBuilder &section(uint8_t id, const Bytes &content) {
    bytes.push_back(id);
    Bytes size = leb(content.size());
    bytes.insert(bytes.end(), size.begin(), size.end());
    bytes.insert(bytes.end(), content.begin(), content.end());
    return *this;
  }
  ModuleBuilder &raw(const Bytes &b) {
    bytes.insert(bytes.end(), b.begin(), b.end());
    return *this;
  }
};

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes &p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes name(const std::string &s) {
  return cat({leb(s.size()), Bytes(s.begin(), s.end())});
}

struct Failure {
  WasmError::Kind kind = WasmError::Malformed;
  size_t offset = 0;
  std::string message; // empty: no error
};

Failure failureOf(Error err) {
  Failure f;
  handleAllErrors(std::move(err), [&](const WasmError &e) {
    f.kind = e.getKind();
    f.offset = e.getOffset();
    f.message = e.getMessage();
  });
  return f;
}

/// Decodes \p bytes, which must fail; returns how.
Failure decodeFailure(const Bytes &bytes) {
  auto m = decodeModule(bytes);
  if (m)
    return Failure();
  return failureOf(m.takeError());
}

std::unique_ptr<Module> decodeOk(const Bytes &bytes) {
  auto m = decodeModule(bytes);
  if (!m) {
    ADD_FAILURE() << toString(m.takeError());
    return nullptr;
  }
  return std::move(*m);
}

const Bytes TypeVoid = {0x01, 0x60, 0x00, 0x00};  // type section: [] -> []
const Bytes OneFunc = {0x01, 0x00};               // function section
const Bytes EmptyBody = {0x01, 0x02, 0x00, 0x0b}; // code section

TEST(DecoderTest, Header) {
  EXPECT_TRUE(decodeOk(ModuleBuilder().bytes));
  Failure f = decodeFailure({0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0});
  EXPECT_EQ(f.message, "magic header not detected");
  EXPECT_EQ(f.offset, 0u);
  f = decodeFailure({0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0});
  EXPECT_EQ(f.message, "unknown binary version");
  EXPECT_EQ(f.offset, 4u);
  f = decodeFailure({0x00, 0x61, 0x73, 0x6d});
  EXPECT_EQ(f.message, "unexpected end");
  EXPECT_EQ(f.kind, WasmError::Malformed);
}

TEST(DecoderTest, SectionFraming) {
  Failure f = decodeFailure(ModuleBuilder().raw({14, 0}).bytes);
  EXPECT_EQ(f.message, "malformed section id");
  EXPECT_EQ(f.offset, 8u);

  // Size claims more than there is.
  f = decodeFailure(ModuleBuilder().raw({1, 5, 0}).bytes);
  EXPECT_EQ(f.message, "length out of bounds");

  // Content shorter than the section: one type then a stray byte.
  f = decodeFailure(ModuleBuilder().section(1, {1, 0x60, 0, 0, 0}).bytes);
  EXPECT_EQ(f.message, "section size mismatch");
  EXPECT_EQ(f.offset, 14u);

  // Content running past the section end (count 2, one type given).
  f = decodeFailure(ModuleBuilder()
                        .section(1, {2, 0x60, 0, 0, 0x60, 1, 0x7f})
                        .section(0, name("x"))
                        .bytes);
  EXPECT_EQ(f.message, "unexpected end of section or function");

  // A u32 LEB128 section size of six bytes.
  f = decodeFailure(
      ModuleBuilder().raw({1, 0x80, 0x80, 0x80, 0x80, 0x80, 0}).bytes);
  EXPECT_EQ(f.message, "integer representation too long");
  EXPECT_EQ(f.offset, 9u);
}

TEST(DecoderTest, SectionOrder) {
  // Duplicate and out-of-order sections; custom sections go anywhere.
  Failure f = decodeFailure(
      ModuleBuilder().section(1, TypeVoid).section(1, TypeVoid).bytes);
  EXPECT_EQ(f.message, "unexpected content after last section");
  EXPECT_EQ(f.offset, 14u);
  f = decodeFailure(ModuleBuilder()
                        .section(3, OneFunc)
                        .section(1, TypeVoid)
                        .section(10, EmptyBody)
                        .bytes);
  EXPECT_EQ(f.message, "unexpected content after last section");
  // Data count (12) comes before code (10).
  f = decodeFailure(ModuleBuilder()
                        .section(1, TypeVoid)
                        .section(3, OneFunc)
                        .section(10, EmptyBody)
                        .section(12, {0})
                        .bytes);
  EXPECT_EQ(f.message, "unexpected content after last section");
  EXPECT_TRUE(decodeOk(ModuleBuilder()
                           .section(0, name("a"))
                           .section(1, TypeVoid)
                           .section(0, name("b"))
                           .section(3, OneFunc)
                           .section(12, {0})
                           .section(10, EmptyBody)
                           .section(11, {0})
                           .section(0, cat({name("c"), {1, 2, 3}}))
                           .bytes));
}

TEST(DecoderTest, Types) {
  auto m = decodeOk(ModuleBuilder()
                        .section(1, {3, 0x60, 2, 0x7f, 0x7e, 1, 0x7d, //
                                     0x60, 0, 2, 0x7c, 0x7b,          //
                                     0x60, 2, 0x70, 0x6f, 0})
                        .bytes);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->types.size(), 3u);
  EXPECT_EQ(m->types[0].signature(), "il:f");
  EXPECT_EQ(m->types[1].signature(), ":dv");
  EXPECT_EQ(m->types[2].signature(), "re:");
  EXPECT_STREQ(getValTypeName(ValType::ExternRef), "externref");
  EXPECT_STREQ(getValTypeName(ValType::V128), "v128");

  Failure f = decodeFailure(ModuleBuilder().section(1, {1, 0x61, 0, 0}).bytes);
  EXPECT_NE(f.message.find("malformed function type"), std::string::npos);
  EXPECT_EQ(f.offset, 11u);
  f = decodeFailure(ModuleBuilder().section(1, {1, 0x60, 1, 0x7a, 0}).bytes);
  EXPECT_NE(f.message.find("malformed value type"), std::string::npos);
  EXPECT_EQ(f.offset, 13u);
}

TEST(DecoderTest, HugeCountFailsFast) {
  Failure f = decodeFailure(
      ModuleBuilder().section(1, {0xff, 0xff, 0xff, 0xff, 0x0f}).bytes);
  EXPECT_EQ(f.message, "length out of bounds");
  EXPECT_EQ(f.offset, 10u);
}

TEST(DecoderTest, Imports) {
  Bytes imports = cat({{4},
                       name("m"),
                       name("f"),
                       {0x00, 0x00},
                       name("m"),
                       name("t"),
                       {0x01, 0x70, 0x01, 1, 10},
                       name("m"),
                       name("mem"),
                       {0x02, 0x00, 2},
                       name("m"),
                       name("g"),
                       {0x03, 0x7e, 0x01}});
  auto m =
      decodeOk(ModuleBuilder().section(1, TypeVoid).section(2, imports).bytes);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->imports.size(), 4u);
  EXPECT_EQ(m->numImportedFuncs, 1u);
  EXPECT_EQ(m->numImportedTables, 1u);
  EXPECT_EQ(m->numImportedMemories, 1u);
  EXPECT_EQ(m->numImportedGlobals, 1u);
  EXPECT_EQ(m->imports[1].field, "t");
  EXPECT_EQ(m->tables[0].limits.min, 1u);
  EXPECT_EQ(m->tables[0].limits.max, 10u);
  EXPECT_EQ(m->memories[0].limits.min, 2u);
  EXPECT_FALSE(m->memories[0].limits.max);
  EXPECT_EQ(m->globals[0].type, ValType::I64);
  EXPECT_TRUE(m->globals[0].isMutable);

  Failure f = decodeFailure(
      ModuleBuilder()
          .section(2, cat({{1}, name("m"), name("x"), {0x05, 0x00}}))
          .bytes);
  EXPECT_EQ(f.message, "malformed import kind");
  EXPECT_EQ(f.offset, 15u);
  f = decodeFailure(
      ModuleBuilder()
          .section(2, cat({{1}, name("m"), {1, 0xff}, {0x00, 0x00}}))
          .bytes);
  EXPECT_EQ(f.message, "malformed UTF-8 encoding");
  EXPECT_EQ(f.offset, 14u);
}

TEST(DecoderTest, TablesMemoriesLimits) {
  auto m = decodeOk(ModuleBuilder()
                        .section(4, {2, 0x70, 0x00, 0, 0x6f, 0x01, 1, 2})
                        .section(5, {1, 0x01, 0x80, 0x02, 0xff, 0xff, 0x03})
                        .bytes);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->tables[1].elemType, ValType::ExternRef);
  EXPECT_EQ(m->tables[1].limits.max, 2u);
  EXPECT_EQ(m->memories[0].limits.min, 256u);
  EXPECT_EQ(m->memories[0].limits.max, 65535u);

  Failure f = decodeFailure(ModuleBuilder().section(4, {1, 0x71, 0, 0}).bytes);
  EXPECT_EQ(f.message, "malformed reference type");
  // 0x02 (shared), 0x04 (i64) and 0x08 (page size) are flags; 0x10 is not.
  f = decodeFailure(ModuleBuilder().section(5, {1, 0x10, 0}).bytes);
  EXPECT_EQ(f.message, "integer too large");
  EXPECT_EQ(f.offset, 11u);
  f = decodeFailure(ModuleBuilder().section(5, {1, 0x81, 0, 0}).bytes);
  EXPECT_EQ(f.message, "integer representation too long");
}

TEST(DecoderTest, GlobalsAndConstExprs) {
  auto m = decodeOk(
      ModuleBuilder()
          .section(1, TypeVoid)
          .section(3, OneFunc)
          .section(6, {4,    0x7f, 0x00, 0x41, 0x7f, 0x0b, // -1
                       0x7e, 0x01, 0x42, 0x80, 0x01, 0x0b, // 128
                       0x70, 0x00, 0xd2, 0x00, 0x0b,       // ref.func 0
                       0x7d, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, 0x0b}) // 1.0
          .section(10, EmptyBody)
          .bytes);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->globalInits.size(), 4u);
  EXPECT_EQ(m->globalInits[0].kind, ConstExpr::I32Const);
  EXPECT_EQ(m->globalInits[0].bits, UINT64_MAX);
  EXPECT_EQ(m->globalInits[0].offset, 23u);
  EXPECT_EQ(m->globalInits[1].bits, 128u);
  EXPECT_TRUE(m->globals[1].isMutable);
  EXPECT_EQ(m->globalInits[2].kind, ConstExpr::RefFunc);
  EXPECT_TRUE(m->declaredFuncRefs.count(0));
  EXPECT_EQ(m->globalInits[3].kind, ConstExpr::F32Const);
  EXPECT_EQ(m->globalInits[3].bits, 0x3f800000u);

  Failure f = decodeFailure(
      ModuleBuilder().section(6, {1, 0x7f, 0x02, 0x41, 0, 0x0b}).bytes);
  EXPECT_EQ(f.message, "malformed mutability");
  // Not constant: invalid, not malformed.
  f = decodeFailure(
      ModuleBuilder()
          .section(6, {1, 0x7f, 0x00, 0x41, 0, 0x41, 0, 0x6d, 0x0b})
          .bytes);
  EXPECT_EQ(f.kind, WasmError::Invalid);
  EXPECT_EQ(f.message, "constant expression required");
  EXPECT_EQ(f.offset, 17u);
  f = decodeFailure(ModuleBuilder().section(6, {1, 0x7f, 0x00, 0x0b}).bytes);
  EXPECT_EQ(f.kind, WasmError::Invalid);
  EXPECT_EQ(f.message, "type mismatch");
  // Several instructions are an extended constant expression (3.0), which
  // the validator types: two values are one too many.
  auto extended = decodeOk(
      ModuleBuilder()
          .section(6, {1, 0x7f, 0x00, 0x41, 0, 0x41, 0, 0x0b})
          .bytes);
  ASSERT_TRUE(extended);
  EXPECT_EQ(extended->globalInits[0].kind, ConstExpr::Extended);
  EXPECT_EQ(extended->globalInits[0].ops.size(), 2u);
  Failure v = failureOf(validateModule(*extended));
  EXPECT_EQ(v.kind, WasmError::Invalid);
  EXPECT_EQ(v.message, "type mismatch");
  // Malformed beats an earlier invalid expression.
  f = decodeFailure(ModuleBuilder()
                        .section(6, {1, 0x7f, 0x00, 0x0b})
                        .section(7, {1, 1, 0xff, 0, 0})
                        .bytes);
  EXPECT_EQ(f.kind, WasmError::Malformed);
  // Missing end, unknown opcode.
  f = decodeFailure(ModuleBuilder().section(6, {1, 0x7f, 0x00, 0x41, 0}).bytes);
  EXPECT_EQ(f.kind, WasmError::Malformed);
  f = decodeFailure(
      ModuleBuilder().section(6, {1, 0x7f, 0x00, 0x27, 0x0b}).bytes);
  EXPECT_EQ(f.kind, WasmError::Malformed);
  EXPECT_EQ(f.message, "illegal opcode 0x27");
  EXPECT_EQ(f.offset, 13u);
}

TEST(DecoderTest, ExportsAndStart) {
  auto m = decodeOk(
      ModuleBuilder()
          .section(1, TypeVoid)
          .section(3, {2, 0, 0})
          .section(7,
                   cat({{2}, name("f"), {0x00, 1}, name("héllo"), {0x02, 0}}))
          .section(8, {1})
          .section(10, {2, 2, 0, 0x0b, 2, 0, 0x0b})
          .bytes);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->exports.size(), 2u);
  EXPECT_EQ(m->exports[0].kind, ExternKind::Func);
  EXPECT_EQ(m->exports[0].index, 1u);
  EXPECT_EQ(m->exports[1].name, "héllo");
  EXPECT_EQ(m->exports[1].kind, ExternKind::Memory);
  EXPECT_EQ(m->start, 1u);
  EXPECT_TRUE(m->declaredFuncRefs.count(1));
  EXPECT_FALSE(m->declaredFuncRefs.count(0));

  Failure f = decodeFailure(
      ModuleBuilder().section(7, cat({{1}, name("f"), {0x05, 0}})).bytes);
  EXPECT_EQ(f.message, "malformed export kind");
}

TEST(DecoderTest, ElementSegmentEncodings) {
  Bytes off = {0x41, 0x00, 0x0b};
  Bytes elems = cat({{8},
                     {0},
                     off,
                     {1, 0},          // 0: active, funcidx
                     {1, 0x00, 1, 1}, // 1: passive
                     {2, 1},
                     off,
                     {0x00, 1, 2},    // 2: table 1
                     {3, 0x00, 1, 3}, // 3: declarative
                     {4},
                     off,
                     {1, 0xd2, 4, 0x0b},             // 4: exprs
                     {5, 0x6f, 1, 0xd0, 0x6f, 0x0b}, // 5: passive exprs
                     {6, 1},
                     off,
                     {0x70, 1, 0x23, 0, 0x0b},      // 6
                     {7, 0x70, 1, 0xd2, 5, 0x0b}}); // 7: declarative
  auto m = decodeOk(ModuleBuilder()
                        .section(1, TypeVoid)
                        .section(3, {6, 0, 0, 0, 0, 0, 0})
                        .section(9, elems)
                        .section(10, {6, 2, 0, 0x0b, 2, 0, 0x0b, 2, 0, 0x0b, 2,
                                      0, 0x0b, 2, 0, 0x0b, 2, 0, 0x0b})
                        .bytes);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->elems.size(), 8u);
  const SegmentMode modes[] = {SegmentMode::Active, SegmentMode::Passive,
                               SegmentMode::Active, SegmentMode::Declarative,
                               SegmentMode::Active, SegmentMode::Passive,
                               SegmentMode::Active, SegmentMode::Declarative};
  for (unsigned i = 0; i < 8; ++i) {
    EXPECT_EQ(m->elems[i].mode, modes[i]) << i;
    ASSERT_EQ(m->elems[i].items.size(), 1u) << i;
  }
  EXPECT_EQ(m->elems[2].table, 1u);
  EXPECT_EQ(m->elems[6].table, 1u);
  EXPECT_EQ(m->elems[0].offset.kind, ConstExpr::I32Const);
  EXPECT_EQ(m->elems[2].items[0].index, 2u);
  EXPECT_EQ(m->elems[5].type, ValType::ExternRef);
  EXPECT_EQ(m->elems[5].items[0].kind, ConstExpr::RefNull);
  EXPECT_EQ(m->elems[5].items[0].refType, ValType::ExternRef);
  EXPECT_EQ(m->elems[6].items[0].kind, ConstExpr::GlobalGet);
  for (uint32_t f : {0, 1, 2, 3, 4, 5})
    EXPECT_TRUE(m->declaredFuncRefs.count(f)) << f;

  Failure f = decodeFailure(ModuleBuilder().section(9, {1, 8, 0, 0}).bytes);
  EXPECT_NE(f.message.find("malformed"), std::string::npos);
  f = decodeFailure(ModuleBuilder().section(9, {1, 1, 0x01, 0}).bytes);
  EXPECT_EQ(f.message, "malformed element kind");
  EXPECT_EQ(f.offset, 12u);
  f = decodeFailure(ModuleBuilder().section(9, {1, 5, 0x7f, 0}).bytes);
  EXPECT_EQ(f.message, "malformed reference type");
}

TEST(DecoderTest, DataSegmentEncodings) {
  // Segment bytes are views into the input, which must stay alive.
  Bytes input = ModuleBuilder()
                    .section(5, {1, 0, 1})
                    .section(12, {3})
                    .section(11, {3,                             //
                                  0, 0x41, 8, 0x0b, 2, 'h', 'i', //
                                  1, 1, 'x',                     //
                                  2, 0, 0x41, 0, 0x0b, 0})
                    .bytes;
  auto m = decodeOk(input);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dataCount, 3u);
  ASSERT_EQ(m->datas.size(), 3u);
  EXPECT_EQ(m->datas[0].mode, SegmentMode::Active);
  EXPECT_EQ(m->datas[0].offset.bits, 8u);
  ASSERT_EQ(m->datas[0].bytes.size(), 2u);
  EXPECT_EQ(m->datas[0].bytes[1], 'i');
  EXPECT_EQ(m->datas[0].bytes.data(), input.data() + 24);
  EXPECT_EQ(m->datas[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m->datas[1].bytes[0], 'x');
  EXPECT_EQ(m->datas[2].mode, SegmentMode::Active);
  EXPECT_TRUE(m->datas[2].bytes.empty());

  Failure f = decodeFailure(
      ModuleBuilder().section(12, {2}).section(11, {1, 1, 0}).bytes);
  EXPECT_EQ(f.message, "data count and data section have inconsistent lengths");
  f = decodeFailure(ModuleBuilder().section(12, {1}).bytes);
  EXPECT_EQ(f.message, "data count and data section have inconsistent lengths");
  f = decodeFailure(ModuleBuilder().section(11, {1, 3, 0}).bytes);
  EXPECT_NE(f.message.find("malformed"), std::string::npos);
  // Declared size past the section.
  f = decodeFailure(
      ModuleBuilder().section(11, {1, 1, 5, 'a'}).section(0, name("x")).bytes);
  EXPECT_EQ(f.message, "unexpected end of section or function");
}

TEST(DecoderTest, CodeSection) {
  const uint8_t *base = nullptr;
  Bytes bytes = ModuleBuilder()
                    .section(1, TypeVoid)
                    .section(3, OneFunc)
                    .section(10, {1, 7, 2, 3, 0x7f, 0x80, 0x01, 0x7e, 0x0b})
                    .bytes;
  auto m = decodeOk(bytes);
  ASSERT_TRUE(m);
  base = bytes.data();
  const FunctionBody &body = m->body(0);
  ASSERT_EQ(body.localGroups.size(), 2u);
  EXPECT_EQ(body.localGroups[0].first, 3u);
  EXPECT_EQ(body.localGroups[0].second, ValType::I32);
  EXPECT_EQ(body.localGroups[1].first, 128u);
  EXPECT_EQ(body.numLocals, 131u);
  EXPECT_EQ(body.bodyOffset, 21u);
  EXPECT_EQ(body.codeOffset, 28u);
  ASSERT_EQ(body.code.size(), 1u);
  EXPECT_EQ(body.code.data(), base + 28);

  Failure f = decodeFailure(
      ModuleBuilder().section(1, TypeVoid).section(3, OneFunc).bytes);
  EXPECT_EQ(f.message, "function and code section have inconsistent lengths");
  f = decodeFailure(ModuleBuilder().section(10, EmptyBody).bytes);
  EXPECT_EQ(f.message, "function and code section have inconsistent lengths");
  // The body does not end in `end`.
  f = decodeFailure(ModuleBuilder()
                        .section(1, TypeVoid)
                        .section(3, OneFunc)
                        .section(10, {1, 2, 0, 0x01})
                        .bytes);
  EXPECT_EQ(f.message, "END opcode expected");
  // The body's size runs past the section.
  f = decodeFailure(ModuleBuilder()
                        .section(1, TypeVoid)
                        .section(3, OneFunc)
                        .section(10, {1, 5, 0, 0x0b})
                        .section(0, name("x"))
                        .bytes);
  EXPECT_EQ(f.message, "unexpected end of section or function");
}

TEST(DecoderTest, TooManyLocals) {
  // 0xffffffff + 2 locals: malformed.
  Failure f = decodeFailure(ModuleBuilder()
                                .section(1, TypeVoid)
                                .section(3, OneFunc)
                                .section(10, {1, 10, 2, 0xff, 0xff, 0xff, 0xff,
                                              0x0f, 0x7f, 2, 0x7e, 0x0b})
                                .bytes);
  EXPECT_EQ(f.kind, WasmError::Malformed);
  EXPECT_EQ(f.message, "too many locals");
  // Within 2^32 but above the implementation limit.
  f = decodeFailure(ModuleBuilder()
                        .section(1, TypeVoid)
                        .section(3, OneFunc)
                        .section(10, {1, 6, 1, 0x80, 0x80, 0x10, 0x7f, 0x0b})
                        .bytes);
  EXPECT_EQ(f.kind, WasmError::ImplLimit);
  EXPECT_EQ(f.message.rfind("too many locals", 0), 0u);
}

TEST(DecoderTest, NameSection) {
  Bytes funcNames = cat({{2}, {0}, name("zero"), {1}, name("one")});
  Bytes content = cat({name("name"),
                       {0},
                       leb(name("mod").size()),
                       name("mod"),
                       {1},
                       leb(funcNames.size()),
                       funcNames});
  auto m = decodeOk(ModuleBuilder().section(0, content).bytes);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->moduleName, "mod");
  ASSERT_EQ(m->funcNames.size(), 2u);
  EXPECT_EQ(m->funcNames[1], "one");

  // A broken function-name subsection is ignored; the module name stays.
  Bytes broken = cat({name("name"),
                      {0},
                      leb(name("mod").size()),
                      name("mod"),
                      {1},
                      {5, 7, 0, 3, 0xff, 0xfe, 0xfd}});
  m = decodeOk(ModuleBuilder().section(0, broken).bytes);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->moduleName, "mod");
  EXPECT_TRUE(m->funcNames.empty());

  // The custom section's own name must be UTF-8 and fit.
  Failure f = decodeFailure(ModuleBuilder().section(0, {1, 0xff}).bytes);
  EXPECT_EQ(f.message, "malformed UTF-8 encoding");
  f = decodeFailure(ModuleBuilder().section(0, {5, 'a'}).bytes);
  EXPECT_EQ(f.message, "length out of bounds");
}

TEST(DecoderTest, PrintError) {
  std::string text;
  raw_string_ostream os(text);
  printError(os, "m.wasm", malformed(0x1f, "integer too large"));
  printError(os, "m.wasm",
             createStringError(inconvertibleErrorCode(), "cannot open"));
  EXPECT_EQ(os.str(), "m.wasm:0x1f: error: integer too large\n"
                      "m.wasm: error: cannot open\n");
  // toString (used where no file name is at hand) keeps the offset.
  EXPECT_EQ(toString(invalid(0xab, "type mismatch")), "0xab: type mismatch");
}

//===----------------------------------------------------------------------===//
// BodyReader
//===----------------------------------------------------------------------===//

struct Reader {
  Bytes code;
  BodyReader reader;
  explicit Reader(Bytes c) : code(std::move(c)), reader(code, 100) {}
  Instr next() {
    Instr instr;
    if (Error e = reader.next(instr))
      ADD_FAILURE() << toString(std::move(e));
    return instr;
  }
  Failure fail() {
    Instr instr;
    return failureOf(reader.next(instr));
  }
};

TEST(BodyReaderTest, ControlAndBlockTypes) {
  Reader r({0x02, 0x40, 0x03, 0x7f, 0x04, 0x05, 0x02, 0x80, 0x01, 0x0e, 2, 0, 1,
            2, 0x0c, 3, 0x0b});
  Instr i = r.next();
  EXPECT_EQ(i.op, Opcode::Block);
  EXPECT_EQ(i.offset, 100u);
  EXPECT_EQ(i.block.kind, BlockType::Empty);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::Loop);
  EXPECT_EQ(i.block.kind, BlockType::Value);
  EXPECT_EQ(i.block.value, ValType::I32);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::If);
  EXPECT_EQ(i.block.kind, BlockType::TypeIndex);
  EXPECT_EQ(i.block.typeIndex, 5u);
  i = r.next();
  EXPECT_EQ(i.block.typeIndex, 128u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::BrTable);
  ASSERT_EQ(i.targets.size(), 2u);
  EXPECT_EQ(i.targets[1], 1u);
  EXPECT_EQ(i.index, 2u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::Br);
  EXPECT_EQ(i.index, 3u);
  EXPECT_EQ(r.next().op, Opcode::End);
  EXPECT_TRUE(r.reader.atEnd());
  EXPECT_EQ(r.reader.offset(), 117u);

  Reader neg({0x02, 0x41});
  EXPECT_EQ(neg.fail().message, "malformed block type");
}

TEST(BodyReaderTest, Constants) {
  Reader r({0x41, 0x80, 0x80, 0x80, 0x80, 0x78,            //
            0x42, 0x7f,                                    //
            0x43, 0x00, 0x00, 0xc0, 0x7f,                  //
            0x44, 1,    2,    3,    4,    5,    6,  7,  8, //
            0xfd, 0x0c, 0,    1,    2,    3,    4,  5,  6,
            7,    8,    9,    10,   11,   12,   13, 14, 15});
  EXPECT_EQ(r.next().value, uint64_t(int64_t(INT32_MIN)));
  EXPECT_EQ(r.next().value, UINT64_MAX);
  EXPECT_EQ(r.next().value, 0x7fc00000u);
  EXPECT_EQ(r.next().value, 0x0807060504030201u);
  Instr i = r.next();
  EXPECT_EQ(i.op, Opcode::V128Const);
  EXPECT_EQ(i.bytes[15], 15);
}

TEST(BodyReaderTest, MemoryImmediates) {
  Reader r({0x28, 2,    0x80, 0x01,    // i32.load align=4 offset=128
            0x40, 0x00,                // memory.grow
            0xfc, 0x08, 3,    0x00,    // memory.init 3
            0xfc, 0x0a, 0x00, 0x00,    // memory.copy
            0xfd, 0x54, 0,    4,    7, // v128.load8_lane offset 4 lane 7
            0xfd, 0x15, 15,            // i8x16.extract_lane_s 15
            0xfd, 0x0d, 0,    1,    2,  3,  4,  5,  6,
            7,    8,    9,    10,   11, 12, 13, 14, 31});
  Instr i = r.next();
  EXPECT_EQ(i.op, Opcode::I32Load);
  EXPECT_EQ(i.mem.alignLog2, 2u);
  EXPECT_EQ(i.mem.offset, 128u);
  EXPECT_EQ(r.next().op, Opcode::MemoryGrow);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::MemoryInit);
  EXPECT_EQ(i.index, 3u);
  EXPECT_EQ(r.next().op, Opcode::MemoryCopy);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::V128Load8Lane);
  EXPECT_EQ(i.mem.offset, 4u);
  EXPECT_EQ(i.lane, 7);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::I8x16ExtractLaneS);
  EXPECT_EQ(i.lane, 15);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::I8x16Shuffle);
  EXPECT_EQ(i.bytes[15], 31);
}

// WebAssembly 3.0 (multiple memories): memory indices on every memory
// instruction; a memarg's flags have bit 6 set when one follows.
TEST(BodyReaderTest, MemoryIndices) {
  Reader r({0x28, 0x42, 1,    0x80, 0x01,      // i32.load 1 align=4 offset=128
            0x36, 0x40, 0x80, 0x01, 8,         // i32.store 128 align=1 offset=8
            0x3f, 2,                           // memory.size 2
            0x40, 0x80, 0x00,                  // memory.grow 0 (a long LEB128)
            0xfc, 0x08, 3,    1,               // memory.init 3 1
            0xfc, 0x0a, 1,    2,               // memory.copy 1 2
            0xfc, 0x0b, 3,                     // memory.fill 3
            0xfd, 0x58, 0x40, 5,    4,    7}); // v128.store8_lane 5 4 lane 7
  Instr i = r.next();
  EXPECT_EQ(i.op, Opcode::I32Load);
  EXPECT_EQ(i.mem.memory, 1u);
  EXPECT_EQ(i.mem.alignLog2, 2u);
  EXPECT_EQ(i.mem.offset, 128u);
  i = r.next();
  EXPECT_EQ(i.mem.memory, 128u);
  EXPECT_EQ(i.mem.alignLog2, 0u);
  EXPECT_EQ(i.mem.offset, 8u);
  EXPECT_EQ(r.next().index, 2u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::MemoryGrow);
  EXPECT_EQ(i.index, 0u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::MemoryInit);
  EXPECT_EQ(i.index, 3u);
  EXPECT_EQ(i.index2, 1u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::MemoryCopy);
  EXPECT_EQ(i.index, 1u);
  EXPECT_EQ(i.index2, 2u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::MemoryFill);
  EXPECT_EQ(i.index, 3u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::V128Store8Lane);
  EXPECT_EQ(i.mem.memory, 5u);
  EXPECT_EQ(i.mem.offset, 4u);
  EXPECT_EQ(i.lane, 7);
  EXPECT_TRUE(r.reader.atEnd());

  // Flags from bit 7 up are malformed, whatever the low bits say.
  Reader flags({0x28, 0x80, 0x01, 0x00});
  Failure f = flags.fail();
  EXPECT_EQ(f.message, "malformed memop flags");
  EXPECT_EQ(f.offset, 101u);
  Reader wide({0x28, 0x80, 0x02, 0x00});
  EXPECT_EQ(wide.fail().message, "malformed memop flags");
}

TEST(BodyReaderTest, TablesReferencesSelect) {
  Reader r({0x11, 2,    1,          // call_indirect type 2 table 1
            0xfc, 0x0e, 1,    2,    // table.copy 1 2
            0xfc, 0x0c, 4,    1,    // table.init elem 4 table 1
            0xd0, 0x6f,             // ref.null extern
            0x1c, 1,    0x7e,       // select (result i64)
            0x1c, 2,    0x7f, 0x7f, // select with two types
            0xfc, 0x11, 0});        // table.fill 0
  Instr i = r.next();
  EXPECT_EQ(i.op, Opcode::CallIndirect);
  EXPECT_EQ(i.index, 2u);
  EXPECT_EQ(i.index2, 1u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::TableCopy);
  EXPECT_EQ(i.index, 1u);
  EXPECT_EQ(i.index2, 2u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::TableInit);
  EXPECT_EQ(i.index, 4u);
  EXPECT_EQ(i.index2, 1u);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::RefNull);
  EXPECT_EQ(i.type, ValType::ExternRef);
  i = r.next();
  EXPECT_EQ(i.op, Opcode::SelectT);
  EXPECT_EQ(i.index, 1u);
  EXPECT_EQ(i.type, ValType::I64);
  i = r.next();
  EXPECT_EQ(i.index, 2u);
  EXPECT_EQ(r.next().op, Opcode::TableFill);

  Reader badRef({0xd0, 0x7f});
  EXPECT_EQ(badRef.fail().message, "malformed reference type");
}

TEST(BodyReaderTest, Errors) {
  Reader illegal({0x01, 0x27});
  illegal.next();
  Failure f = illegal.fail();
  EXPECT_EQ(f.message, "illegal opcode 0x27");
  EXPECT_EQ(f.offset, 101u);
  // 0xfd 0x113 (relaxed SIMD) and 0xfc 0x16 (wide arithmetic) are the last.
  Reader prefixed({0xfd, 0x94, 0x02});
  EXPECT_EQ(prefixed.fail().message, "illegal opcode 0xfd 0x114");
  Reader fc({0xfc, 0x17});
  EXPECT_EQ(fc.fail().message, "illegal opcode 0xfc 0x17");
  Reader cut({0x41, 0x80});
  EXPECT_EQ(cut.fail().message, "unexpected end of section or function");
  Reader cutV128({0xfd, 0x0c, 1, 2, 3});
  EXPECT_EQ(cutV128.fail().message, "unexpected end of section or function");
  Reader longLeb({0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  EXPECT_EQ(longLeb.fail().message, "integer representation too long");
}

TEST(BodyReaderTest, EveryOpcodeRoundTrips) {
  // Each opcode's encoding, followed by zero immediates, reads back as
  // that opcode (the tables come from Opcodes.def, like the decoder's).
  for (unsigned n = 0; n < NumOpcodes; ++n) {
    Opcode op = static_cast<Opcode>(n);
    const OpcodeInfo &info = getOpcodeInfo(op);
    Bytes code;
    if (info.prefix)
      code = cat({{info.prefix}, leb(info.code)});
    else
      code = {static_cast<uint8_t>(info.code)};
    if (info.imm == ImmKind::Block)
      code.push_back(0x40);
    else if (info.imm == ImmKind::RefType)
      code.push_back(0x70);
    else
      code.insert(code.end(), 20, 0x00);
    Reader r(code);
    Instr i;
    Error e = r.reader.next(i);
    ASSERT_FALSE(bool(e)) << info.text << ": " << toString(std::move(e));
    EXPECT_EQ(i.op, op) << info.text;
  }
}

} // namespace
