#include "brand_logos.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

namespace kiosk::ui {

namespace {

// One logo file, or the reason it cannot be used.
std::optional<RgbaImage> read_logo(const std::string& path, std::string* problem) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *problem = "not a regular file";
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (ec || size == 0 || size > static_cast<std::uintmax_t>(BrandLogos::max_file_bytes)) {
    *problem = ec ? ec.message() : size == 0 ? "empty" : "larger than 2 MiB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static constexpr unsigned char png_signature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (bytes.size() != size || !std::equal(std::begin(png_signature), std::end(png_signature), bytes.begin())) {
    *problem = bytes.size() != size ? "could not be read whole" : "not a PNG file";
    return std::nullopt;
  }
  const int length = static_cast<int>(bytes.size());
  int w = 0, h = 0, channels = 0;
  // The size first: a damaged header must not make us allocate gigabytes.
  if (!stbi_info_from_memory(bytes.data(), length, &w, &h, &channels) || w <= 0 || h <= 0 ||
      w > BrandLogos::max_side || h > BrandLogos::max_side) {
    *problem = w > BrandLogos::max_side || h > BrandLogos::max_side ? "larger than 4096 px on a side"
                                                                    : "damaged PNG header";
    return std::nullopt;
  }
  std::unique_ptr<unsigned char, void (*)(void*)> data(stbi_load_from_memory(bytes.data(), length, &w, &h, &channels, 4),
                                                      stbi_image_free);
  if (!data) {
    *problem = std::string("damaged PNG: ") + stbi_failure_reason();
    return std::nullopt;
  }
  // Fit within the largest size it is drawn at, once, with a proper filter (the renderer's
  // bilinear sampling is for small changes of size).
  const double scale = std::min({1.0, static_cast<double>(BrandLogos::max_width) / w,
                                 static_cast<double>(BrandLogos::max_height) / h});
  RgbaImage out;
  out.width = std::max(1, static_cast<int>(w * scale + 0.5));
  out.height = std::max(1, static_cast<int>(h * scale + 0.5));
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  if (out.width == w && out.height == h) {
    std::memcpy(out.pixels.data(), data.get(), out.pixels.size() * 4);
  } else if (!stbir_resize_uint8_srgb(data.get(), w, h, 0, reinterpret_cast<unsigned char*>(out.pixels.data()),
                                      out.width, out.height, 0, 4, 3, 0)) {
    *problem = "could not be scaled";
    return std::nullopt;
  }
  return out;
}

}  // namespace

BrandLogos BrandLogos::load(const std::string& dir, std::vector<std::string>* problems) {
  namespace fs = std::filesystem;
  BrandLogos out;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".png") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  if (files.size() > static_cast<std::size_t>(max_files)) {
    if (problems)
      problems->push_back(dir + ": " + std::to_string(files.size()) + " PNG files; only the first " +
                          std::to_string(max_files) + " by name are read");
    files.resize(static_cast<std::size_t>(max_files));
  }
  for (const fs::path& path : files) {
    std::string problem;
    if (auto image = read_logo(path.string(), &problem)) out.images_.emplace(path.filename().string(), std::move(*image));
    else if (problems) problems->push_back(path.string() + ": " + problem + "; the name is shown instead");
  }
  return out;
}

const RgbaImage* BrandLogos::get(const std::string& file_name) const {
  const auto it = images_.find(file_name);
  return it == images_.end() ? nullptr : &it->second;
}

}  // namespace kiosk::ui
