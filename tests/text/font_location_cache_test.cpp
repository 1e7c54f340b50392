#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "fonts/font_location_cache.hpp"

using namespace kiosk;

namespace {

bool same(const FontSet& a, const FontSet& b) {
  const auto eq = [](const FontFile& x, const FontFile& y) { return x.path == y.path && x.face_index == y.face_index; };
  return eq(a.latin, b.latin) && eq(a.latin_bold, b.latin_bold) && eq(a.cjk, b.cjk) && eq(a.cjk_bold, b.cjk_bold) &&
         eq(a.arabic, b.arabic) && eq(a.arabic_bold, b.arabic_bold);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary | std::ios::trunc) << text; }

// The cache file with the first line that starts with `prefix` changed by `edit`.
std::string edited(const std::string& text, const std::string& prefix, const std::string& replacement) {
  std::istringstream in(text);
  std::string out;
  bool done = false;
  for (std::string line; std::getline(in, line);) {
    if (!done && line.rfind(prefix, 0) == 0) {
      line = replacement;
      done = true;
    }
    out += line + "\n";
  }
  REQUIRE(done);
  return out;
}

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("font-cache-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("Font locations are remembered, and asked again when what they were made from changes") {
  TempDir dir;
  const std::string cache = (dir.path / "font-locations.cache").string();
  const FontSet truth = find_fonts();

  const FontLookup first = find_fonts_cached(cache);
  CHECK_FALSE(first.from_cache);
  CHECK(first.note.empty());  // a first run is not a problem worth a log line
  CHECK(same(first.fonts, truth));
  const std::string written = slurp(cache);
  REQUIRE(!written.empty());

  const FontLookup second = find_fonts_cached(cache);
  CHECK(second.from_cache);
  CHECK(same(second.fonts, truth));

  SECTION("a font file that changed") {
    const std::string line = "font latin " + std::to_string(truth.latin.face_index) + " 1:2.3 " + truth.latin.path;
    put(cache, edited(written, "font latin ", line));
    const FontLookup again = find_fonts_cached(cache);
    CHECK_FALSE(again.from_cache);
    CHECK(again.note.find("font file changed") != std::string::npos);
    CHECK(same(again.fonts, truth));
    CHECK(slurp(cache) == written);  // rewritten
    CHECK(find_fonts_cached(cache).from_cache);
  }
  SECTION("fontconfig's configuration or caches that changed") {
    put(cache, edited(written, "source ", "source 1:2.3 /etc/fonts/fonts.conf"));
    const FontLookup again = find_fonts_cached(cache);
    CHECK_FALSE(again.from_cache);
    CHECK(again.note.find("fontconfig changed") != std::string::npos);
    CHECK(slurp(cache) == written);
  }
  SECTION("a font that moved elsewhere") {
    const std::string line = "font cjk 0 " + std::string("absent ") + (dir.path / "gone.ttc").string();
    put(cache, edited(written, "font cjk ", line));
    // The stamp matches (the file is absent, as recorded), but an absent font is no answer.
    const FontLookup again = find_fonts_cached(cache);
    CHECK_FALSE(again.from_cache);
    CHECK(same(again.fonts, truth));
  }
  SECTION("a damaged file") {
    for (const std::string& damage : {written.substr(0, written.size() / 2), std::string(), std::string("\x7f\x45LF\x01garbage", 11),
                                      edited(written, "kiosk-font-locations", "kiosk-font-locations 0"),
                                      edited(written, "font arabic ", "font arabic -1 1:2 /x"), written + "font extra\n"}) {
      put(cache, damage);
      const FontLookup again = find_fonts_cached(cache);
      CHECK_FALSE(again.from_cache);
      CHECK(same(again.fonts, truth));
      CHECK(slurp(cache) == written);
    }
  }
}
