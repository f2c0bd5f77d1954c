//===- WatInput.cpp - WebAssembly text input -----------------------------===//
//
// wabt parses the text, validates it and writes the binary. The validation
// is not optional: wabt 1.0.32's binary writer aborts on an assertion for
// some invalid modules (a data segment of memory 3) and silently writes a
// valid binary for others (`block (type 99)` without params or results
// loses the unknown type), so an unvalidated module can neither be written
// safely nor checked afterwards from its binary.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/text/WatInput.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "wabt/binary-writer.h"
#include "wabt/error-formatter.h"
#include "wabt/feature.h"
#include "wabt/ir.h"
#include "wabt/stream.h"
#include "wabt/validator.h"
#include "wabt/wast-lexer.h"
#include "wabt/wast-parser.h"

#include <algorithm>

using namespace llvm;
using namespace wasmkiln;

char WatError::ID = 0;

void WatError::log(raw_ostream &os) const { os << diagnostics; }

std::error_code WatError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

bool wasmkiln::isWatInput(StringRef fileName, ArrayRef<uint8_t> bytes) {
  static const uint8_t magic[] = {0, 'a', 's', 'm'};
  if (bytes.size() >= 4 && std::equal(magic, magic + 4, bytes.begin()))
    return false;
  StringRef text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
  text = text.ltrim(" \t\r\n");
  if (text.starts_with("(") || text.starts_with(";;"))
    return true;
  StringRef ext = sys::path::extension(fileName);
  return ext.equals_insensitive(".wat") || ext.equals_insensitive(".wast");
}

/// What wasmkiln compiles: WebAssembly 2.0. wabt 1.0.32 enables these by
/// default already; naming them keeps a newer wabt from changing what text
/// input accepts.
static wabt::Features wasm2Features() {
  wabt::Features features;
  features.enable_mutable_globals();
  features.enable_sat_float_to_int();
  features.enable_sign_extension();
  features.enable_multi_value();
  features.enable_bulk_memory();
  features.enable_reference_types();
  features.enable_simd();
  // WebAssembly 3.0 features wasmkiln compiles and wabt 1.0.32 parses.
  features.enable_multi_memory();
  features.enable_tail_call();
  features.enable_memory64();
  features.enable_exceptions(); // the legacy form: 1.0.32 has no try_table
  features.enable_extended_const();
  features.enable_relaxed_simd();
  features.enable_threads(); // shared memories and atomics (wasi-threads)
  return features;
}

static Error textFailure(const wabt::Errors &errors, wabt::WastLexer &lexer) {
  auto lines = lexer.MakeLineFinder();
  return make_error<WatError>(wabt::FormatErrorsToString(
      errors, wabt::Location::Type::Text, lines.get()));
}

Expected<std::vector<uint8_t>> wasmkiln::translateWat(StringRef fileName,
                                                      ArrayRef<uint8_t> text) {
  wabt::Errors errors;
  std::unique_ptr<wabt::WastLexer> lexer = wabt::WastLexer::CreateBufferLexer(
      std::string_view(fileName.data(), fileName.size()), text.data(),
      text.size(), &errors);
  wabt::Features features = wasm2Features();
  wabt::WastParseOptions parseOptions(features);
  std::unique_ptr<wabt::Module> module;
  if (wabt::Failed(
          wabt::ParseWatModule(lexer.get(), &module, &errors, &parseOptions)))
    return textFailure(errors, *lexer);
  wabt::ValidateOptions validateOptions(features);
  if (wabt::Failed(
          wabt::ValidateModule(module.get(), &errors, validateOptions)))
    return textFailure(errors, *lexer);

  // Names, as `wat2wasm --debug-names` writes them, so that symbols and trap
  // messages name the functions. The name section comes after all others:
  // offsets in later diagnostics are those of plain `wat2wasm` output.
  wabt::WriteBinaryOptions writeOptions(features, /*canonicalize_lebs=*/true,
                                        /*relocatable=*/false,
                                        /*write_debug_names=*/true);
  wabt::MemoryStream stream;
  if (wabt::Failed(
          wabt::WriteBinaryModule(&stream, module.get(), writeOptions)))
    return make_error<WatError>(
        (fileName + ": error: wabt could not write the binary form of the "
                    "module\n")
            .str());
  return std::move(stream.output_buffer().data);
}
