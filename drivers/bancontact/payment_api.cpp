#include "payment_api.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

namespace kiosk::bancontact {

using json = nlohmann::json;

namespace {

constexpr std::pair<Status, std::string_view> status_names[] = {
    {Status::pending, "PENDING"},
    {Status::identified, "IDENTIFIED"},
    {Status::authorized, "AUTHORIZED"},
    {Status::authorization_failed, "AUTHORIZATION_FAILED"},
    {Status::failed, "FAILED"},
    {Status::succeeded, "SUCCEEDED"},
    {Status::cancelled, "CANCELLED"},
    {Status::expired, "EXPIRED"},
    {Status::pending_merchant_acknowledgement, "PENDING_MERCHANT_ACKNOWLEDGEMENT"},
    {Status::voided, "VOIDED"},
};

// Amounts in cents: integers from 1 to the API's maximum, never a float or a string.
std::optional<Cents> amount_of(const json& j) {
  if (!j.contains("amount") || !j["amount"].is_number_integer()) return std::nullopt;
  const auto v = j["amount"].get<std::int64_t>();
  if (v < 1 || v > 999999999999) return std::nullopt;
  return v;
}

std::string text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

json parse_object(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  return j.is_object() ? j : json();
}

// The fields every answer about a payment has, checked against what was asked.
std::string read_common(const json& j, const Expected& expected, Payment* out) {
  if (j.is_null()) return "not a JSON object";
  out->id = text(j, "paymentId");
  if (!valid_id(out->id)) return "paymentId missing or malformed";
  if (!expected.id.empty() && out->id != expected.id) return "about payment " + out->id + ", not " + expected.id;
  const auto status = parse_status(text(j, "status"));
  if (!status) return "status missing or unknown: '" + text(j, "status") + "'";
  out->status = *status;
  const auto amount = amount_of(j);
  if (!amount) return "amount missing or not whole cents";
  if (expected.amount != 0 && *amount != expected.amount)
    return "amount " + std::to_string(*amount) + " is not the " + std::to_string(expected.amount) + " asked";
  out->amount = *amount;
  if (j.contains("currency") && text(j, "currency") != "EUR") return "currency is not EUR";
  // The reference is optional in answers; when given it must be ours.
  out->reference = text(j, "reference");
  if (!out->reference.empty() && out->reference != expected.reference) return "reference is another payment's";
  return "";
}

}  // namespace

std::optional<Status> parse_status(std::string_view t) {
  for (const auto& [s, name] : status_names)
    if (name == t) return s;
  return std::nullopt;
}

std::string_view status_name(Status s) {
  for (const auto& [status, name] : status_names)
    if (status == s) return name;
  return "PENDING";
}

bool is_final(Status s) {
  return s != Status::pending && s != Status::identified && s != Status::authorized &&
         s != Status::pending_merchant_acknowledgement;
}

bool is_cancellable(Status s) { return s == Status::pending || s == Status::identified; }

bool valid_id(std::string_view id) {
  if (id.size() != 24) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '='))
      return false;
  return true;
}

std::optional<std::int64_t> parse_utc(std::string_view t) {
  // YYYY-MM-DDThh:mm:ss[.fff…]Z
  if (t.size() < 20 || t.back() != 'Z') return std::nullopt;
  const auto digits = [&](std::size_t at, std::size_t n, int* v) {
    *v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      *v = *v * 10 + (t[i] - '0');
    }
    return true;
  };
  std::tm tm{};
  int year, month, day, hour, minute, second;
  if (!digits(0, 4, &year) || t[4] != '-' || !digits(5, 2, &month) || t[7] != '-' || !digits(8, 2, &day) ||
      t[10] != 'T' || !digits(11, 2, &hour) || t[13] != ':' || !digits(14, 2, &minute) || t[16] != ':' ||
      !digits(17, 2, &second))
    return std::nullopt;
  if (t.size() > 20) {
    if (t[19] != '.' || t.size() == 21) return std::nullopt;
    for (std::size_t i = 20; i + 1 < t.size(); ++i)
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string utc_text(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return out;
}

std::string create_body(const std::string& reference, Cents amount, const std::string& description,
                        const std::string& callback_url) {
  json j{{"amount", amount}, {"currency", "EUR"}, {"reference", reference}, {"description", description}};
  if (!callback_url.empty()) j["callbackUrl"] = callback_url;
  return j.dump();
}

std::string read_created(const std::string& body, const Expected& expected, Payment* out) {
  const json j = parse_object(body);
  if (std::string why = read_common(j, expected, out); !why.empty()) return why;
  if (out->status != Status::pending) return "a new payment that is not PENDING";
  if (out->reference != expected.reference) return "the new payment does not carry our reference";
  const json links = j.contains("_links") && j["_links"].is_object() ? j["_links"] : json::object();
  out->deeplink = links.contains("deeplink") && links["deeplink"].is_object() ? text(links["deeplink"], "href") : "";
  if (out->deeplink.rfind("https://", 0) != 0 || out->deeplink.size() > 512) return "no https deeplink to show";
  const auto expires = parse_utc(text(j, "expiresAt"));
  if (!expires) return "expiresAt missing or malformed";
  out->expires_at = *expires;
  return "";
}

std::string read_payment(const std::string& body, const Expected& expected, Payment* out) {
  const json j = parse_object(body);
  if (std::string why = read_common(j, expected, out); !why.empty()) return why;
  if (const auto e = parse_utc(text(j, "expireAt"))) out->expires_at = *e;
  return "";
}

std::string search_body(const std::string& reference, std::int64_t from) {
  return json{{"reference", reference}, {"from", utc_text(from)}}.dump();
}

std::string read_search(const std::string& body, const std::string& reference, std::vector<Payment>* out) {
  const json j = parse_object(body);
  if (j.is_null()) return "not a JSON object";
  if (!j.contains("details")) return "";  // nothing found
  if (!j["details"].is_array()) return "details is not a list";
  for (const json& d : j["details"]) {
    Payment p;
    const auto amount = d.is_object() ? amount_of(d) : std::nullopt;
    if (!amount) return "a payment without whole cents";
    if (std::string why = read_common(d, Expected{"", reference, *amount}, &p); !why.empty()) return why;
    if (p.reference != reference) return "a payment with another reference";
    out->push_back(std::move(p));
  }
  return "";
}

std::string refund_body(Cents amount, const std::string& description) {
  return json{{"amount", amount}, {"currency", "EUR"}, {"description", description}}.dump();
}

std::string read_refund(const std::string& body, const std::string& payment_id, Cents amount,
                        const std::string& refund_id, Refund* out) {
  const json j = parse_object(body);
  if (j.is_null()) return "not a JSON object";
  out->id = text(j, "refundId");
  if (!valid_id(out->id)) return "refundId missing or malformed";
  if (!refund_id.empty() && out->id != refund_id) return "about another refund";
  out->payment_id = text(j, "paymentId");
  if (out->payment_id != payment_id) return "a refund of another payment";
  const auto a = amount_of(j);
  if (!a || *a != amount) return "refund amount is not the payment's";
  out->amount = *a;
  if (j.contains("currency") && text(j, "currency") != "EUR") return "currency is not EUR";
  const std::string status = text(j, "status");
  if (status == "PENDING") out->status = RefundStatus::pending;
  else if (status == "REFUNDED") out->status = RefundStatus::refunded;
  else if (status == "FAILED") out->status = RefundStatus::failed;
  else return "refund status missing or unknown: '" + status + "'";
  return "";
}

std::string error_code(const std::string& body) {
  const json j = parse_object(body);
  return j.is_null() ? std::string() : text(j, "code");
}

}  // namespace kiosk::bancontact
