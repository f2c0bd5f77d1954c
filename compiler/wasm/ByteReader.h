//===- ByteReader.h - Bounded reads of binary-format primitives -*- C++ -*-===//
//
// The primitives that the module decoder and BodyReader share: bytes,
// LEB128 integers with the spec's length and unused-bit rules, fixed-width
// floats, and UTF-8 names. A reader is bounded by its section (or body);
// running past the bound is malformed. Every error carries the absolute
// offset in the input. Header-only so that the hot paths inline into
// BodyReader::next.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_BYTEREADER_H
#define WASMKILN_BYTEREADER_H

#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace wasmkiln {

/// Checks \p bytes for well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF), per Unicode's table of well-formed sequences.
inline bool isValidUTF8(llvm::ArrayRef<uint8_t> bytes) {
  size_t i = 0, n = bytes.size();
  while (i < n) {
    uint8_t b = bytes[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    unsigned len;
    uint8_t lo = 0x80, hi = 0xbf; // allowed range of the second byte
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b == 0xe0)
        lo = 0xa0; // overlong
      else if (b == 0xed)
        hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b == 0xf0)
        lo = 0x90; // overlong
      else if (b == 0xf4)
        hi = 0x8f; // above U+10FFFF
    } else {
      return false;
    }
    if (n - i < len || bytes[i + 1] < lo || bytes[i + 1] > hi)
      return false;
    for (unsigned k = 2; k < len; ++k)
      if ((bytes[i + k] & 0xc0) != 0x80)
        return false;
    i += len;
  }
  return true;
}

/// True for the one-byte encodings of the value types.
inline bool isValTypeByte(uint8_t b) {
  switch (static_cast<ValType>(b)) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  case ValType::Name:
#include "wasmkiln/wasm/ValTypes.def"
    return true;
  }
  return false;
}

class ByteReader {
public:
  /// \p base is the offset of data[0] in the input. \p wholeInput is true
  /// for the reader of the header and section framing; running out there
  /// is "unexpected end", inside a section or body (as the spec words it)
  /// "unexpected end of section or function".
  ByteReader(llvm::ArrayRef<uint8_t> data, size_t base, bool wholeInput)
      : data(data), base(base), wholeInput(wholeInput) {}

  size_t offset() const { return base + pos; }
  size_t position() const { return pos; }
  void setPosition(size_t p) { pos = p; }
  size_t remaining() const { return data.size() - pos; }
  bool atEnd() const { return pos >= data.size(); }
  llvm::ArrayRef<uint8_t> bytes() const { return data; }

  llvm::Error unexpectedEnd() const {
    return malformed(base + data.size(),
                     wholeInput ? "unexpected end"
                                : "unexpected end of section or function");
  }

  llvm::Error readByte(uint8_t &out) {
    if (pos >= data.size())
      return unexpectedEnd();
    out = data[pos++];
    return llvm::Error::success();
  }

  /// A view of the next \p n bytes.
  llvm::Error readBytes(size_t n, llvm::ArrayRef<uint8_t> &out) {
    if (n > remaining()) {
      pos = data.size();
      return unexpectedEnd();
    }
    out = data.slice(pos, n);
    pos += n;
    return llvm::Error::success();
  }

  llvm::Error readU32(uint32_t &out) {
    if (pos < data.size() && data[pos] < 0x80) { // the common one-byte case
      out = data[pos++];
      return llvm::Error::success();
    }
    uint64_t v = 0;
    if (llvm::Error e = readLEB<32, false>(v))
      return e;
    out = static_cast<uint32_t>(v);
    return llvm::Error::success();
  }
  llvm::Error readU64(uint64_t &out) { return readLEB<64, false>(out); }
  llvm::Error readS32(int32_t &out) {
    uint64_t v = 0;
    if (llvm::Error e = readLEB<32, true>(v))
      return e;
    out = static_cast<int32_t>(static_cast<uint32_t>(v));
    return llvm::Error::success();
  }
  llvm::Error readS33(int64_t &out) {
    uint64_t v = 0;
    if (llvm::Error e = readLEB<33, true>(v))
      return e;
    out = static_cast<int64_t>(v);
    return llvm::Error::success();
  }
  llvm::Error readS64(int64_t &out) {
    uint64_t v = 0;
    if (llvm::Error e = readLEB<64, true>(v))
      return e;
    out = static_cast<int64_t>(v);
    return llvm::Error::success();
  }

  /// Little-endian fixed-width value of \p n <= 8 bytes.
  llvm::Error readFixed(unsigned n, uint64_t &out) {
    if (n > remaining()) {
      pos = data.size();
      return unexpectedEnd();
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i)
      v |= uint64_t(data[pos + i]) << (8 * i);
    pos += n;
    out = v;
    return llvm::Error::success();
  }

  /// A vector length: each element takes at least one byte, so a count
  /// above what remains is malformed before anything is allocated.
  llvm::Error readCount(uint32_t &out) {
    size_t start = offset();
    if (llvm::Error e = readU32(out))
      return e;
    if (out > remaining())
      return malformed(start, "length out of bounds");
    return llvm::Error::success();
  }

  /// A name: a u32 byte length and that many bytes of UTF-8.
  llvm::Error readName(std::string &out) {
    uint32_t len = 0;
    if (llvm::Error e = readU32(len))
      return e;
    size_t start = offset();
    if (len > remaining())
      return malformed(start, "length out of bounds");
    llvm::ArrayRef<uint8_t> bytes = data.slice(pos, len);
    if (!isValidUTF8(bytes))
      return malformed(start, "malformed UTF-8 encoding");
    pos += len;
    out.assign(bytes.begin(), bytes.end());
    return llvm::Error::success();
  }

  /// LEB128 of a Bits-bit integer, at most ceil(Bits/7) bytes; the unused
  /// bits of the last byte must be zero (unsigned) or copies of the sign
  /// bit (signed). Signed results are sign-extended to 64 bits.
  template <unsigned Bits, bool Signed> llvm::Error readLEB(uint64_t &out) {
    constexpr unsigned MaxBytes = (Bits + 6) / 7;
    size_t start = offset();
    uint64_t result = 0;
    unsigned shift = 0;
    uint8_t byte = 0;
    for (unsigned i = 0; i < MaxBytes; ++i) {
      if (pos >= data.size())
        return unexpectedEnd();
      byte = data[pos++];
      if (i == MaxBytes - 1) {
        if (byte & 0x80)
          return malformed(start, "integer representation too long");
        unsigned used = Bits - shift; // value bits in this byte, 1..7
        if (Signed) {
          uint8_t mask = (0x7f >> (used - 1)) << (used - 1);
          uint8_t upper = byte & mask;
          if (upper != 0 && upper != mask)
            return malformed(start, "integer too large");
        } else if (used < 7 && (byte >> used) != 0) {
          return malformed(start, "integer too large");
        }
      }
      result |= uint64_t(byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80))
        break;
    }
    if (Signed && shift < 64 && (byte & 0x40))
      result |= ~uint64_t(0) << shift;
    out = result;
    return llvm::Error::success();
  }

private:
  llvm::ArrayRef<uint8_t> data;
  size_t base;
  size_t pos = 0;
  bool wholeInput;
};

/// A value type byte ("malformed value type" otherwise).
inline llvm::Error readValType(ByteReader &r, ValType &out) {
  size_t at = r.offset();
  uint8_t b = 0;
  if (llvm::Error e = r.readByte(b))
    return e;
  if (!isValTypeByte(b))
    return malformed(at, "malformed value type 0x" + llvm::Twine::utohexstr(b));
  out = static_cast<ValType>(b);
  return llvm::Error::success();
}

/// A reference type byte ("malformed reference type" otherwise).
inline llvm::Error readRefType(ByteReader &r, ValType &out) {
  size_t at = r.offset();
  uint8_t b = 0;
  if (llvm::Error e = r.readByte(b))
    return e;
  if (!isValTypeByte(b) || !isRefType(static_cast<ValType>(b)))
    return malformed(at, "malformed reference type");
  out = static_cast<ValType>(b);
  return llvm::Error::success();
}

} // namespace wasmkiln

#endif
