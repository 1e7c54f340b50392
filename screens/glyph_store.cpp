#include "glyph_store.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

namespace kiosk::ui {

namespace {

constexpr char magic[8] = {'K', 'G', 'L', 'Y', 'P', 'H', 'S', '2'};
// Bounds on what a file may claim, so that a damaged one cannot make us allocate without end.
constexpr std::size_t max_file = 16u << 20;
constexpr std::uint32_t max_images = 50000;
constexpr int max_side = 1024;
constexpr std::uint32_t max_lines = 20000;
constexpr std::uint16_t max_line_bytes = 4096, max_line_glyphs = 4096;

std::uint64_t fnv1a(const std::string& bytes, std::size_t n) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  return h;
}

class Writer {
 public:
  template <typename T>
  void put(T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void bytes(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
  std::string out;
};

class Reader {
 public:
  explicit Reader(const std::string& in, std::size_t end) : in_(in), end_(end) {}
  template <typename T>
  bool get(T* v) {
    if (end_ - pos_ < sizeof(T)) return false;
    std::memcpy(v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool bytes(std::size_t n, const char** p) {
    if (end_ - pos_ < n) return false;
    *p = in_.data() + pos_;
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == end_; }

 private:
  const std::string& in_;
  std::size_t end_;
  std::size_t pos_ = 0;
};

bool read_image(Reader& r, GlyphStore::Image* img) {
  std::uint32_t id = 0;
  std::uint8_t bold = 0, missing = 0;
  std::int16_t left = 0, top = 0;
  std::uint16_t w = 0, h = 0;
  if (!r.get(&img->px) || !r.get(&bold) || !r.get(&id) || !r.get(&img->advance) || !r.get(&left) || !r.get(&top) ||
      !r.get(&w) || !r.get(&h) || !r.get(&missing))
    return false;
  if (bold > 1 || missing > 1 || w > max_side || h > max_side || !(img->px > 0 && img->px < 1000) || (id >> 24) > 2)
    return false;
  const char* pixels = nullptr;
  if (!r.bytes(static_cast<std::size_t>(w) * h, &pixels)) return false;
  img->bold = bold;
  img->missing = missing;
  img->id = id;
  img->left = left;
  img->top = top;
  img->w = w;
  img->h = h;
  img->pixels.assign(pixels, pixels + static_cast<std::size_t>(w) * h);
  return true;
}

bool read_line(Reader& r, std::pair<std::string, ShapedLine>* line) {
  std::uint16_t key_len = 0, count = 0;
  const char* key = nullptr;
  if (!r.get(&key_len) || key_len > max_line_bytes || !r.bytes(key_len, &key) || !r.get(&count) || count > max_line_glyphs)
    return false;
  line->first.assign(key, key_len);
  line->second.resize(count);
  for (ShapedGlyph& g : line->second) {
    std::uint32_t cp = 0;
    if (!r.get(&g.id) || !r.get(&g.x_offset) || !r.get(&g.y_offset) || !r.get(&g.advance) || !r.get(&cp)) return false;
    if ((g.id >> 24) > 2 || cp > 0x10FFFF) return false;
    g.cp = static_cast<char32_t>(cp);
  }
  return true;
}

}  // namespace

std::uint64_t GlyphStore::key(float px, bool bold, std::uint32_t id) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &px, sizeof bits);
  return (static_cast<std::uint64_t>(bits) << 32) ^ (static_cast<std::uint64_t>(id) << 1) ^ (bold ? 1u : 0u);
}

GlyphStore GlyphStore::load(const std::string& path, const std::string& made_from, std::string* note) {
  GlyphStore store;
  note->clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) return store;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > max_file) return *note = "larger than it can be", store;
  in.seekg(0);
  std::string file(static_cast<std::size_t>(size), '\0');
  in.read(file.data(), size);
  file.resize(static_cast<std::size_t>(in.gcount()));
  if (file.size() < sizeof magic + 12) return *note = "short", store;
  const std::size_t body = file.size() - sizeof(std::uint64_t);
  std::uint64_t sum = 0;
  std::memcpy(&sum, file.data() + body, sizeof sum);
  if (std::memcmp(file.data(), magic, sizeof magic) != 0) return *note = "not a glyph store of this version", store;
  if (sum != fnv1a(file, body)) return *note = "damaged (checksum)", store;
  Reader r(file, body);
  const char* skip = nullptr;
  std::uint32_t made_len = 0, count = 0;
  const char* made = nullptr;
  if (!r.bytes(sizeof magic, &skip) || !r.get(&made_len) || !r.bytes(made_len, &made)) return *note = "damaged", store;
  if (std::string(made, made_len) != made_from) return *note = "made from other fonts or another FreeType", store;
  if (!r.get(&count) || count > max_images) return *note = "damaged", store;
  std::vector<Image> images(count);
  for (Image& img : images)
    if (!read_image(r, &img)) return *note = "damaged", store;
  std::uint32_t line_count = 0;
  if (!r.get(&line_count) || line_count > max_lines) return *note = "damaged", store;
  Shaper::Lines lines(line_count);
  for (auto& line : lines)
    if (!read_line(r, &line)) return *note = "damaged", store;
  std::uint32_t scale_count = 0;
  if (!r.get(&scale_count) || scale_count > max_images) return *note = "damaged", store;
  std::vector<Scale> scales(scale_count);
  for (Scale& sc : scales) {
    std::uint8_t bold = 0;
    if (!r.get(&sc.px) || !r.get(&bold) || !r.get(&sc.slot) || !r.get(&sc.scale)) return *note = "damaged", store;
    if (bold > 1 || sc.slot > 2 || !(sc.scale > 0 && sc.scale < 1)) return *note = "damaged", store;
    sc.bold = bold;
  }
  if (!r.done()) return *note = "damaged", store;
  store.scales_ = std::move(scales);
  store.images_ = std::move(images);
  store.lines_ = std::move(lines);
  for (std::size_t i = 0; i < store.images_.size(); ++i) {
    const Image& img = store.images_[i];
    store.index_.emplace(key(img.px, img.bold, img.id), i);
  }
  return store;
}

bool GlyphStore::save(const std::string& path, const std::string& made_from, const std::vector<Image>& images,
                      const Shaper::Lines& lines, const std::vector<Scale>& scales) {
  Writer w;
  w.bytes(magic, sizeof magic);
  w.put(static_cast<std::uint32_t>(made_from.size()));
  w.bytes(made_from.data(), made_from.size());
  w.put(static_cast<std::uint32_t>(images.size()));
  for (const Image& img : images) {
    w.put(img.px);
    w.put(static_cast<std::uint8_t>(img.bold));
    w.put(img.id);
    w.put(img.advance);
    w.put(static_cast<std::int16_t>(img.left));
    w.put(static_cast<std::int16_t>(img.top));
    w.put(static_cast<std::uint16_t>(img.w));
    w.put(static_cast<std::uint16_t>(img.h));
    w.put(static_cast<std::uint8_t>(img.missing));
    w.bytes(img.pixels.data(), img.pixels.size());
  }
  std::uint32_t kept = 0;
  const std::size_t count_at = w.out.size();
  w.put(kept);
  for (const auto& [key, glyphs] : lines) {
    // A line too long to keep is shaped again when it comes.
    if (key.size() > max_line_bytes || glyphs.size() > max_line_glyphs || kept == max_lines) continue;
    w.put(static_cast<std::uint16_t>(key.size()));
    w.bytes(key.data(), key.size());
    w.put(static_cast<std::uint16_t>(glyphs.size()));
    for (const ShapedGlyph& g : glyphs) {
      w.put(g.id);
      w.put(g.x_offset);
      w.put(g.y_offset);
      w.put(g.advance);
      w.put(static_cast<std::uint32_t>(g.cp));
    }
    ++kept;
  }
  std::memcpy(w.out.data() + count_at, &kept, sizeof kept);
  w.put(static_cast<std::uint32_t>(scales.size()));
  for (const Scale& sc : scales) {
    w.put(sc.px);
    w.put(static_cast<std::uint8_t>(sc.bold));
    w.put(sc.slot);
    w.put(sc.scale);
  }
  w.put(fnv1a(w.out, w.out.size()));
  if (w.out.size() > max_file) return false;
  // Its own name aside: kiosks started together on one machine share the cache folder.
  const std::string aside = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(aside, std::ios::binary | std::ios::trunc);
    out.write(w.out.data(), static_cast<std::streamsize>(w.out.size()));
    if (!out.flush()) {
      std::remove(aside.c_str());
      return false;
    }
  }
  if (std::rename(aside.c_str(), path.c_str()) == 0) return true;
  std::remove(aside.c_str());
  return false;
}

const GlyphStore::Image* GlyphStore::find(float px, bool bold, std::uint32_t id) const {
  auto it = index_.find(key(px, bold, id));
  if (it == index_.end()) return nullptr;
  const Image& img = images_[it->second];
  return img.px == px && img.bold == bold && img.id == id ? &img : nullptr;
}

}  // namespace kiosk::ui
