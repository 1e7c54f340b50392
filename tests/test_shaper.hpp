#pragma once
// One Shaper on faces of its own, made on first use, for the tests that need shaped lines.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "fonts/face_set.hpp"
#include "fonts/font_files.hpp"
#include "text/shaper.hpp"

namespace kiosk::test {

inline const Shaper& shaper() {
  static std::unique_ptr<Shaper> made = [] {
    std::string error;
    auto faces = FaceSet::create(find_fonts(), &error);
    REQUIRE(faces);
    auto s = Shaper::create(faces, &error);
    INFO(error);
    REQUIRE(s);
    return s;
  }();
  return *made;
}

}  // namespace kiosk::test
