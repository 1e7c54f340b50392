#include "catalog.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/locale_format.hpp"
#include "core/plural.hpp"

namespace kiosk {

namespace {

// Reads the catalog's one flat object of strings straight into its entries, without the DOM
// (13 catalogs are read at every start).
class FlatStrings : public nlohmann::json::json_sax_t {
 public:
  explicit FlatStrings(std::map<std::string, std::string, std::less<>>* out) : out_(out) {}
  std::string problem;

  bool start_object(std::size_t) override { return depth_++ == 0 || fail("nested objects"); }
  bool end_object() override { return --depth_ >= 0; }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool string(string_t& v) override {
    if (depth_ != 1) return fail("a string outside the object");
    out_->insert_or_assign(std::move(key_), std::move(v));
    return true;
  }
  bool null() override { return not_string(); }
  bool boolean(bool) override { return not_string(); }
  bool number_integer(number_integer_t) override { return not_string(); }
  bool number_unsigned(number_unsigned_t) override { return not_string(); }
  bool number_float(number_float_t, const string_t&) override { return not_string(); }
  bool binary(binary_t&) override { return not_string(); }
  bool start_array(std::size_t) override { return not_string(); }
  bool end_array() override { return false; }
  bool parse_error(std::size_t at, const std::string&, const nlohmann::json::exception&) override {
    return fail("not JSON (byte " + std::to_string(at) + ")");
  }

 private:
  bool not_string() { return fail(depth_ == 0 ? "not a JSON object" : "value of '" + key_ + "' is not a string"); }
  bool fail(std::string why) {
    if (problem.empty()) problem = std::move(why);
    return false;
  }
  std::map<std::string, std::string, std::less<>>* out_;
  std::string key_;
  int depth_ = 0;
};

}  // namespace

std::optional<Catalog> Catalog::load(const std::string& path, Lang lang, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open " + path;
    return std::nullopt;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Catalog c;
  c.lang_ = lang;
  FlatStrings reader(&c.entries_);
  if (!nlohmann::json::sax_parse(text, &reader) || reader.problem.size()) {
    if (error) *error = path + ": " + (reader.problem.empty() ? "not a JSON object" : reader.problem);
    return std::nullopt;
  }
  return c;
}

const std::string& Catalog::text(std::string_view key) const {
  if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  auto [it, inserted] = missing_.emplace(std::string(key), std::string(key));
  return it->second;
}

std::string Catalog::count(std::string_view base, long long n, Args args) const {
  std::string key = std::string(base) + "." + std::string(plural_name(plural_category(lang_, n)));
  if (!has(key)) key = std::string(base) + ".other";
  args.emplace_back("n", format_count(n, lang_));
  return format(key, args);
}

bool Catalog::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::string Catalog::format(std::string_view key, const Args& args) const {
  if (!is_rtl(lang_)) return fill(text(key), args);
  // A value inside right-to-left text keeps its own direction: "+32 2 123 45 67" must not be
  // read as five numbers from the right. First-strong isolates do that (Unicode's rule X5c).
  Args isolated;
  for (const auto& [name, value] : args) isolated.emplace_back(name, "\u2068" + value + "\u2069");
  return fill(text(key), isolated);
}

std::string fill(std::string_view text, const Catalog::Args& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [arg, value] : args) {
          if (arg == name) {
            out += value;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1)) {
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(i + 1, close - i - 1));
  }
  return names;
}

std::optional<Catalogs> Catalogs::load(const std::string& dir, std::string* error) {
  Catalogs all;
  for (Lang lang : all_langs) {
    auto c = Catalog::load(dir + "/" + std::string(lang_code(lang)) + ".json", lang, error);
    if (!c) return std::nullopt;
    all.by_lang_[static_cast<int>(lang)] = std::move(*c);
  }
  for (std::size_t i = 0; i < technician_langs.size(); ++i) {
    auto c = Catalog::load(dir + "/service/" + std::string(lang_code(technician_langs[i])) + ".json", technician_langs[i],
                           error);
    if (!c) return std::nullopt;
    all.technician_[i] = std::move(*c);
  }
  return all;
}

const Catalog& Catalogs::technician(Lang lang) const {
  for (std::size_t i = 0; i < technician_langs.size(); ++i)
    if (technician_langs[i] == lang) return technician_[i];
  return technician(Lang::en);
}

}  // namespace kiosk
