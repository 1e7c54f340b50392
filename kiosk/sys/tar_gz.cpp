#include "tar_gz.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace kiosk {

namespace {

constexpr std::size_t block = 512;

// A ustar header: numbers in octal, the checksum over the header with its own field as spaces.
std::string header(const std::string& name, std::size_t size, long long mtime) {
  std::string h(block, '\0');
  const auto put = [&h](std::size_t at, std::size_t width, const std::string& text) {
    std::memcpy(&h[at], text.data(), std::min(width, text.size()));
  };
  const auto octal = [](unsigned long long value, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*llo", digits, value);
    return std::string(buf);
  };
  put(0, 100, name);
  put(100, 8, octal(0644, 7));
  put(108, 8, octal(0, 7));
  put(116, 8, octal(0, 7));
  put(124, 12, octal(size, 11));
  put(136, 12, octal(static_cast<unsigned long long>(mtime), 11));
  put(148, 8, std::string(8, ' '));
  h[156] = '0';
  put(257, 6, std::string("ustar\0", 6));
  put(263, 2, "00");
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  put(148, 8, octal(sum, 6) + std::string("\0 ", 2));
  return h;
}

}  // namespace

std::string tar_gz(const ArchiveFiles& files, long long mtime) {
  std::string tar;
  for (const auto& [name, contents] : files) {
    tar += header(name.substr(0, 100), contents.size(), mtime);
    tar += contents;
    tar.append((block - contents.size() % block) % block, '\0');
  }
  tar.append(2 * block, '\0');  // the end of the archive

  z_stream z{};
  // 15 window bits + 16: a gzip wrapper rather than zlib's.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&z, tar.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(tar.data());
  z.avail_in = static_cast<uInt>(tar.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : "";
}

}  // namespace kiosk
