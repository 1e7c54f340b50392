#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "core/plural.hpp"
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

namespace {

// "plans.months.few" → "plans.months"; empty for a key that is not a plural form.
std::string plural_base(const std::string& key) {
  for (Plural p : {Plural::zero, Plural::one, Plural::two, Plural::few, Plural::many, Plural::other}) {
    const std::string suffix = "." + std::string(plural_name(p));
    if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
      return key.substr(0, key.size() - suffix.size());
  }
  return "";
}

// `c` has every key of `en` with the same placeholders and no empty text, and every counted
// text in exactly the forms its language's plural rules use.
void check_like_english(const Catalog& en, const Catalog& c) {
  std::set<std::string> counted;  // the plural families, by base key
  for (const auto& [key, text] : en.entries())
    if (!plural_base(key).empty() && en.has(plural_base(key) + ".one") && en.has(plural_base(key) + ".other"))
      counted.insert(plural_base(key));
  INFO("language " << lang_code(c.lang()));
  std::size_t expected = 0;
  for (const auto& [key, text] : en.entries()) {
    if (counted.count(plural_base(key))) continue;
    INFO("key " << key);
    ++expected;
    REQUIRE(c.has(key));
    CHECK(placeholders(c.text(key)) == placeholders(text));
    CHECK_FALSE(c.text(key).empty());
  }
  for (const std::string& base : counted) {
    const std::set<std::string> wanted = placeholders(en.text(base + ".other"));
    for (Plural p : plural_forms(c.lang())) {
      const std::string key = base + "." + std::string(plural_name(p));
      INFO("key " << key);
      ++expected;
      REQUIRE(c.has(key));
      CHECK(placeholders(c.text(key)) == wanted);
    }
  }
  CHECK(c.entries().size() == expected);  // no stray keys or forms either
}

std::size_t counted_families(const Catalog& en) {
  std::size_t n = 0;
  for (const auto& [key, text] : en.entries())
    n += !plural_base(key).empty() && key.size() > 6 && key.compare(key.size() - 6, 6, ".other") == 0 &&
         en.has(plural_base(key) + ".one");
  return n;
}

}  // namespace

TEST_CASE("Every catalog has every key, with the same placeholders, and no empty text") {
  const Catalogs all = load_all();
  REQUIRE(all[Lang::en].entries().size() > 150);
  REQUIRE(counted_families(all[Lang::en]) >= 6);
  for (Lang lang : all_langs) check_like_english(all[Lang::en], all[lang]);
}

TEST_CASE("The technician's catalogs have every key of the English one") {
  const Catalogs all = load_all();
  const Catalog& en = all.technician(Lang::en);
  REQUIRE(en.entries().size() > 60);
  REQUIRE(counted_families(en) == 2);
  for (Lang lang : technician_langs) {
    CHECK(all.technician(lang).lang() == lang);
    check_like_english(en, all.technician(lang));
  }
  // Customers' languages the technician's screens lack fall back to English.
  CHECK(all.technician(Lang::zh).lang() == Lang::en);
  CHECK(all.technician(Lang::fr).count("svc.pin.wrong", 1).find("Encore 1 essai ") != std::string::npos);
}

TEST_CASE("Counted texts take the form the language's plural rules give") {
  const Catalogs all = load_all();
  CHECK(all[Lang::en].count("plans.months", 1) == "1 month");
  CHECK(all[Lang::en].count("plans.months", 3) == "3 months");
  CHECK(all[Lang::pl].count("plans.months", 1) == "1 miesiąc");
  CHECK(all[Lang::pl].count("plans.months", 3) == "3 miesiące");
  CHECK(all[Lang::pl].count("plans.months", 6) == "6 miesięcy");
  CHECK(all[Lang::pl].count("plans.months", 22) == "22 miesiące");
  CHECK(all[Lang::uk].count("plans.months", 1) == "1 місяць");
  CHECK(all[Lang::uk].count("plans.months", 3) == "3 місяці");
  CHECK(all[Lang::uk].count("plans.months", 12) == "12 місяців");
  CHECK(all[Lang::uk].count("plans.months", 21) == "21 місяць");
  CHECK(all[Lang::ro].count("plans.months", 1) == "1 lună");
  CHECK(all[Lang::ro].count("plans.months", 6) == "6 luni");
  CHECK(all[Lang::ro].count("plans.minutes", 1000).find("1.000 de minute") == 0);
  CHECK(all[Lang::de].count("plans.minutes", 1000) == "1.000 Gesprächsminuten");
  CHECK(all[Lang::pl].count("plans.minutes", 1000).find("1000 minut") == 0);
  CHECK(all[Lang::zh].count("plans.months", 1) == "1 个月");
}

TEST_CASE("Every key the code asks for exists") {
  // Keys appear in the sources as string literals like "summary.total".
  const std::regex literal(R"re("((?:app|attract|language|service|help|display|brand|number|lookup|balance|suspended|plans|summary|pay|paying|wallet|delivering|done|declined|cancelled|unavailable|reversed|pending|oos|receipt|sms|svc|page)\.[a-z_.]+)")re");
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
        const bool technician = key.rfind("svc.", 0) == 0 || key.rfind("page.", 0) == 0;
        const Catalog& en = technician ? all.technician(Lang::en) : all[Lang::en];
        CHECK((en.has(key) || en.has(key + ".other")));  // a text or a counted one
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
  CHECK_FALSE(Catalog::load(assets + "/missing.json", Lang::en, &error));
  CHECK(error.find("cannot open") != std::string::npos);
}

TEST_CASE("A catalog that is not one flat object of strings is refused with the reason") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("catalog-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto load = [&](const std::string& text, std::string* error) {
    std::ofstream((dir / "xx.json").string(), std::ios::binary) << text;
    return Catalog::load((dir / "xx.json").string(), Lang::en, error);
  };
  std::string error;
  auto good = load(R"({"a": "one", "b.c": "two \u00e9"})", &error);
  REQUIRE(good);
  CHECK(good->text("a") == "one");
  CHECK(good->text("b.c") == "two \u00e9");
  CHECK(good->entries().size() == 2);
  const std::pair<const char*, const char*> bad[] = {
      {R"({"a": 1})", "value of 'a' is not a string"},
      {R"({"a": {"b": "c"}})", "nested objects"},
      {R"({"a": ["x"]})", "value of 'a' is not a string"},
      {R"(["a"])", "not a JSON object"},
      {R"("a")", "a string outside the object"},
      {R"({"a": "one")", "not JSON"},
      {"", "not JSON"},
  };
  for (const auto& [text, reason] : bad) {
    INFO(text);
    error.clear();
    CHECK_FALSE(load(text, &error));
    CHECK(error.find(reason) != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("Values inside Arabic text are isolated so that they keep their own direction") {
  const Catalogs all = load_all();
  const std::string line = all[Lang::ar].format("app.support", {{"phone", "+32 2 123 45 67"}});
  CHECK(line.find("\u2068+32 2 123 45 67\u2069") != std::string::npos);
  // Left-to-right languages get the value as it is.
  CHECK(all[Lang::en].format("app.support", {{"phone", "+32 2 123 45 67"}}) == "Need help? Call +32 2 123 45 67");
}
