#include "glyph_cache.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

#include "fonts/face_set.hpp"
#include "fonts/font_location_cache.hpp"
#include "glyph_store.hpp"

namespace kiosk::ui {

namespace {

constexpr int page_size = 1024;
constexpr int padding = 1;  // between images, so no filter ever reads a neighbour

// Slots in ShapedGlyph::id order (FaceSlot).
enum Slot { latin, cjk, arabic, face_slots };

// A face, opened when first needed (Chinese and Arabic only for text in them), and what Dear
// ImGui's sizing needs of it.
struct Face {
  FaceSet::Role role = FaceSet::latin;
  bool tried = false;
  FaceSize size;           // the cache's own size of the shared face
  FT_Face ft = nullptr;    // set once opened
  float height_units = 1;  // hhea ascender minus descender
  float ascent_units = 0;
  long em_26_6 = 0;        // the size it is set to now, to skip redundant FT_Set_Char_Size
};

bool open(FaceSet& set, Face* out) {
  if (out->ft) return true;
  if (out->tried) return false;
  out->tried = true;
  FT_Face shared = set.get(out->role);
  if (!shared) return false;
  out->size = FaceSize(shared);
  if (!out->size.activate()) return false;
  out->ft = shared;
  const auto* hhea = static_cast<const TT_HoriHeader*>(FT_Get_Sfnt_Table(out->ft, FT_SFNT_HHEA));
  const float asc = hhea ? hhea->Ascender : out->ft->ascender;
  const float desc = hhea ? hhea->Descender : out->ft->descender;
  out->ascent_units = asc;
  out->height_units = asc - desc > 0 ? asc - desc : static_cast<float>(out->ft->units_per_EM);
  return true;
}

// A shelf of one page: images of about its height, side by side.
struct Shelf {
  int page, y, height, x;
};

}  // namespace

struct GlyphCache::Impl {
  std::shared_ptr<FaceSet> set;  // first: it outlives the sizes below
  // [weight][slot]; a missing bold face falls back to the regular one.
  Face faces[2][face_slots];

  struct Style {
    float px;
    bool bold;
    int baseline;
    std::array<int, 256> first;                  // index into glyphs by small id, -1 not made yet
    std::unordered_map<std::uint32_t, int> others;
    std::array<float, face_slots> scale;         // units_scale by slot, 0 not known yet
  };
  std::vector<Style> styles;
  std::deque<Glyph> glyphs;
  std::vector<std::pair<int, std::uint32_t>> made_for;  // (style, glyph id) of each glyph, in order
  GlyphStore store;
  std::string store_path, made_from, store_note;
  std::set<std::string> saved_lines;  // keys of the shaped lines the store file has
  int from_store = 0, rasterised = 0, rasterised_since_save = 0;
  std::vector<std::unique_ptr<AlphaTexture>> pages;
  std::vector<Shelf> shelves;
  int page_bottom = page_size;  // first free row of the newest page

  // The face of a weight and script, opened on first use; the regular weight stands in for a
  // missing bold one. Null if neither opens.
  Face* face(bool bold, int slot) {
    if (bold && open(*set, &faces[1][slot])) return &faces[1][slot];
    return open(*set, &faces[0][slot]) ? &faces[0][slot] : nullptr;
  }

  // Font units to pixels: Dear ImGui's convention (ascender-to-descender height is px) for
  // Latin and Chinese, the Latin scale for Arabic so that both scripts look one size.
  float units_scale(const Style& st, int slot) {
    const Face& latin_face = *face(st.bold, latin);
    const float latin_scale = st.px / latin_face.height_units;
    if (slot == latin) return latin_scale;
    const Face& f = *face(st.bold, slot);
    if (slot == cjk) return st.px / f.height_units;
    return latin_scale * static_cast<float>(latin_face.ft->units_per_EM) / static_cast<float>(f.ft->units_per_EM);
  }

  bool place(int w, int h, int* page, int* u, int* v) {
    for (Shelf& s : shelves) {
      // A shelf takes images a little shorter than itself: few shelves, little waste.
      if (h <= s.height && h + 8 >= s.height && s.x + w <= page_size) {
        *page = s.page;
        *u = s.x;
        *v = s.y;
        s.x += w + padding;
        return true;
      }
    }
    if (w > page_size || h > page_size) return false;
    if (page_bottom + h > page_size) {
      pages.push_back(std::make_unique<AlphaTexture>(page_size, page_size));
      page_bottom = 0;
      // Shelves of a full page stay usable for small images.
    }
    shelves.push_back({static_cast<int>(pages.size()) - 1, page_bottom, h, w + padding});
    page_bottom += h + padding;
    *page = shelves.back().page;
    *u = 0;
    *v = shelves.back().y;
    return true;
  }

  Glyph make(const Style& st, std::uint32_t id) {
    Glyph g;
    const int slot = static_cast<int>(id >> 24);
    FT_UInt index = id & 0xFFFFFF;
    const Face* known = slot < face_slots ? face(st.bold, slot) : nullptr;
    if (!known || index >= static_cast<FT_UInt>(known->ft->num_glyphs)) index = 0;
    if (index == 0) {
      g.missing = true;
      return g;
    }
    Face& f = *face(st.bold, slot);
    const float scale = units_scale(st, slot);
    FT_Fixed advance = 0;
    if (FT_Get_Advance(f.ft, index, FT_LOAD_NO_SCALE, &advance) == 0) g.advance = static_cast<float>(advance) * scale;
    const long em = std::lround(scale * static_cast<float>(f.ft->units_per_EM) * 64.0f);
    f.size.activate();  // the painter may have made its own size the face's current one
    if (em != f.em_26_6) {
      FT_Set_Char_Size(f.ft, 0, em, 72, 72);
      f.em_26_6 = em;
    }
    // Unhinted, as Dear ImGui's rasteriser drew them: the same shapes at the same sizes.
    if (FT_Load_Glyph(f.ft, index, FT_LOAD_NO_HINTING | FT_LOAD_RENDER) != 0) {
      g.missing = true;
      return g;
    }
    const FT_Bitmap& bm = f.ft->glyph->bitmap;
    g.left = f.ft->glyph->bitmap_left;
    g.top = f.ft->glyph->bitmap_top;
    if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) put_image(&g, static_cast<int>(bm.width), static_cast<int>(bm.rows), bm.buffer, bm.pitch);
    return g;
  }

  // Copies a coverage image into a page; a glyph without one (a space) draws nothing.
  void put_image(Glyph* g, int w, int h, const unsigned char* pixels, int pitch) {
    int page = 0;
    if (w == 0 || h == 0 || !place(w, h, &page, &g->u, &g->v)) return;
    AlphaTexture& tex = *pages[static_cast<std::size_t>(page)];
    for (int row = 0; row < h; ++row) {
      const unsigned char* src = pixels + static_cast<std::ptrdiff_t>(row) * pitch;
      std::copy(src, src + w, tex.row(g->v + row) + g->u);
    }
    g->page = &tex;
    g->w = w;
    g->h = h;
  }

  // From the glyph store if it holds the glyph, else made with FreeType.
  Glyph load_or_make(const Style& st, std::uint32_t id) {
    if (const GlyphStore::Image* img = store.find(st.px, st.bold, id)) {
      ++from_store;
      Glyph g;
      g.advance = img->advance;
      g.left = img->left;
      g.top = img->top;
      g.missing = img->missing;
      put_image(&g, img->w, img->h, img->pixels.data(), img->w);
      return g;
    }
    ++rasterised;
    ++rasterised_since_save;
    return make(st, id);
  }
};

GlyphCache::GlyphCache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GlyphCache::~GlyphCache() = default;

std::unique_ptr<GlyphCache> GlyphCache::create(const FontSet& files, std::string* error, const std::string& store_path) {
  auto set = FaceSet::create(files, error);
  return set ? create(std::move(set), error, store_path) : nullptr;
}

std::unique_ptr<GlyphCache> GlyphCache::create(std::shared_ptr<FaceSet> set, std::string* error, const std::string& store_path) {
  auto impl = std::make_unique<Impl>();
  impl->set = std::move(set);
  Face(&f)[2][face_slots] = impl->faces;
  for (int weight = 0; weight < 2; ++weight)
    for (int slot = 0; slot < face_slots; ++slot) f[weight][slot].role = static_cast<FaceSet::Role>(slot * 2 + weight);
  const FontSet& files = impl->set->files();
  // Chinese and Arabic open when text in them first comes; they must be there all the same.
  if (!open(*impl->set, &f[0][latin]) || !open(*impl->set, &f[1][latin]) || !files.cjk.found() || !files.arabic.found()) {
    if (error) *error = "Noto Sans, Noto Sans CJK or Noto Sans Arabic not found: install fonts-noto-core and fonts-noto-cjk";
    return nullptr;
  }
  if (!store_path.empty()) {
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(impl->set->library(), &major, &minor, &patch);
    // Everything the images depend on: a change to how make() draws bumps the first line.
    impl->made_from = "glyphs 2: shaped glyph ids, unhinted 8-bit coverage, Dear ImGui sizing\nFreeType " + std::to_string(major) + "." +
                      std::to_string(minor) + "." + std::to_string(patch) + "\n" + Shaper::engine() + "\n" +
                      font_files_stamp(files);
    impl->store_path = store_path;
    impl->store = GlyphStore::load(store_path, impl->made_from, &impl->store_note);
    for (const auto& line : impl->store.lines()) impl->saved_lines.insert(line.first);
  }
  return std::unique_ptr<GlyphCache>(new GlyphCache(std::move(impl)));
}

int GlyphCache::style(float px, bool bold) {
  for (std::size_t i = 0; i < impl_->styles.size(); ++i)
    if (impl_->styles[i].px == px && impl_->styles[i].bold == bold) return static_cast<int>(i);
  Impl::Style st;
  st.px = px;
  st.bold = bold;
  const Face& latin_face = *impl_->face(bold, latin);
  // Dear ImGui's ascent: the scaled ascender, plus one, floored.
  st.baseline = static_cast<int>(std::floor(latin_face.ascent_units * px / latin_face.height_units + 1));
  st.first.fill(-1);
  st.scale.fill(0);
  impl_->styles.push_back(std::move(st));
  return static_cast<int>(impl_->styles.size()) - 1;
}

const GlyphCache::Glyph& GlyphCache::glyph(int style, std::uint32_t id) {
  Impl::Style& st = impl_->styles[static_cast<std::size_t>(style)];
  int* slot = nullptr;
  if (id < st.first.size()) {  // the Latin face's first glyphs: most of every text
    slot = &st.first[id];
  } else {
    auto [it, added] = st.others.try_emplace(id, -1);
    slot = &it->second;
  }
  if (*slot < 0) {
    impl_->glyphs.push_back(impl_->load_or_make(st, id));
    impl_->made_for.emplace_back(style, id);
    *slot = static_cast<int>(impl_->glyphs.size()) - 1;
  }
  return impl_->glyphs[static_cast<std::size_t>(*slot)];
}

bool GlyphCache::bold(int style) const { return impl_->styles[static_cast<std::size_t>(style)].bold; }

float GlyphCache::units_scale(int style, kiosk::FaceSlot slot) {
  Impl::Style& st = impl_->styles[static_cast<std::size_t>(style)];
  float& scale = st.scale[static_cast<std::size_t>(slot)];
  if (scale != 0) return scale;
  // From the store, else from the face's metrics (opening it: 13 ms for the CJK collection).
  for (const GlyphStore::Scale& kept : impl_->store.scales())
    if (kept.px == st.px && kept.bold == st.bold && kept.slot == static_cast<std::uint8_t>(slot)) return scale = kept.scale;
  // A face that will not open has no glyphs to place either: the Latin scale keeps the
  // (missing, invisible) glyphs' pen moving sensibly.
  scale = impl_->face(st.bold, static_cast<int>(slot)) ? impl_->units_scale(st, static_cast<int>(slot)) : impl_->units_scale(st, latin);
  return scale;
}

int GlyphCache::baseline(int style) const { return impl_->styles[static_cast<std::size_t>(style)].baseline; }

float GlyphCache::measure(int style, const ShapedLine& line) {
  float w = 0;
  for (const ShapedGlyph& g : line) w += static_cast<float>(g.advance) * units_scale(style, g.slot());
  return w;
}

bool GlyphCache::save_store(const Shaper::Lines& lines) {
  if (impl_->store_path.empty()) return false;
  // Lines of this run, then the store's that this run did not shape (another configuration's).
  std::set<std::string> line_keys;
  bool new_lines = false;
  for (const auto& line : lines) {
    line_keys.insert(line.first);
    new_lines |= !impl_->saved_lines.count(line.first);
  }
  if (impl_->rasterised_since_save == 0 && !new_lines) return false;
  Shaper::Lines all_lines = lines;
  for (const auto& line : impl_->store.lines())
    if (!line_keys.count(line.first)) all_lines.push_back(line);
  std::vector<GlyphStore::Image> images;
  images.reserve(impl_->glyphs.size());
  for (std::size_t i = 0; i < impl_->glyphs.size(); ++i) {
    const Glyph& g = impl_->glyphs[i];
    const Impl::Style& st = impl_->styles[static_cast<std::size_t>(impl_->made_for[i].first)];
    GlyphStore::Image img;
    img.px = st.px;
    img.bold = st.bold;
    img.id = impl_->made_for[i].second;
    img.advance = g.advance;
    img.left = g.left;
    img.top = g.top;
    img.missing = g.missing;
    if (g.page) {
      img.w = g.w;
      img.h = g.h;
      for (int row = 0; row < g.h; ++row) img.pixels.insert(img.pixels.end(), g.page->row(g.v + row) + g.u, g.page->row(g.v + row) + g.u + g.w);
    }
    images.push_back(std::move(img));
  }
  impl_->rasterised_since_save = 0;
  // The store is shared by every kiosk configuration on the machine (it lives in the cache
  // folder): what the file held and this run did not need stays, so that two configurations
  // do not take turns replacing each other's glyphs.
  const std::size_t made = images.size();
  std::set<std::tuple<float, bool, std::uint32_t>> have;
  for (const GlyphStore::Image& img : images) have.emplace(img.px, img.bold, img.id);
  for (const GlyphStore::Image& img : impl_->store.images())
    if (!have.count({img.px, img.bold, img.id})) images.push_back(img);
  std::vector<GlyphStore::Scale> scales;
  for (const Impl::Style& st : impl_->styles)
    for (std::size_t slot = 0; slot < st.scale.size(); ++slot)
      if (st.scale[slot] > 0) scales.push_back({st.px, st.bold, static_cast<std::uint8_t>(slot), st.scale[slot]});
  for (const GlyphStore::Scale& kept : impl_->store.scales()) {
    const bool known = std::any_of(scales.begin(), scales.end(), [&](const GlyphStore::Scale& sc) {
      return sc.px == kept.px && sc.bold == kept.bold && sc.slot == kept.slot;
    });
    if (!known) scales.push_back(kept);
  }
  // Too much together: this run's glyphs and lines alone.
  if (GlyphStore::save(impl_->store_path, impl_->made_from, images, all_lines, scales) ||
      (images.resize(made), GlyphStore::save(impl_->store_path, impl_->made_from, images, lines, scales))) {
    impl_->saved_lines.insert(line_keys.begin(), line_keys.end());
    return true;
  }
  return false;
}

const std::string& GlyphCache::store_note() const { return impl_->store_note; }

const Shaper::Lines& GlyphCache::stored_lines() const { return impl_->store.lines(); }

GlyphCache::Stats GlyphCache::stats() const {
  Stats s;
  s.from_store = impl_->from_store;
  s.rasterised = impl_->rasterised;
  s.pages = static_cast<int>(impl_->pages.size());
  s.glyphs = static_cast<int>(impl_->glyphs.size());
  s.texture_bytes = static_cast<long long>(s.pages) * page_size * page_size;
  return s;
}

}  // namespace kiosk::ui
