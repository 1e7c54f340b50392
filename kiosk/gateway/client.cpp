#include "client.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "core/customer_number.hpp"
#include "kept_connections.hpp"
#include "tls_pin.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

using nlohmann::json;

namespace {

// The longest "too soon" wait a call sits out itself; a longer one is left to the caller.
constexpr long long max_rate_wait_ms = 2000;

// One HTTP exchange, reduced to what the kiosk needs to decide.
struct Reply {
  bool transport_ok = false;  // a complete HTTP response arrived over verified TLS
  int status = 0;
  json body;                  // discarded (is_discarded) when not JSON
  std::string error;
  bool json_ok() const { return transport_ok && !body.is_discarded(); }
  // For the log: the transport's error, else the HTTP status.
  std::string detail() const { return error.empty() ? "HTTP " + std::to_string(status) : error; }
};

// How long a "too soon" (429) answer asks to wait, when it names a wait this call sits out: at
// least 10 ms, so that a gateway naming none cannot make the kiosk spin.
std::optional<std::chrono::milliseconds> rate_wait(const Reply& r) {
  if (!r.json_ok() || r.status != 429 || !r.body.is_object()) return std::nullopt;
  const auto wait = r.body.find("retry_after_ms");
  if (wait == r.body.end() || !wait->is_number_integer() || wait->get<long long>() > max_rate_wait_ms)
    return std::nullopt;
  return std::chrono::milliseconds(std::max<long long>(10, wait->get<long long>()));
}

// A string member, or "" when the body is not an object or the member is missing or of another
// type: the gateway's answers are input, and input may be wrong in any way.
std::string text_of(const json& body, const char* key) {
  if (!body.is_object()) return {};
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

struct Client::Impl {
  explicit Impl(Link l) : link(std::move(l)), connections(link) {}
  Link link;
  KeptConnections connections;

  // timeout_ms: this call's limit when less than the link's (a renewal's budget running out).
  // A gateway that says "too soon" (429) has not looked at the request, so it is sent again
  // once the wait it names is over, if that wait fits in the call's limit; else the 429 is the
  // answer and the caller tries again later.
  // Background work (the outbox) passes `sit_out_too_soon` false: its thread is not held, and
  // the 429 is the answer.
  Reply call(const std::string& method, const std::string& path, const json* payload = nullptr, int timeout_ms = 0,
             bool sit_out_too_soon = true) {
    using namespace std::chrono;
    const int limit_ms = timeout_ms > 0 ? std::min(timeout_ms, link.timeout_ms) : link.timeout_ms;
    const auto deadline = steady_clock::now() + milliseconds(limit_ms);
    for (;;) {
      const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
      Reply r = attempt(method, path, payload, static_cast<int>(std::max<long long>(1, left)));
      const std::optional<milliseconds> pause = rate_wait(r);
      if (!sit_out_too_soon || !pause || steady_clock::now() + *pause >= deadline) return r;
      std::this_thread::sleep_for(*pause);
    }
  }

  Reply attempt(const std::string& method, const std::string& path, const json* payload, int timeout_ms) {
    KeptConnections::Lease lease = connections.take();
    if (!lease.client) {
      Reply bad;
      bad.error = "TLS set-up failed (client certificate " + link.client_cert_path + " or its key unusable)";
      return bad;
    }
    httplib::SSLClient& cli = *lease.client;
    const auto t = std::chrono::milliseconds(timeout_ms);
    cli.set_connection_timeout(t);
    cli.set_read_timeout(t);
    cli.set_write_timeout(t);
    httplib::Result r = method == "POST"
                            ? cli.Post(path.c_str(), payload ? payload->dump() : "{}", "application/json")
                            : cli.Get(path.c_str());
    Reply out;
    if (!r) {
      out.error = httplib::to_string(r.error());
      if (r.error() == httplib::Error::SSLServerVerification)
        out.error += lease.pins->mismatch ? " (the gateway's key is not the pinned one)" : " (certificate not trusted)";
      return out;
    }
    out.transport_ok = true;
    out.status = r->status;
    out.body = json::parse(r->body, nullptr, /*allow_exceptions=*/false);
    // Only a connection that brought a well-formed answer serves the next request.
    if (out.body.is_discarded()) out.error = "response is not JSON (HTTP " + std::to_string(r->status) + ", " + std::to_string(r->body.size()) + " bytes)";
    else connections.give_back(std::move(lease));
    return out;
  }
};

Client::Client(Link link) : impl_(std::make_unique<Impl>(std::move(link))) {}
Client::~Client() = default;
long Client::tls_sessions_resumed() const { return impl_->connections.resumed(); }

namespace {

// The brand's plans, into a look-up that found its subscriber; unavailable when they cannot be
// read whole.
void add_plans(Client::Impl& impl, Brand brand, LookupResult& out) {
  Reply plans = impl.call("GET", "/v1/plans/" + std::string(brand_id(brand)));
  if (!plans.json_ok() || plans.status != 200 || !plans.body.contains("plans") || !plans.body["plans"].is_array()) {
    out.detail = "plans: " + plans.detail();
    return;
  }
  for (const json& pj : plans.body["plans"]) {
    auto p = wire::plan_from_json(pj);
    if (!p || p->brand != brand) {
      out.detail = "plans: malformed plan, or another brand's";
      out.plans.clear();
      return;
    }
    out.plans.push_back(std::move(*p));
  }
  if (out.plans.empty()) {
    out.detail = "plans: none for this brand";
    return;
  }
  out.kind = LookupResult::Kind::found;
}

}  // namespace

LookupResult Client::lookup(Brand brand, const MobileNumber& number) {
  LookupResult out;
  Reply sub = impl_->call("GET", "/v1/subscribers/" + std::string(brand_id(brand)) + "/" + e164(number));
  if (!sub.json_ok()) {
    out.detail = sub.error;
    return out;
  }
  if (sub.status == 404 && text_of(sub.body, "error") == "not_found") {
    out.kind = LookupResult::Kind::not_found;
    return out;
  }
  auto subscriber = sub.status == 200 ? wire::subscriber_from_json(sub.body) : std::nullopt;
  if (!subscriber) {
    out.detail = "subscriber: HTTP " + std::to_string(sub.status) + " or malformed body";
    return out;
  }
  out.subscriber = *subscriber;
  add_plans(*impl_, brand, out);
  return out;
}

LookupResult Client::lookup_customer(Brand brand, const std::string& customer_number) {
  LookupResult out;
  if (!valid_customer_number(customer_number)) {
    out.kind = LookupResult::Kind::not_found;
    return out;
  }
  Reply r = impl_->call("GET", "/v1/customers/" + std::string(brand_id(brand)) + "/" + customer_number);
  if (!r.json_ok()) {
    out.detail = r.error;
    return out;
  }
  if (r.status == 404 && text_of(r.body, "error") == "not_found") {
    out.kind = LookupResult::Kind::not_found;
    return out;
  }
  // The number must be a Belgian mobile number, and the subscriber well formed.
  const std::string msisdn = text_of(r.body, "msisdn");
  const PhoneParse number =
      msisdn.rfind("+32", 0) == 0 ? parse_mobile("0032" + msisdn.substr(3)) : PhoneParse{PhoneError::not_belgian};
  auto subscriber = r.status == 200 && r.body.contains("subscriber")
                        ? wire::subscriber_from_json(r.body["subscriber"])
                        : std::nullopt;
  if (!subscriber || !std::holds_alternative<MobileNumber>(number)) {
    out.detail = "customer: HTTP " + std::to_string(r.status) + " or malformed body";
    return out;
  }
  out.subscriber = *subscriber;
  out.number = std::get<MobileNumber>(number);
  add_plans(*impl_, brand, out);
  return out;
}

namespace {

long long int_of(const json& body, const char* key) {
  if (!body.is_object()) return -1;
  const auto it = body.find(key);
  return it != body.end() && it->is_number_integer() ? it->get<long long>() : -1;
}

// Which part of a "delivered" answer is not about the renewal we asked for ("" = none).
std::string differs(const json& body, const Client::Expected& e) {
  if (text_of(body, "reference") != e.reference) return "reference";
  if (text_of(body, "brand") != brand_id(e.brand)) return "brand";
  if (e.number && text_of(body, "msisdn") != e164(*e.number)) return "msisdn";
  if (text_of(body, "plan_id") != e.plan_id) return "plan_id";
  if (int_of(body, "months") != e.months) return "months";
  if (int_of(body, "amount_cents") != e.amount) return "amount_cents";
  return "";
}

enum class Answer { delivered, not_delivered, mismatch };

// A "delivered" answer counts only when it is complete and about this very renewal.
Answer read_delivered(const json& body, const Client::Expected& expected, RenewalResult& out) {
  if (text_of(body, "status") != "delivered") return Answer::not_delivered;
  auto expiry = parse_iso_date(text_of(body, "new_expiry"));
  const std::string confirmation = text_of(body, "confirmation_id");
  if (!expiry || confirmation.empty()) return Answer::not_delivered;
  if (const std::string field = differs(body, expected); !field.empty()) {
    out.kind = RenewalResult::Kind::unknown;
    out.mismatch = true;
    out.detail = "the gateway answered about another renewal (" + field + " differs)";
    return Answer::mismatch;
  }
  out.kind = RenewalResult::Kind::delivered;
  out.confirmation_id = confirmation;
  out.new_expiry = *expiry;
  return Answer::delivered;
}

}  // namespace

RenewalResult Client::renew(const RenewalRequest& req) {
  const json payload{{"reference", req.reference}, {"brand", brand_id(req.brand)},
                     {"msisdn", e164(req.number)},  {"plan_id", req.plan_id},
                     {"months", req.months},        {"amount_cents", req.amount}};
  const Expected expected{req.reference, req.brand, req.number, req.plan_id, req.months, req.amount};
  RenewalResult out;
  constexpr int max_posts = 2;
  constexpr int max_queries = 4;
  bool may_post = true;
  // The whole renewal has a budget: the customer is waiting, and an answer that comes later is
  // found by recovery instead.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(impl_->link.renewal_budget_ms);
  const auto left_ms = [&] {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
  };
  for (int query = 0; query < max_queries && left_ms() > 0; ++query) {
    if (may_post && out.attempts < max_posts) {
      ++out.attempts;
      Reply r = impl_->call("POST", "/v1/renewals", &payload, left_ms());
      if (r.json_ok() && (r.status == 200 || r.status == 201) && read_delivered(r.body, expected, out) != Answer::not_delivered)
        return out;
      if (r.json_ok() && r.status == 409 && text_of(r.body, "error") == "reference_conflict") {
        // The reference is bound to another renewal: ours was not delivered with it, but what
        // was is not ours to judge. Recovery and a person look at it.
        out.kind = RenewalResult::Kind::unknown;
        out.mismatch = true;
        out.detail = "the gateway holds another renewal under this reference";
        return out;
      }
      if (r.json_ok() && r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
        // The gateway looked at the request and refused it: nothing was delivered.
        out.kind = RenewalResult::Kind::failed;
        out.detail = text_of(r.body, "error");
        if (out.detail.empty()) out.detail = "refused";
        return out;
      }
      out.detail = r.detail();
    }
    // The answer was lost or unreadable: ask by reference before anything else.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100 << query, std::max(0, left_ms()))));
    if (left_ms() <= 0) break;
    Reply q = impl_->call("GET", "/v1/renewals/" + req.reference, nullptr, left_ms());
    if (q.json_ok() && q.status == 200 && read_delivered(q.body, expected, out) != Answer::not_delivered) return out;
    // Only a clear "no such renewal" makes another POST safe (and it carries the same key).
    may_post = q.json_ok() && q.status == 404 && text_of(q.body, "error") == "not_found";
    if (!q.json_ok()) out.detail = q.error;
  }
  out.kind = RenewalResult::Kind::unknown;
  if (left_ms() <= 0) out.detail += " (renewal budget spent)";
  return out;
}

Client::Resolution Client::resolve(const Expected& expected) {
  Resolution out;
  Reply r = impl_->call("POST", "/v1/renewals/" + expected.reference + "/void");
  if (!r.json_ok() || r.status != 200) {
    out.detail = r.detail();
    return out;
  }
  RenewalResult delivered;
  const Answer answer = read_delivered(r.body, expected, delivered);
  if (answer == Answer::delivered) {
    out.kind = Resolution::Kind::delivered;
    out.confirmation_id = delivered.confirmation_id;
    out.new_expiry = delivered.new_expiry;
  } else if (answer == Answer::mismatch) {
    out.mismatch = true;
    out.detail = delivered.detail;
  } else if (text_of(r.body, "status") == "void" && text_of(r.body, "reference") == expected.reference) {
    out.kind = Resolution::Kind::closed_undelivered;
  } else {
    out.detail = "unexpected answer to void";
  }
  return out;
}

std::optional<Client::KioskRecord> Client::kiosk_record(std::string* detail) {
  Reply r = impl_->call("GET", "/v1/kiosks/self");
  const std::string id = text_of(r.body, "kiosk_id");
  if (!r.json_ok() || r.status != 200 || id.empty() || !r.body.contains("last_reference") ||
      !r.body["last_reference"].is_string()) {
    if (detail) *detail = r.json_ok() && r.status == 200 ? "malformed answer" : r.detail();
    return std::nullopt;
  }
  return KioskRecord{id, text_of(r.body, "last_reference")};
}

Client::Handover Client::hand_over(const std::string& kind, const std::string& body, std::string* detail) {
  const json payload = json::parse(body, nullptr, false);
  if (payload.is_discarded()) {
    if (detail) *detail = "outbox item is not JSON";
    return Handover::refused;
  }
  const char* path = kind == "sms" ? "/v1/sms" : kind == "reminder" ? "/v1/reminders" : "/v1/reports";
  Reply r = impl_->call("POST", path, &payload, 0, false);
  if (r.json_ok() && (r.status == 200 || r.status == 201)) return Handover::delivered;
  if (detail) *detail = r.detail();
  if (r.json_ok() && r.status == 429) return Handover::too_soon;
  // The gateway read it and said no: sending it again would be refused again. A request that
  // took too long (408) is not a no: it is sent again later.
  if (r.json_ok() && r.status >= 400 && r.status < 500 && r.status != 408) return Handover::refused;
  return Handover::retry;
}

bool Client::set_days_ahead(int days, std::string* detail) {
  const json payload{{"days", days}};
  Reply r = impl_->call("POST", "/v1/admin/clock", &payload);
  if (r.json_ok() && r.status == 200) return true;
  if (detail) *detail = r.detail();
  return false;
}

std::optional<int> Client::relay_reply(const std::string& msisdn, const std::string& text, std::string* detail) {
  const json payload{{"msisdn", msisdn}, {"text", text}};
  Reply r = impl_->call("POST", "/v1/sms/inbound", &payload);
  const auto it = r.json_ok() && r.status == 200 && r.body.is_object() ? r.body.find("withdrawn") : r.body.end();
  if (r.json_ok() && r.status == 200 && it != r.body.end() && it->is_number_integer()) return it->get<int>();
  if (detail) *detail = r.detail();
  return std::nullopt;
}

bool Client::set_fault(const std::string& mode, std::string* detail, const std::string& scope) {
  const json payload{{"mode", mode}, {"scope", scope}};
  Reply r = impl_->call("POST", "/v1/admin/faults", &payload);
  if (r.json_ok() && r.status == 200) return true;
  if (detail) *detail = r.detail();
  return false;
}

}  // namespace kiosk::gateway
