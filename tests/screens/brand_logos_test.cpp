// Operators' logos: read when present and usable, scaled once to the size they are drawn at;
// anything else is reported and left alone, and the brand keeps its name.
#include <catch2/catch.hpp>
#include <stb/stb_image_write.h>

#include <filesystem>
#include <fstream>

#include "brand_logos.hpp"
#include "../fresh_dir.hpp"

using namespace kiosk;
using namespace kiosk::ui;
namespace fs = std::filesystem;

namespace {

// A w × h picture: a red block on transparency, the block in the middle third of the width.
void write_png(const std::string& path, int w, int h) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4, 0);
  for (int y = 0; y < h; ++y)
    for (int x = w / 3; x < 2 * w / 3; ++x) {
      std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * w + x) * 4];
      p[0] = 220, p[3] = 255;
    }
  REQUIRE(stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4));
}

}  // namespace

TEST_CASE("A logo is read, scaled to fit its place with its proportions, and keeps its transparency") {
  const std::string dir = test::fresh_dir("logos-good");
  write_png(dir + "/proximus.png", 1200, 300);
  write_png(dir + "/orange.png", 60, 30);  // small ones are not enlarged
  std::vector<std::string> problems;
  const BrandLogos logos = BrandLogos::load(dir, &problems);
  CHECK(problems.empty());
  const RgbaImage* px = logos.get("proximus.png");
  REQUIRE(px);
  CHECK(px->width == 400);
  CHECK(px->height == 100);
  CHECK((px->at(5, 50) >> 24) == 0);                 // transparent at the side
  CHECK((px->at(200, 50) >> 24) == 255);             // the block, opaque
  CHECK((px->at(200, 50) & 0xFF) > 200);             // and red
  REQUIRE(logos.get("orange.png"));
  CHECK(logos.get("orange.png")->width == 60);
  CHECK_FALSE(logos.get("base.png"));  // none supplied: no logo, no problem
  CHECK_FALSE(logos.get(""));
}

TEST_CASE("A logo file that cannot be used is reported, left as it was, and not shown") {
  const std::string dir = test::fresh_dir("logos-bad");
  write_png(dir + "/proximus.png", 200, 100);
  {
    // Cut short in the middle of its data.
    const auto size = fs::file_size(dir + "/proximus.png");
    fs::resize_file(dir + "/proximus.png", size / 2);
  }
  std::ofstream(dir + "/orange.png") << "not a picture";
  std::ofstream(dir + "/base.png");              // empty
  write_png(dir + "/telenet.png", 5000, 2);      // too large a side
  fs::create_directory(dir + "/digi.png");        // not a file
  const auto before = fs::file_size(dir + "/proximus.png");
  std::vector<std::string> problems;
  const BrandLogos logos = BrandLogos::load(dir, &problems);
  for (const char* f : {"proximus.png", "orange.png", "base.png", "telenet.png", "digi.png"}) CHECK_FALSE(logos.get(f));
  REQUIRE(problems.size() == 5);
  const auto mentions = [&](const std::string& file, const std::string& why) {
    for (const std::string& p : problems)
      if (p.find(file) != std::string::npos && p.find(why) != std::string::npos) return true;
    return false;
  };
  CHECK(mentions("proximus.png", "damaged"));
  CHECK(mentions("orange.png", "not a PNG"));
  CHECK(mentions("base.png", "empty"));
  CHECK(mentions("telenet.png", "4096"));
  CHECK(mentions("digi.png", "not a regular file"));
  CHECK(fs::file_size(dir + "/proximus.png") == before);  // left for the technician
  // No folder at all: no logos, nothing to report.
  problems.clear();
  BrandLogos::load(dir + "/missing", &problems);
  CHECK(problems.empty());
}
