#include <catch2/catch.hpp>
#include <stb/stb_image.h>

#include <filesystem>

#include "../fresh_dir.hpp"
#include "render/png.hpp"
#include "render/raster.hpp"

using namespace kiosk;
using kiosk::test::fresh_dir;

TEST_CASE("A screenshot PNG decodes to the pixels it was made from") {
  const std::string dir = fresh_dir("png");
  // RGBA rows with a repeated row (the "up" filter) and steps (the "sub" filter); alpha is dropped.
  const int w = 5, h = 4;
  std::vector<std::uint8_t> rgba;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int row = y == 2 ? 1 : y;
      rgba.insert(rgba.end(), {static_cast<std::uint8_t>(x * 60), static_cast<std::uint8_t>(row * 70),
                               static_cast<std::uint8_t>(250 - x * 3 - row), 255});
    }
  const std::string path = dir + "/shot.png";
  std::string error;
  REQUIRE(write_png(path, PngPixels{rgba.data(), w, h, 4, static_cast<std::size_t>(w) * 4}, &error));
  CHECK_FALSE(std::filesystem::exists(path + ".part"));
  int dw = 0, dh = 0, channels = 0;
  unsigned char* back = stbi_load(path.c_str(), &dw, &dh, &channels, 0);
  REQUIRE(back);
  CHECK(dw == w);
  CHECK(dh == h);
  CHECK(channels == 3);
  for (int i = 0; i < w * h; ++i)
    for (int c = 0; c < 3; ++c) REQUIRE(back[i * 3 + c] == rgba[static_cast<std::size_t>(i) * 4 + c]);
  stbi_image_free(back);
}

TEST_CASE("Paper is written as a grey PNG, black dots on white") {
  const std::string dir = fresh_dir("png");
  Raster paper(16, 3);
  paper.set(0, 0);
  paper.set(15, 2);
  std::string error;
  REQUIRE(write_png(paper, dir + "/paper.png", &error));
  int w = 0, h = 0, channels = 0;
  unsigned char* back = stbi_load((dir + "/paper.png").c_str(), &w, &h, &channels, 0);
  REQUIRE(back);
  CHECK(channels == 1);
  CHECK(back[0] == 0);
  CHECK(back[1] == 255);
  CHECK(back[2 * 16 + 15] == 0);
  stbi_image_free(back);

  // A width that is no multiple of eight, rows that repeat and rows that do not, dots
  // everywhere: every dot comes back where it was.
  Raster odd(21, 40);
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 21; ++x)
      if (y < 10 ? (x + y / 5) % 3 == 0 : (x * 7 + y * 13) % 5 == 0) odd.set(x, y);
  REQUIRE(write_png(odd, dir + "/odd.png", &error));
  back = stbi_load((dir + "/odd.png").c_str(), &w, &h, &channels, 0);
  REQUIRE(back);
  REQUIRE((w == 21 && h == 40 && channels == 1));
  int wrong = 0;
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 21; ++x) wrong += back[y * 21 + x] != (odd.at(x, y) ? 0 : 255);
  CHECK(wrong == 0);
  stbi_image_free(back);
}

TEST_CASE("A PNG that cannot be written is an error and leaves nothing behind") {
  const std::string dir = fresh_dir("png");
  const std::uint8_t pixel[4] = {1, 2, 3, 255};
  std::string error;
  CHECK_FALSE(write_png(dir + "/missing/shot.png", PngPixels{pixel, 1, 1, 4, 4}, &error));
  CHECK(error.find("cannot write") != std::string::npos);
  CHECK_FALSE(write_png(dir + "/empty.png", PngPixels{pixel, 0, 1, 4, 4}, &error));
  CHECK(std::filesystem::is_empty(dir));
}
