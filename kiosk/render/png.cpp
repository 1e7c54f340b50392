#include "png.hpp"

#include <zlib.h>

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
  const uLong crc = crc32(0, out.data() + start, static_cast<uInt>(out.size() - start));
  put_u32(out, static_cast<std::uint32_t>(crc));
}

// One row with its filter byte: "up" (all zeros) when it repeats the row above, else "sub".
void filter_row(const std::uint8_t* row, const std::uint8_t* above, int width, int in_channels, int out_channels,
                std::vector<std::uint8_t>& out) {
  const std::size_t bytes = static_cast<std::size_t>(width) * out_channels;
  out.assign(bytes + 1, 0);
  bool same = above != nullptr;
  for (int x = 0; x < width && same; ++x)
    same = std::memcmp(row + x * in_channels, above + x * in_channels, static_cast<std::size_t>(out_channels)) == 0;
  if (same) {
    out[0] = 2;
    return;
  }
  out[0] = 1;
  std::uint8_t* o = out.data() + 1;
  for (int c = 0; c < out_channels; ++c) o[c] = row[c];
  for (int x = 1; x < width; ++x)
    for (int c = 0; c < out_channels; ++c)
      o[x * out_channels + c] =
          static_cast<std::uint8_t>(row[x * in_channels + c] - row[(x - 1) * in_channels + c]);
}

}  // namespace

bool write_png(const std::string& path, const PngPixels& image, std::string* error) {
  const int out_channels = image.channels == 1 ? 1 : 3;
  if (!image.data || image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.channels == 2) {
    if (error) *error = "cannot write " + path + ": empty image";
    return false;
  }
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    if (error) *error = "cannot write " + path + ": zlib";
    return false;
  }
  std::vector<std::uint8_t> compressed, row;
  std::uint8_t buffer[1 << 16];
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* line = image.data + static_cast<std::size_t>(y) * image.stride;
    filter_row(line, y > 0 ? line - image.stride : nullptr, image.width, image.channels, out_channels, row);
    z.next_in = row.data();
    z.avail_in = static_cast<uInt>(row.size());
    const int flush = y + 1 == image.height ? Z_FINISH : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      rc = deflate(&z, flush);
      compressed.insert(compressed.end(), buffer, buffer + (sizeof buffer - z.avail_out));
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  deflateEnd(&z);

  std::vector<std::uint8_t> file = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> header;
  put_u32(header, static_cast<std::uint32_t>(image.width));
  put_u32(header, static_cast<std::uint32_t>(image.height));
  header.insert(header.end(), {8, static_cast<std::uint8_t>(out_channels == 1 ? 0 : 2), 0, 0, 0});
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
  std::vector<std::uint8_t> grey(r.dots.size());
  for (std::size_t i = 0; i < r.dots.size(); ++i) grey[i] = r.dots[i] ? 0 : 255;
  return write_png(path, PngPixels{grey.data(), r.width, r.height, 1, static_cast<std::size_t>(r.width)}, error);
}

}  // namespace kiosk
