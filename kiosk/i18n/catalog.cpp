#include "catalog.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/locale_format.hpp"
#include "core/plural.hpp"

namespace kiosk {

std::optional<Catalog> Catalog::load(const std::string& path, Lang lang, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = "cannot open " + path;
    return std::nullopt;
  }
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    if (error) *error = path + " is not a JSON object";
    return std::nullopt;
  }
  Catalog c;
  c.lang_ = lang;
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string()) {
      if (error) *error = path + ": value of '" + key + "' is not a string";
      return std::nullopt;
    }
    c.entries_.emplace(key, value.get<std::string>());
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
  return all;
}

}  // namespace kiosk
