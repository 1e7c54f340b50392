#include "catalog_file.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/contrast.hpp"
#include "core/utf8.hpp"

namespace kiosk::catalog {

namespace {

using nlohmann::json;

constexpr std::size_t max_plans = 1000, max_promotions = 8, max_months = 12;
constexpr Cents max_cents = 100'000;  // 1000 euros: more is a typing mistake, not a price
constexpr int max_quantity = 100'000;

// The first problem found, with where it is.
struct Problem {
  std::string text;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw Problem{where + ": " + what}; }

// An object with exactly these keys (those marked optional may be absent).
void only_keys(const json& j, const std::string& where, std::initializer_list<const char*> required,
               std::initializer_list<const char*> optional = {}) {
  if (!j.is_object()) fail(where, "not an object");
  for (const char* k : required)
    if (!j.contains(k)) fail(where, std::string("no '") + k + "'");
  for (const auto& [key, value] : j.items()) {
    const auto is = [&key](const char* k) { return key == k; };
    if (std::none_of(required.begin(), required.end(), is) && std::none_of(optional.begin(), optional.end(), is))
      fail(where, "unknown key '" + key + "'");
  }
}

long long integer(const json& j, const std::string& where, long long lo, long long hi) {
  if (!j.is_number_integer()) fail(where, "not a whole number");
  const long long v = j.get<long long>();
  if (v < lo || v > hi) fail(where, "out of bounds (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
  return v;
}

// Printable text of 1 to `max` characters: no control or direction characters.
std::string text(const json& j, const std::string& where, std::size_t max) {
  if (!j.is_string()) fail(where, "not text");
  const std::string s = j.get<std::string>();
  const std::vector<char32_t> cps = utf8_decode(s);
  if (cps.empty() || cps.size() > max) fail(where, "empty or longer than " + std::to_string(max) + " characters");
  for (char32_t c : cps)
    if (c == 0xFFFD || c < 0x20 || (c >= 0x7F && c < 0xA0) || is_bidi_control(c))
      fail(where, "not valid printable UTF-8");
  return s;
}

// An id: lower-case letters, digits, '-' and '_', 1 to 32 of them.
std::string identifier(const json& j, const std::string& where) {
  const std::string s = text(j, where, 32);
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      fail(where, "'" + s + "' is not an id (a-z, 0-9, - and _)");
  return s;
}

std::uint32_t colour(const json& j, const std::string& where) {
  const std::string s = text(j, where, 7);
  if (s.size() != 7 || s[0] != '#' || s.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
    fail(where, "not a colour (#RRGGBB)");
  return static_cast<std::uint32_t>(std::stoul(s.substr(1), nullptr, 16));
}

BrandInfo brand(const json& j, const std::string& where) {
  only_keys(j, where, {"id", "name", "colour", "text_colour", "identifiers", "reactivation_fee_cents"}, {"logo"});
  BrandInfo b;
  b.brand.id = identifier(j["id"], where + ".id");
  if (!valid_brand_id(b.brand.id)) fail(where + ".id", "'" + b.brand.id + "' is not a brand id (a-z, 0-9 and _)");
  b.name = text(j["name"], where + ".name", 40);
  b.colour = colour(j["colour"], where + ".colour");
  b.text_colour = colour(j["text_colour"], where + ".text_colour");
  // The tile's words are read by everyone: WCAG's 4.5:1 for normal text.
  if (contrast_ratio(b.colour, b.text_colour) < 4.5) fail(where, "text_colour on colour is under 4.5:1");
  if (j.contains("logo")) {
    b.logo = text(j["logo"], where + ".logo", 64);
    const bool plain = b.logo.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string::npos;
    if (!plain || b.logo.size() < 5 || b.logo.compare(b.logo.size() - 4, 4, ".png") != 0 || b.logo[0] == '.')
      fail(where + ".logo", "not a PNG file name in assets/logos");
  }
  const json& ids = j["identifiers"];
  if (!ids.is_array() || ids.empty() || ids.size() > 2) fail(where + ".identifiers", "not a list of 1 or 2");
  b.phone_numbers = false;
  for (const json& id : ids) {
    const std::string s = text(id, where + ".identifiers", 20);
    if (s == "phone_number" && !b.phone_numbers) b.phone_numbers = true;
    else if (s == "customer_number" && !b.customer_numbers) b.customer_numbers = true;
    else fail(where + ".identifiers", "'" + s + "' is not phone_number or customer_number, or is there twice");
  }
  if (!b.phone_numbers) fail(where + ".identifiers", "every operator takes phone numbers");
  b.reactivation_fee = integer(j["reactivation_fee_cents"], where + ".reactivation_fee_cents", 0, max_cents);
  return b;
}

Promotion promotion(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("kind")) fail(where, "not a promotion with a kind");
  const std::string kind = text(j["kind"], where + ".kind", 40);
  Promotion p{Promotion::Kind::new_customer_percent};
  if (kind == "new_customer_percent") {
    only_keys(j, where, {"kind", "percent"});
    p.percent = static_cast<int>(integer(j["percent"], where + ".percent", 1, 100));
  } else if (kind == "multi_month_percent") {
    only_keys(j, where, {"kind", "percent", "min_months"});
    p.kind = Promotion::Kind::multi_month_percent;
    p.percent = static_cast<int>(integer(j["percent"], where + ".percent", 1, 100));
    p.min_months = static_cast<int>(integer(j["min_months"], where + ".min_months", 2, max_months));
  } else if (kind == "returning_bonus_cents") {
    only_keys(j, where, {"kind", "bonus_cents"});
    p.kind = Promotion::Kind::returning_bonus_cents;
    p.amount = integer(j["bonus_cents"], where + ".bonus_cents", 1, max_cents);
  } else {
    fail(where + ".kind", "'" + kind + "' is not a promotion this kiosk knows");
  }
  return p;
}

// -1 (unlimited) or a quantity.
int allowance(const json& j, const std::string& where) { return static_cast<int>(integer(j, where, -1, max_quantity)); }

Plan plan(const json& j, const std::string& where, const std::set<std::string>& brands) {
  only_keys(j, where, {"id", "brand", "name", "data_gb", "minutes", "sms", "intl_minutes", "price_cents", "months"},
            {"promotions"});
  Plan p;
  p.id = identifier(j["id"], where + ".id");
  p.brand.id = identifier(j["brand"], where + ".brand");
  if (!brands.count(p.brand.id)) fail(where + ".brand", "'" + p.brand.id + "' is not a brand of this catalog");
  p.name = text(j["name"], where + ".name", 40);
  p.data_gb = allowance(j["data_gb"], where + ".data_gb");
  p.minutes = allowance(j["minutes"], where + ".minutes");
  p.sms = allowance(j["sms"], where + ".sms");
  p.intl_minutes = static_cast<int>(integer(j["intl_minutes"], where + ".intl_minutes", 0, max_quantity));
  p.price_per_month = integer(j["price_cents"], where + ".price_cents", 1, max_cents);
  p.durations_months.clear();
  const json& months = j["months"];
  if (!months.is_array() || months.empty() || months.size() > max_months) fail(where + ".months", "not a list of 1 to 12");
  for (const json& m : months) {
    const int n = static_cast<int>(integer(m, where + ".months", 1, static_cast<long long>(max_months)));
    if (!p.durations_months.empty() && n <= p.durations_months.back()) fail(where + ".months", "not rising");
    p.durations_months.push_back(n);
  }
  if (j.contains("promotions")) {
    const json& promos = j["promotions"];
    if (!promos.is_array() || promos.size() > max_promotions) fail(where + ".promotions", "not a list of up to 8");
    for (std::size_t i = 0; i < promos.size(); ++i)
      p.promotions.push_back(promotion(promos[i], where + ".promotions[" + std::to_string(i) + "]"));
  }
  return p;
}

CatalogFile read(const json& j) {
  only_keys(j, "catalog", {"format", "version", "valid_until", "brands", "plans"});
  if (integer(j["format"], "format", 1, 1000) != 1) fail("format", "not format 1");
  CatalogFile c;
  // Up to 2^53: the version survives any JSON reader as a number.
  c.version = static_cast<std::uint64_t>(integer(j["version"], "version", 1, 9'007'199'254'740'991LL));
  const std::optional<CivilDate> until = parse_iso_date(text(j["valid_until"], "valid_until", 10));
  if (!until) fail("valid_until", "not a date (YYYY-MM-DD)");
  c.valid_until = *until;
  const json& brands = j["brands"];
  if (!brands.is_array() || brands.empty() || brands.size() > max_brands) fail("brands", "not a list of 1 to " + std::to_string(max_brands));
  std::set<std::string> brand_ids;
  for (std::size_t i = 0; i < brands.size(); ++i) {
    const std::string where = "brands[" + std::to_string(i) + "]";
    c.brands.push_back(brand(brands[i], where));
    const std::string& id = c.brands.back().brand.id;
    if (!brand_ids.insert(id).second) fail(where + ".id", "'" + id + "' twice");
  }
  const json& plans = j["plans"];
  if (!plans.is_array() || plans.empty() || plans.size() > max_plans) fail("plans", "not a list of 1 to 1000");
  std::set<std::string> plan_ids;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const std::string where = "plans[" + std::to_string(i) + "]";
    c.plans.push_back(plan(plans[i], where, brand_ids));
    if (!plan_ids.insert(c.plans.back().id).second) fail(where + ".id", "'" + c.plans.back().id + "' twice");
  }
  for (const BrandInfo& b : c.brands)
    if (std::none_of(c.plans.begin(), c.plans.end(), [&b](const Plan& p) { return p.brand == b.brand; }))
      fail("brands", "'" + b.brand.id + "' has no plan");
  return c;
}

}  // namespace

std::optional<CatalogFile> parse_catalog(std::string_view text, std::string* error) {
  if (text.size() > max_catalog_bytes) {
    *error = "larger than " + std::to_string(max_catalog_bytes) + " bytes";
    return std::nullopt;
  }
  // A key twice in one object would be read as its last value here and perhaps as its first
  // by whoever reviewed the text before signing it: refused.
  std::vector<std::set<std::string>> keys;
  std::string twice;
  const json::parser_callback_t note_keys = [&keys, &twice](int, json::parse_event_t event, json& value) {
    if (event == json::parse_event_t::object_start) keys.emplace_back();
    else if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    else if (event == json::parse_event_t::key && !keys.empty() && !keys.back().insert(value.get<std::string>()).second &&
             twice.empty())
      twice = value.get<std::string>();
    return true;
  };
  const json j = json::parse(text, note_keys, false);
  if (j.is_discarded()) {
    *error = "not JSON";
    return std::nullopt;
  }
  if (!twice.empty()) {
    *error = "the key '" + twice.substr(0, 40) + "' twice in one object";
    return std::nullopt;
  }
  try {
    return read(j);
  } catch (const Problem& p) {
    *error = p.text;
  } catch (const json::exception& e) {
    *error = std::string("not a catalog: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace kiosk::catalog
