#include "png.hpp"

#include <zlib.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <vector>

#include "raster.hpp"

namespace kiosk {

namespace {

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void chunk(std::vector<std::uint8_t>& out, const char* type, const std::uint8_t* data, std::size_t size) {
  put_u32(out, static_cast<std::uint32_t>(size));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  if (size) out.insert(out.end(), data, data + size);
  put_u32(out, static_cast<std::uint32_t>(crc32(0, out.data() + start, static_cast<uInt>(out.size() - start))));
}

// Deflate (RFC 1951) in one block of the fixed Huffman codes, with one kind of match: a run
// of the byte just written (distance 1). Filtered screens and paper are about 98 % runs, so
// this is a few times faster than zlib's fastest level for about half again the size.
class RunDeflate {
 public:
  explicit RunDeflate(std::vector<std::uint8_t>& out) : out_(out) {
    put(1, 1);  // BFINAL
    put(1, 2);  // BTYPE 01: fixed codes
  }

  void feed(const std::uint8_t* data, std::size_t n) {
    for (std::size_t i = 0; i < n;) {
      if (has_last_ && data[i] == last_) {
        const std::size_t j = run_end(data, i + 1, n, last_);
        run_ += j - i;
        i = j;
        continue;
      }
      flush_run();
      literal(data[i]);
      last_ = data[i];
      has_last_ = true;
      ++i;
    }
  }

  // n copies of one byte.
  void feed_run(std::uint8_t b, std::size_t n) {
    if (n == 0) return;
    if (!has_last_ || last_ != b) {
      flush_run();
      literal(b);
      last_ = b;
      has_last_ = true;
      --n;
    }
    run_ += n;
  }

  void finish() {
    flush_run();
    code(symbol_code(256));  // end of block
    while (bits_ > 0) {
      out_.push_back(static_cast<std::uint8_t>(acc_));
      acc_ >>= 8;
      bits_ = bits_ > 8 ? bits_ - 8 : 0;
    }
  }

 private:
  struct Code {
    std::uint16_t bits;  // already reversed: deflate sends Huffman codes from their top bit
    std::uint8_t length;
  };

  // The end of the run of b starting before `from`: eight bytes at a time while they all match.
  static std::size_t run_end(const std::uint8_t* data, std::size_t from, std::size_t n, std::uint8_t b) {
    const std::uint64_t pattern = 0x0101010101010101ull * b;
    while (from + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, data + from, 8);
      if (word != pattern) break;
      from += 8;
    }
    while (from < n && data[from] == b) ++from;
    return from;
  }

  static Code reversed(unsigned value, int length) {
    unsigned r = 0;
    for (int i = 0; i < length; ++i) r |= ((value >> i) & 1u) << (length - 1 - i);
    return {static_cast<std::uint16_t>(r), static_cast<std::uint8_t>(length)};
  }

  // The fixed literal/length code of RFC 1951 3.2.6.
  static Code symbol_code(unsigned sym) {
    if (sym < 144) return reversed(0x30 + sym, 8);
    if (sym < 256) return reversed(0x190 + sym - 144, 9);
    if (sym < 280) return reversed(sym - 256, 7);
    return reversed(0xC0 + sym - 280, 8);
  }

  static const std::array<Code, 256>& literals() {
    static const std::array<Code, 256> table = [] {
      std::array<Code, 256> t{};
      for (unsigned i = 0; i < 256; ++i) t[i] = symbol_code(i);
      return t;
    }();
    return table;
  }

  void put(std::uint32_t value, int count) {
    acc_ |= static_cast<std::uint64_t>(value) << bits_;
    bits_ += count;
    while (bits_ >= 8) {
      out_.push_back(static_cast<std::uint8_t>(acc_));
      acc_ >>= 8;
      bits_ -= 8;
    }
  }
  void code(Code c) { put(c.bits, c.length); }
  void literal(std::uint8_t b) { code(literals()[b]); }

  // A match of 3..258 bytes at distance 1: its length code, extra bits, and distance code 0.
  void match(unsigned length) {
    static constexpr unsigned base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                        31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static constexpr unsigned extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    unsigned k = 28;
    while (base[k] > length) --k;
    code(symbol_code(257 + k));
    if (extra[k]) put(length - base[k], static_cast<int>(extra[k]));
    put(0, 5);  // distance code 0: distance 1
  }

  void flush_run() {
    while (run_ >= 3) {
      unsigned n = run_ > 258 ? 258 : static_cast<unsigned>(run_);
      if (run_ - n > 0 && run_ - n < 3) n -= 3;  // never leave a tail too short for a match
      match(n);
      run_ -= n;
    }
    for (; run_ > 0; --run_) literal(last_);
  }

  std::vector<std::uint8_t>& out_;
  std::uint64_t acc_ = 0;
  int bits_ = 0;
  std::uint8_t last_ = 0;
  bool has_last_ = false;
  std::size_t run_ = 0;  // bytes equal to last_ not written yet
};

// Whether a row of pixels repeats the row above (all channels, a skipped one included: one
// call of memcmp, and a row that differs only there is merely filtered the other way).
bool same_row(const std::uint8_t* row, const std::uint8_t* above, int width, int channels) {
  return std::memcmp(row, above, static_cast<std::size_t>(width) * channels) == 0;
}

// The "sub" filter: each byte minus the same channel of the pixel to its left.
void sub_filter(const std::uint8_t* row, int width, int in_channels, int out_channels, std::uint8_t* out) {
  if (in_channels == 4 && out_channels == 3) {  // screenshots: RGBA in, RGB out
    out[0] = row[0], out[1] = row[1], out[2] = row[2];
    for (int x = 1; x < width; ++x) {
      const std::uint8_t* p = row + 4 * x;
      std::uint8_t* o = out + 3 * x;
      o[0] = static_cast<std::uint8_t>(p[0] - p[-4]);
      o[1] = static_cast<std::uint8_t>(p[1] - p[-3]);
      o[2] = static_cast<std::uint8_t>(p[2] - p[-2]);
    }
    return;
  }
  for (int c = 0; c < out_channels; ++c) out[c] = row[c];
  for (int x = 1; x < width; ++x)
    for (int c = 0; c < out_channels; ++c)
      out[x * out_channels + c] = static_cast<std::uint8_t>(row[x * in_channels + c] - row[(x - 1) * in_channels + c]);
}

}  // namespace

bool write_png(const std::string& path, const PngPixels& image, std::string* error) {
  const int out_channels = image.channels == 1 ? 1 : 3;
  const bool packed = image.bit_depth == 1;
  if (!image.data || image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.channels == 2 || (image.bit_depth != 8 && !(packed && image.channels == 1))) {
    if (error) *error = "cannot write " + path + ": empty image";
    return false;
  }
  // zlib stream: header (deflate, 32 KiB window, fastest), the deflate data, Adler-32.
  std::vector<std::uint8_t> compressed = {0x78, 0x01};
  compressed.reserve(static_cast<std::size_t>(image.width) * image.height * out_channels / 16);
  uLong adler = adler32(0, nullptr, 0);
  {
    RunDeflate deflate(compressed);
    const std::size_t row_bytes =
        packed ? static_cast<std::size_t>(image.width + 7) / 8 : static_cast<std::size_t>(image.width) * out_channels;
    // A packed row is filtered as bytes (PNG's rule for depths under 8).
    const int filter_width = packed ? static_cast<int>(row_bytes) : image.width;
    const int filter_channels = packed ? 1 : image.channels;
    std::vector<std::uint8_t> row(row_bytes + 1);
    for (int y = 0; y < image.height; ++y) {
      const std::uint8_t* line = image.data + static_cast<std::size_t>(y) * image.stride;
      if (y > 0 && same_row(line, line - image.stride, filter_width, filter_channels)) {
        // "Up": the filter byte 2 and zeros. Adler-32 of n zeros: A stays, B grows by n·A.
        adler = adler32(adler, std::array<std::uint8_t, 1>{2}.data(), 1);
        const uLong a = adler & 0xFFFF, b = ((adler >> 16) + (row_bytes % 65521) * a) % 65521;
        adler = (b << 16) | a;
        deflate.feed_run(2, 1);
        deflate.feed_run(0, row_bytes);
        continue;
      }
      row[0] = 1;  // "sub"
      sub_filter(line, filter_width, filter_channels, packed ? 1 : out_channels, row.data() + 1);
      adler = adler32(adler, row.data(), static_cast<uInt>(row.size()));
      deflate.feed(row.data(), row.size());
    }
    deflate.finish();
  }
  put_u32(compressed, static_cast<std::uint32_t>(adler));

  std::vector<std::uint8_t> file = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> header;
  put_u32(header, static_cast<std::uint32_t>(image.width));
  put_u32(header, static_cast<std::uint32_t>(image.height));
  header.insert(header.end(), {static_cast<std::uint8_t>(packed ? 1 : 8), static_cast<std::uint8_t>(out_channels == 1 ? 0 : 2), 0, 0, 0});
  chunk(file, "IHDR", header.data(), header.size());
  chunk(file, "IDAT", compressed.data(), compressed.size());
  chunk(file, "IEND", nullptr, 0);

  const std::string aside = path + ".part";
  std::FILE* f = std::fopen(aside.c_str(), "wb");
  bool ok = f && std::fwrite(file.data(), 1, file.size(), f) == file.size();
  if (f) ok = std::fclose(f) == 0 && ok;
  ok = ok && std::rename(aside.c_str(), path.c_str()) == 0;
  if (!ok) {
    std::remove(aside.c_str());
    if (error) *error = "cannot write " + path;
  }
  return ok;
}

bool write_png(const Raster& r, const std::string& path, std::string* error) {
  // PNG's 1-bit grey is 0 black, 1 white: the raster's bits inverted.
  std::vector<std::uint8_t> white(r.bits.size());
  for (std::size_t i = 0; i < r.bits.size(); ++i) white[i] = static_cast<std::uint8_t>(~r.bits[i]);
  return write_png(path, PngPixels{white.data(), r.width, r.height, 1, static_cast<std::size_t>(r.stride), 1}, error);
}

}  // namespace kiosk
