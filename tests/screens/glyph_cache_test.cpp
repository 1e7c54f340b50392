#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/utf8.hpp"
#include "fonts/face_set.hpp"
#include "glyph_cache.hpp"
#include "glyph_store.hpp"
#include "text/shaper.hpp"
#include "../test_shaper.hpp"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

GlyphCache& cache() {
  static std::unique_ptr<GlyphCache> made = [] {
    std::string error;
    auto c = GlyphCache::create(find_fonts(), &error);
    INFO(error);
    REQUIRE(c);
    return c;
  }();
  return *made;
}

using test::shaper;

// The glyph of a single character, as the screens would ask for it.
std::uint32_t id(const char* character, bool bold = false) {
  const ShapedLine& line = shaper().shape(character, bold);
  REQUIRE(line.size() == 1);
  return line[0].id;
}

bool has_ink(const GlyphCache::Glyph& g) {
  if (!g.page) return false;
  for (int y = 0; y < g.h; ++y)
    for (int x = 0; x < g.w; ++x)
      if (g.page->at(g.u + x, g.v + y) > 128) return true;
  return false;
}

}  // namespace

TEST_CASE("A glyph is made once, when first asked for, and kept") {
  GlyphCache& c = cache();
  const int style = c.style(46, false);
  CHECK(c.style(46, false) == style);
  const int before = c.stats().glyphs;
  const GlyphCache::Glyph& a = c.glyph(style, id("A"));
  CHECK(c.stats().glyphs == before + 1);
  CHECK(&c.glyph(style, id("A")) == &a);
  CHECK(c.stats().glyphs == before + 1);
  CHECK_FALSE(a.missing);
  CHECK(has_ink(a));
  CHECK(a.advance > 20);
  CHECK(a.top > 20);  // a capital stands well above the baseline
  CHECK(c.measure(style, shaper().shape("AA")) == Approx(2 * a.advance));
  const GlyphCache::Glyph& space = c.glyph(style, id(" "));
  CHECK_FALSE(space.missing);
  CHECK(space.page == nullptr);
  CHECK(space.advance > 5);
}

TEST_CASE("Chinese and shaped Arabic come from their own faces on the Latin baseline") {
  GlyphCache& c = cache();
  const int regular = c.style(50, false), bold = c.style(50, true);
  const ShapedGlyph han_glyph = shaper().shape("中")[0];
  CHECK(han_glyph.slot() == FaceSlot::cjk);
  const GlyphCache::Glyph& han = c.glyph(regular, han_glyph.id);
  CHECK_FALSE(han.missing);
  CHECK(has_ink(han));
  CHECK(han.advance == Approx(50 * 1000.0 / 1448).margin(3));  // one em of Noto Sans CJK at this scale
  CHECK(han_glyph.advance * c.units_scale(regular, FaceSlot::cjk) == Approx(han.advance));
  // A shaped Arabic glyph: a glyph index of the Arabic face.
  const ShapedGlyph arabic_glyph = shaper().shape("سلام")[0];
  REQUIRE(arabic_glyph.slot() == FaceSlot::arabic);
  const std::uint32_t shaped = arabic_glyph.id;
  const GlyphCache::Glyph& arabic = c.glyph(regular, shaped);
  CHECK_FALSE(arabic.missing);
  CHECK(has_ink(arabic));
  CHECK(has_ink(c.glyph(bold, shaped)));
  CHECK(c.baseline(regular) == c.baseline(bold));
}

TEST_CASE("A character no font has is reported missing and draws nothing") {
  GlyphCache& c = cache();
  const int style = c.style(40, false);
  // The shaper's glyph 0 for a character no face has, an index past the face's end, a face
  // that does not exist.
  for (std::uint32_t missing : {id("\u0378"), ShapedGlyph::make_id(FaceSlot::arabic, 0xFFFFFF), std::uint32_t{7} << 24 | 5}) {
    const GlyphCache::Glyph& g = c.glyph(style, missing);
    CHECK(g.missing);
    CHECK(g.page == nullptr);
    CHECK(g.advance == 0);
  }
}

TEST_CASE("Glyph images never overlap, across as many pages as they need") {
  GlyphCache& c = cache();
  const int style = c.style(88, true);
  // Enough large ideographs to fill more than one page.
  std::map<const AlphaTexture*, std::vector<const GlyphCache::Glyph*>> by_page;
  std::string ideographs;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 300; ++cp) utf8_append(ideographs, cp);
  for (const ShapedGlyph& shaped : shaper().shape(ideographs, true)) {
    const GlyphCache::Glyph& g = c.glyph(style, shaped.id);
    if (g.page) by_page[g.page].push_back(&g);
  }
  CHECK(by_page.size() >= 2);
  for (const auto& [page, glyphs] : by_page)
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
      const GlyphCache::Glyph& a = *glyphs[i];
      REQUIRE(a.u + a.w <= page->width());
      REQUIRE(a.v + a.h <= page->height());
      for (std::size_t j = i + 1; j < glyphs.size(); ++j) {
        const GlyphCache::Glyph& b = *glyphs[j];
        const bool apart = a.u + a.w <= b.u || b.u + b.w <= a.u || a.v + a.h <= b.v || b.v + b.h <= a.v;
        REQUIRE(apart);
      }
    }
  CHECK(c.stats().texture_bytes == static_cast<long long>(c.stats().pages) * 1024 * 1024);
}

namespace {

struct Drawn {
  float advance;
  int left, top, w, h;
  bool missing;
  std::vector<std::uint8_t> pixels;
  bool operator==(const Drawn&) const = default;
};

Drawn drawn(const GlyphCache::Glyph& g) {
  Drawn d{g.advance, g.left, g.top, g.w, g.h, g.missing, {}};
  for (int y = 0; y < g.h; ++y)
    for (int x = 0; x < g.w; ++x) d.pixels.push_back(g.page->at(g.u + x, g.v + y));
  return d;
}

// A line of every script the screens show, in two styles: what the first screen might hold.
std::vector<Drawn> draw_sample(GlyphCache& c) {
  std::vector<Drawn> out;
  const std::string text = "Prepaid? Zurück, Înapoi, Україна 中文 العربية \U0001F600";
  for (const int style : {c.style(46, false), c.style(72, true)})
    for (const ShapedGlyph& g : shaper().shape(text, c.bold(style))) out.push_back(drawn(c.glyph(style, g.id)));
  return out;
}

std::string temp_store() {
  const auto dir = std::filesystem::temp_directory_path() / ("glyph-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / "glyphs.store").string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::unique_ptr<GlyphCache> with_store(const std::string& path) {
  std::string error;
  auto c = GlyphCache::create(find_fonts(), &error, path);
  INFO(error);
  REQUIRE(c);
  return c;
}

}  // namespace

TEST_CASE("Glyphs kept in the store come back exactly as FreeType made them, without FreeType") {
  const std::string path = temp_store();
  std::filesystem::remove(path);
  auto first = with_store(path);
  CHECK(first->store_note().empty());  // no file yet: nothing to report
  const std::vector<Drawn> made = draw_sample(*first);
  CHECK(first->stats().from_store == 0);
  CHECK(first->stats().rasterised == first->stats().glyphs);
  REQUIRE(first->save_store());
  CHECK_FALSE(first->save_store());  // nothing new since

  auto second = with_store(path);
  CHECK(second->store_note().empty());
  CHECK(draw_sample(*second) == made);
  CHECK(second->stats().rasterised == 0);
  CHECK(second->stats().from_store == second->stats().glyphs);
  CHECK_FALSE(second->save_store());
  // A glyph the store lacks is made as always, and the next save keeps it too.
  const GlyphCache::Glyph& z = second->glyph(second->style(46, false), id("Ž"));
  CHECK(has_ink(z));
  CHECK(second->stats().rasterised == 1);
  CHECK(second->save_store());
  auto third = with_store(path);
  CHECK(drawn(third->glyph(third->style(46, false), id("Ž"))) == drawn(z));
  CHECK(third->stats().rasterised == 0);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("Shaped lines kept in the store come back as they were shaped") {
  const std::string path = temp_store();
  std::filesystem::remove(path);
  std::string error;
  auto faces = FaceSet::create(find_fonts(), &error);
  REQUIRE(faces);
  auto first = Shaper::create(faces, &error);
  REQUIRE(first);
  const std::string words[] = {"Renew or top up", "جدّد أو اشحن", "预付费手机续费与充值"};
  for (const std::string& w : words) first->shape(w, true);
  auto maker = with_store(path);
  REQUIRE(maker->save_store(first->cached()));
  CHECK_FALSE(maker->save_store(first->cached()));  // nothing new since

  auto loaded = with_store(path);
  CHECK(loaded->store_note().empty());
  CHECK(loaded->stored_lines().size() == 3);
  auto second = Shaper::create(faces, &error);
  second->preload(loaded->stored_lines());
  CHECK(second->cached().size() == 3);
  for (const std::string& w : words) {
    const ShapedLine kept = second->shape(w, true);
    const ShapedLine& fresh = first->shape(w, true);
    REQUIRE(kept.size() == fresh.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      CHECK(kept[i].id == fresh[i].id);
      CHECK(kept[i].x_offset == fresh[i].x_offset);
      CHECK(kept[i].y_offset == fresh[i].y_offset);
      CHECK(kept[i].advance == fresh[i].advance);
      CHECK(kept[i].cp == fresh[i].cp);
    }
  }
  CHECK(second->cached().size() == 3);  // all three came from the store
  // A new line is worth a save, and the store keeps the old ones with it.
  second->shape("Zurück");
  CHECK(loaded->save_store(second->cached()));
  CHECK(with_store(path)->stored_lines().size() == 4);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("A glyph store shared by two configurations keeps the glyphs of both") {
  const std::string path = temp_store();
  std::filesystem::remove(path);
  auto latin = with_store(path);  // one kiosk's first screen
  const Drawn a = drawn(latin->glyph(latin->style(46, false), id("A")));
  REQUIRE(latin->save_store());
  auto chinese = with_store(path);  // another's, which needs none of the first one's glyphs
  const Drawn zh = drawn(chinese->glyph(chinese->style(72, true), id("中", true)));
  REQUIRE(chinese->stats().rasterised == 1);
  REQUIRE(chinese->save_store());
  auto both = with_store(path);
  CHECK(drawn(both->glyph(both->style(46, false), id("A"))) == a);
  CHECK(drawn(both->glyph(both->style(72, true), id("中", true))) == zh);
  CHECK(both->stats().rasterised == 0);
  CHECK(both->stats().from_store == 2);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("A glyph store that is damaged, short or made from other fonts is not used, and is replaced") {
  const std::string path = temp_store();
  std::filesystem::remove(path);
  auto maker = with_store(path);
  const std::vector<Drawn> made = draw_sample(*maker);
  REQUIRE(maker->save_store());
  const std::string good = slurp(path);

  const auto write = [&](const std::string& bytes) { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; };
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x10;
  // A whole store made from fonts that have changed since (one font file's recorded time).
  std::uint32_t made_len = 0;
  std::memcpy(&made_len, good.data() + 8, 4);
  const std::string made_from = good.substr(12, made_len);
  std::string changed = made_from;
  changed[changed.find("NotoSans-Regular.ttf") - 2] ^= 1;
  std::string note;
  REQUIRE(GlyphStore::save(path, changed, GlyphStore::load(path, made_from, &note).images()));
  const std::string other_fonts = slurp(path);
  const std::pair<std::string, const char*> cases[] = {
      {good.substr(0, good.size() / 3), "checksum"},
      {good.substr(0, 10), "short"},
      {flipped, "checksum"},
      {"not a store at all, but long enough to be read", "not a glyph store"},
      {other_fonts, "made from other fonts"},
  };
  for (const auto& [bytes, why] : cases) {
    INFO(why);
    write(bytes);
    auto c = with_store(path);
    CHECK(c->store_note().find(why) != std::string::npos);
    CHECK(draw_sample(*c) == made);
    CHECK(c->stats().from_store == 0);
    CHECK(c->save_store());
    CHECK(slurp(path) == good);
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}
