#include "wire.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::wire {

using nlohmann::json;

namespace {

std::string_view promo_kind_name(Promotion::Kind k) {
  switch (k) {
    case Promotion::Kind::new_customer_percent: return "new_customer_percent";
    case Promotion::Kind::returning_bonus_cents: return "returning_bonus_cents";
    case Promotion::Kind::multi_month_percent: return "multi_month_percent";
    case Promotion::Kind::none: return "none";
  }
  return "none";
}

std::optional<Promotion::Kind> parse_promo_kind(std::string_view s) {
  for (auto k : {Promotion::Kind::none, Promotion::Kind::new_customer_percent,
                 Promotion::Kind::returning_bonus_cents, Promotion::Kind::multi_month_percent})
    if (promo_kind_name(k) == s) return k;
  return std::nullopt;
}

// Reads an integer field with a range check; garbage never becomes a number silently.
bool get_int(const json& j, const char* key, long long lo, long long hi, long long& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  out = it->get<long long>();
  return out >= lo && out <= hi;
}

// An optional flag: false when missing or not a boolean (a wrong type must not throw).
bool flag(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

bool get_string(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

std::string_view status_name(SubscriberStatus s) {
  switch (s) {
    case SubscriberStatus::active: return "active";
    case SubscriberStatus::suspended: return "suspended";
    case SubscriberStatus::expired: return "expired";
  }
  return "active";
}

std::optional<SubscriberStatus> parse_status(std::string_view name) {
  for (auto s : {SubscriberStatus::active, SubscriberStatus::suspended, SubscriberStatus::expired})
    if (status_name(s) == name) return s;
  return std::nullopt;
}

json to_json(const Plan& p) {
  json promos = json::array();
  for (const Promotion& pr : p.promotions)
    promos.push_back({{"kind", promo_kind_name(pr.kind)},
                      {"percent", pr.percent},
                      {"amount_cents", pr.amount},
                      {"min_months", pr.min_months}});
  return {{"id", p.id},
          {"brand", brand_id(p.brand)},
          {"name", p.name},
          {"data_gb", p.data_gb},
          {"minutes", p.minutes},
          {"sms", p.sms},
          {"roaming_eu", p.roaming_eu},
          {"intl_minutes", p.intl_minutes},
          {"price_per_month_cents", p.price_per_month},
          {"durations_months", p.durations_months},
          {"promotions", promos}};
}

std::optional<Plan> plan_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Plan p;
  std::string brand;
  long long data, minutes, sms, intl, price;
  if (!get_string(j, "id", p.id) || !get_string(j, "brand", brand) ||
      !get_string(j, "name", p.name) || !get_int(j, "data_gb", -1, 10000, data) ||
      !get_int(j, "minutes", -1, 100000, minutes) || !get_int(j, "sms", -1, 100000, sms) ||
      !get_int(j, "intl_minutes", 0, 100000, intl) ||
      !get_int(j, "price_per_month_cents", 1, 100000, price))
    return std::nullopt;
  auto b = parse_brand(brand);
  if (!b) return std::nullopt;
  p.brand = *b;
  p.data_gb = static_cast<int>(data);
  p.minutes = static_cast<int>(minutes);
  p.sms = static_cast<int>(sms);
  p.intl_minutes = static_cast<int>(intl);
  p.price_per_month = price;
  p.roaming_eu = flag(j, "roaming_eu");
  auto durations = j.find("durations_months");
  if (durations == j.end() || !durations->is_array() || durations->empty()) return std::nullopt;
  p.durations_months.clear();
  for (const json& d : *durations) {
    if (!d.is_number_integer() || d.get<int>() < 1 || d.get<int>() > 24) return std::nullopt;
    p.durations_months.push_back(d.get<int>());
  }
  if (auto promos = j.find("promotions"); promos != j.end()) {
    if (!promos->is_array()) return std::nullopt;
    for (const json& pj : *promos) {
      std::string kind;
      long long percent, amount, min_months;
      if (!pj.is_object() || !get_string(pj, "kind", kind) ||
          !get_int(pj, "percent", 0, 100, percent) || !get_int(pj, "amount_cents", 0, 100000, amount) ||
          !get_int(pj, "min_months", 0, 24, min_months))
        return std::nullopt;
      auto k = parse_promo_kind(kind);
      if (!k) return std::nullopt;
      p.promotions.push_back({*k, static_cast<int>(percent), amount, static_cast<int>(min_months)});
    }
  }
  return p;
}

json to_json(const Subscriber& s) {
  json j{{"status", status_name(s.status)},
         {"balance_cents", s.balance},
         {"expiry", iso_date(s.expiry)},
         {"plan_id", s.current_plan_id},
         {"returning", s.returning_customer},
         {"reactivation_fee_cents", s.reactivation_fee}};
  if (s.status == SubscriberStatus::suspended) j["suspended_since"] = iso_date(s.suspended_since);
  return j;
}

std::optional<Subscriber> subscriber_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Subscriber s;
  std::string status, expiry;
  long long balance, fee;
  if (!get_string(j, "status", status) || !get_string(j, "expiry", expiry) ||
      !get_int(j, "balance_cents", -100000, 10000000, balance) ||
      !get_int(j, "reactivation_fee_cents", 0, 100000, fee) ||
      !get_string(j, "plan_id", s.current_plan_id))
    return std::nullopt;
  auto st = parse_status(status);
  auto date = parse_iso_date(expiry);
  if (!st || !date) return std::nullopt;
  s.status = *st;
  s.expiry = *date;
  s.balance = balance;
  s.reactivation_fee = fee;
  s.returning_customer = flag(j, "returning");
  if (s.status == SubscriberStatus::suspended) {
    // The day it was suspended is part of a suspended answer, and not before the plan ended.
    std::string since;
    if (!get_string(j, "suspended_since", since)) return std::nullopt;
    auto d = parse_iso_date(since);
    if (!d || *d < s.expiry) return std::nullopt;
    s.suspended_since = *d;
  }
  return s;
}

}  // namespace kiosk::wire
