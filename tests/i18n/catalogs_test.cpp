#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "i18n/catalog.hpp"

using namespace kiosk;

namespace {
const std::string assets = std::string(KIOSK_SOURCE_DIR) + "/assets/i18n";

Catalogs load_all() {
  std::string error;
  auto c = Catalogs::load(assets, &error);
  INFO(error);
  REQUIRE(c);
  return std::move(*c);
}
}  // namespace

TEST_CASE("Every catalog has every key, with the same placeholders, and no empty text") {
  const Catalogs all = load_all();
  const Catalog& en = all[Lang::en];
  REQUIRE(en.entries().size() > 150);
  for (Lang lang : all_langs) {
    const Catalog& c = all[lang];
    INFO("language " << lang_code(lang));
    for (const auto& [key, text] : en.entries()) {
      INFO("key " << key);
      REQUIRE(c.has(key));
      CHECK(placeholders(c.text(key)) == placeholders(text));
      CHECK_FALSE(c.text(key).empty());
    }
    CHECK(c.entries().size() == en.entries().size());  // no stray keys either
  }
}

TEST_CASE("Every key the code asks for exists") {
  // Keys appear in the sources as string literals like "summary.total".
  const std::regex literal(R"re("((?:app|attract|language|service|help|brand|number|lookup|balance|suspended|plans|summary|pay|paying|wallet|delivering|done|declined|cancelled|unavailable|reversed|pending|oos|receipt|sms)\.[a-z_.]+)")re");
  const Catalogs all = load_all();
  int found = 0;
  for (const char* dir : {"kiosk", "screens", "drivers"}) {
    for (const auto& f : std::filesystem::recursive_directory_iterator(std::string(KIOSK_SOURCE_DIR) + "/" + dir)) {
      if (f.path().extension() != ".cpp") continue;
      std::ifstream in(f.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string src = text.str();
      for (std::sregex_iterator it(src.begin(), src.end(), literal), end; it != end; ++it) {
        const std::string key = (*it)[1];
        if (key.back() == '.') continue;  // a prefix that code completes ("help.q." + topic)
        if (key.size() > 4 && key.compare(key.size() - 4, 4, ".hpp") == 0) continue;  // an #include
        INFO(f.path().filename().string() << ": " << key);
        CHECK(all[Lang::en].has(key));
        ++found;
      }
    }
  }
  CHECK(found > 100);
}

TEST_CASE("Placeholders are filled and unknown ones stay visible") {
  CHECK(fill("{a} and {b}", {{"a", "1"}, {"b", "2"}}) == "1 and 2");
  CHECK(fill("{a} and {c}", {{"a", "1"}}) == "1 and {c}");
  CHECK(placeholders("{x} {y} {x}") == std::set<std::string>{"x", "y"});
  std::string error;
  CHECK_FALSE(Catalog::load(assets + "/missing.json", &error));
  CHECK(error.find("cannot open") != std::string::npos);
}
