#include "server.hpp"

#include <httplib.h>
#include <openssl/ssl.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <thread>

#include "client_ca.hpp"
#include "wallet_callbacks.hpp"
#include "clock/local_date.hpp"
#include "connection_pool.hpp"
#include "core/lang.hpp"
#include "core/pricing.hpp"
#include "core/reference.hpp"
#include "log/log.hpp"
#include "rate_limit.hpp"
#include "seed.hpp"
#include "sqlite_store.hpp"
#include "tls_cert.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

using nlohmann::json;

namespace {

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// A refusal decided before the body was read, answered by the handler once it was (see
// routes()). cpp-httplib runs a request's pre-routing and routing on one thread, one request
// at a time.
thread_local std::optional<httplib::Response> deferred_refusal;

bool answer_deferred_refusal(httplib::Response& res) {
  if (!deferred_refusal) return false;
  res = std::move(*deferred_refusal);
  deferred_refusal.reset();
  return true;
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  reply(res, status, json{{"error", code}, {"message", message}});
}

json renewal_json(const RenewalRecord& r) {
  if (r.status == "void") return {{"reference", r.reference}, {"status", r.status}, {"created_at", r.created_at}};
  return {{"reference", r.reference},      {"brand", brand_id(r.brand)},
          {"msisdn", r.msisdn},            {"plan_id", r.plan_id},
          {"months", r.months},            {"amount_cents", r.amount},
          {"status", r.status},            {"confirmation_id", r.confirmation_id},
          {"new_expiry", iso_date(r.new_expiry)}, {"created_at", r.created_at},
          {"bonus_cents", r.bonus}};
}

// A Belgian mobile in E.164 as the gateway keys subscribers.
// "STOP", whatever the case and the blanks around it: the word that ends reminders.
bool is_stop(const std::string& text) {
  std::string word;
  for (char ch : text)
    if (const auto c = static_cast<unsigned char>(ch); !std::isspace(c)) word += static_cast<char>(std::toupper(c));
  return word == "STOP";
}

bool valid_msisdn(const std::string& s) {
  if (s.size() != 12 || s.rfind("+324", 0) != 0) return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The verified client certificate's identity; nullopt when there is none or it names no role.
std::optional<Caller> caller_of(const httplib::Request& req) {
  if (!req.ssl) return std::nullopt;
  X509* peer = SSL_get1_peer_certificate(const_cast<SSL*>(req.ssl));
  if (!peer || SSL_get_verify_result(req.ssl) != X509_V_OK) {
    X509_free(peer);
    return std::nullopt;
  }
  std::optional<Caller> c = gateway::caller_of(peer);
  X509_free(peer);
  return c;
}

// A string field of a request, or "" when it is missing, not a string, or holds a NUL byte (no
// field has one, and PostgreSQL could not store it): the caller then refuses it as missing.
std::string text_field(const json& body, const char* k) {
  const auto it = body.find(k);
  if (it == body.end() || !it->is_string()) return "";
  std::string value = it->get<std::string>();
  return value.find('\0') == std::string::npos ? value : std::string();
}

long long int_field(const json& body, const char* k) {
  const auto it = body.find(k);
  return it != body.end() && it->is_number_integer() ? it->get<long long>() : -1;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<Store> store;
  std::unique_ptr<CallbackListener> callbacks;
  std::unique_ptr<httplib::SSLServer> http;
  std::unique_ptr<RateLimiter> limiter;
  std::thread thread;
  std::thread housekeeping;
  int port = 0;
  std::string cert_path;
  std::atomic<FaultMode> fault{FaultMode::ok};
  // Simulated time for tests (POST /v1/admin/clock, with --allow-faults): days added to today.
  std::atomic<int> clock_offset_days{0};
  CivilDate today() const { return add_days(local_today(), clock_offset_days.load()); }
  // Faults touch only requests under this path ("" = all but /v1/admin/).
  std::mutex scope_mutex;
  std::string fault_scope;
  // stop() wakes the housekeeping and any request a fault is holding back.
  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stopping = false;

  bool in_scope(const std::string& path) {
    std::lock_guard lock(scope_mutex);
    return path.rfind(fault_scope, 0) == 0;
  }
  FaultMode fault_for(const httplib::Request& req) { return in_scope(req.path) ? fault.load() : FaultMode::ok; }
  // Sleeps for a fault; false when the server is stopping meanwhile.
  bool hold(int ms) {
    std::unique_lock lock(stop_mutex);
    return !stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping; });
  }

  void routes();
  // body_unwanted: the refusal must be answered before the body is read (no known caller, a
  // body too large or of unknown length).
  httplib::Server::HandlerResponse admit(const httplib::Request& req, httplib::Response& res, bool* body_unwanted);
  void renew(const Caller& caller, const httplib::Request& req, httplib::Response& res);
  void add_reminder(const Caller& caller, const httplib::Request& req, httplib::Response& res);
  void keep_house();
  // The caller of a request admitted by admit() (which refused those without one).
  static Caller caller(const httplib::Request& req) { return caller_of(req).value_or(Caller{}); }
};

// Before anything is read past the headers: who is calling, may they, and not too often or
// too much. Faults come last, and only for kiosks' requests.
httplib::Server::HandlerResponse Server::Impl::admit(const httplib::Request& req, httplib::Response& res,
                                                     bool* body_unwanted) {
  using HR = httplib::Server::HandlerResponse;
  const std::optional<Caller> who = caller_of(req);
  *body_unwanted = true;  // until the caller is known and the body's size is within bounds
  if (!who) {
    reply_error(res, 401, "unauthenticated", "a client certificate from the gateway's client CA is required");
    return HR::Handled;
  }
  if (req.has_header("Content-Length")) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.size() > 12 || std::strtoull(length.c_str(), nullptr, 10) > options.max_body_bytes) {
      reply_error(res, 413, "too_large", "requests are small JSON documents");
      return HR::Handled;
    }
  } else if (req.method == "POST" && req.get_header_value("Transfer-Encoding") != "") {
    reply_error(res, 411, "length_required", "send the body with a Content-Length");
    return HR::Handled;
  }
  *body_unwanted = false;
  RateLimiter::Clock::duration wait{};
  if (!limiter->allow((who->role == Role::kiosk ? "kiosk:" : "operator:") + who->id, RateLimiter::Clock::now(), &wait)) {
    // Retry-After counts whole seconds; a kiosk pacing itself wants the milliseconds as well.
    const long long wait_ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    res.set_header("Retry-After", std::to_string(std::max(1LL, (wait_ms + 999) / 1000)));
    reply(res, 429, json{{"error", "too_many_requests"}, {"message", "slow down"}, {"retry_after_ms", wait_ms}});
    return HR::Handled;
  }
  const bool admin = req.path.rfind("/v1/admin/", 0) == 0;
  if (admin || who->role == Role::operator_) return HR::Unhandled;
  switch (fault_for(req)) {
    case FaultMode::ok: return HR::Unhandled;
    case FaultMode::timeout:
      hold(options.timeout_fault_ms);
      reply_error(res, 504, "timeout", "simulated timeout; nothing was committed");
      return HR::Handled;
    case FaultMode::error:
      reply_error(res, 503, "unavailable", "simulated operator outage");
      return HR::Handled;
    case FaultMode::garbage:
      res.status = 200;
      res.set_content(std::string("\x7f{\"status\": deliv\0ered", 22), "application/json");
      return HR::Handled;
    case FaultMode::latency:
      hold(options.latency_fault_ms);
      return HR::Unhandled;
    case FaultMode::refuse:  // these are decided in renew(): the body is not read yet here
    case FaultMode::lost_answer:
    case FaultMode::duplicate:
    case FaultMode::cut_after_commit:
      return HR::Unhandled;
  }
  return HR::Unhandled;
}

void Server::Impl::routes() {
  // A store that lost its database decided nothing: the kiosk asks again with the same
  // reference, which is what makes the retry safe.
  http->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const StoreUnavailable& e) {
      log_warn(std::string("store unavailable during ") + req.path + ": " + e.what());
      res.set_header("Retry-After", "1");
      reply_error(res, 503, "store_unavailable", "the gateway's database is not reachable; try again");
    } catch (const std::exception& e) {
      log_warn(std::string("request ") + req.path + " failed: " + e.what());
      reply_error(res, 500, "internal", "the gateway could not answer");
    } catch (...) {
      reply_error(res, 500, "internal", "the gateway could not answer");
    }
  });
  http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    using HR = httplib::Server::HandlerResponse;
    deferred_refusal.reset();
    bool body_unwanted = false;
    if (admit(req, res, &body_unwanted) == HR::Unhandled) return HR::Unhandled;
    // A refusal answered here leaves the request's body unread, and cpp-httplib would read it
    // as the start of the next request on a kept connection (a bare 400, then). A small body
    // of a caller we know is read first; the handler answers with the refusal.
    if (body_unwanted || req.method != "POST") return HR::Handled;
    deferred_refusal = std::move(res);
    res = httplib::Response();
    return HR::Unhandled;
  });

  // Handlers for kiosks and for operators; each refuses the other role.
  const auto for_kiosks = [](auto handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      if (answer_deferred_refusal(res)) return;
      const Caller c = caller(req);
      if (c.role != Role::kiosk) return reply_error(res, 403, "forbidden", "for kiosks only");
      handler(c, req, res);
    };
  };
  const auto for_operators = [](auto handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      if (answer_deferred_refusal(res)) return;
      if (caller(req).role != Role::operator_) return reply_error(res, 403, "forbidden", "for operators only");
      handler(req, res);
    };
  };
  // A kiosk may only touch references made with its own id.
  const auto owned = [](const Caller& c, const std::string& reference, httplib::Response& res) {
    if (reference_of_kiosk(reference, c.id)) return true;
    reply_error(res, 403, "not_your_reference", "a kiosk may only use references that carry its own id");
    return false;
  };

  http->Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{"status", "ok"}});
  });

  http->Get("/v1/kiosks/self", for_kiosks([this](const Caller& c, const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{"kiosk_id", c.id}, {"last_reference", store->last_reference(c.id)}});
  }));

  http->Get(R"(/v1/subscribers/([a-z0-9_]{1,32})/(\+[0-9]+))",
            for_kiosks([this](const Caller&, const httplib::Request& req, httplib::Response& res) {
              // A brand the catalog does not sell has no subscribers to find.
              auto brand = store->sold_brand(req.matches[1].str());
              if (!brand) return reply_error(res, 404, "not_found", "the catalog has no such brand");
              auto sub = store->find_subscriber(*brand, req.matches[2].str());
              if (!sub) return reply_error(res, 404, "not_found", "no such subscriber at this brand");
              reply(res, 200, wire::to_json(*sub));
            }));

  // A customer number stands for the phone number where the brand takes them: the answer
  // carries the number it resolved to, with the subscriber.
  http->Get(R"(/v1/customers/([a-z0-9_]{1,32})/([0-9]{8,12}))",
            for_kiosks([this](const Caller&, const httplib::Request& req, httplib::Response& res) {
              // A brand the catalog does not sell has no subscribers to find.
              auto brand = store->sold_brand(req.matches[1].str());
              if (!brand) return reply_error(res, 404, "not_found", "the catalog has no such brand");
              const auto msisdn = store->msisdn_of_customer(*brand, req.matches[2].str());
              auto sub = msisdn ? store->find_subscriber(*brand, *msisdn) : std::nullopt;
              if (!sub) return reply_error(res, 404, "not_found", "no such customer number at this brand");
              reply(res, 200, json{{"msisdn", *msisdn}, {"subscriber", wire::to_json(*sub)}});
            }));

  http->Get(R"(/v1/plans/([a-z0-9_]{1,32}))", for_kiosks([this](const Caller&, const httplib::Request& req, httplib::Response& res) {
    auto brand = store->sold_brand(req.matches[1].str());
    if (!brand) return reply_error(res, 404, "unknown_brand", "the catalog has no such brand");
    json plans = json::array();
    for (const Plan& p : store->plans(*brand)) plans.push_back(wire::to_json(p));
    reply(res, 200, json{{"plans", plans}});
  }));

  http->Post("/v1/renewals", for_kiosks([this](const Caller& c, const httplib::Request& req, httplib::Response& res) {
    renew(c, req, res);
  }));

  http->Get(R"(/v1/renewals/([A-Za-z0-9_-]{1,80}))",
            [this, owned](const httplib::Request& req, httplib::Response& res) {
              const Caller c = caller(req);
              const std::string reference = req.matches[1].str();
              if (c.role == Role::kiosk && !owned(c, reference, res)) return;
              auto r = store->find_renewal(reference);
              if (!r) return reply_error(res, 404, "not_found", "no renewal with this reference");
              reply(res, 200, renewal_json(*r));
            });

  http->Post(R"(/v1/renewals/([A-Za-z0-9_-]{1,80})/void)",
             for_kiosks([this, owned](const Caller& c, const httplib::Request& req, httplib::Response& res) {
               const std::string reference = req.matches[1].str();
               if (!owned(c, reference, res)) return;
               reply(res, 200, renewal_json(store->void_unless_delivered(c.id, reference)));
             }));

  http->Post("/v1/sms", for_kiosks([this, owned](const Caller& c, const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    const std::string reference = text_field(body, "reference"), kind = text_field(body, "kind");
    const std::string msisdn = text_field(body, "msisdn"), text = text_field(body, "text");
    if (!body.is_object() || reference.empty() || kind.empty() || msisdn.empty() || text.empty())
      return reply_error(res, 400, "bad_request", "reference, kind, msisdn and text are required");
    if (!owned(c, reference, res)) return;
    if (kind.size() > 32 || text.size() > 1000) return reply_error(res, 400, "bad_request", "kind or text too long");
    if (!valid_msisdn(msisdn)) return reply_error(res, 400, "bad_msisdn", "not a Belgian mobile number");
    SmsRecord sms;
    sms.reference = reference;
    sms.kind = kind;
    sms.msisdn = msisdn;
    sms.text = text;
    sms.kiosk_id = c.id;
    const bool queued = store->add_sms(sms);
    reply(res, queued ? 201 : 200, json{{"status", "queued"}, {"replayed", !queued}});
  }));

  // An expiry reminder the customer asked for after a renewal: checked against that renewal.
  http->Post("/v1/reminders", for_kiosks([this](const Caller& c, const httplib::Request& req, httplib::Response& res) {
    add_reminder(c, req, res);
  }));

  // The SMS provider relays replies: STOP withdraws every reminder for the number.
  http->Post("/v1/sms/inbound", for_operators([this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    const std::string msisdn = text_field(body, "msisdn"), text = text_field(body, "text");
    if (!body.is_object() || !valid_msisdn(msisdn) || text.size() > 1000)
      return reply_error(res, 400, "bad_request", "msisdn (a Belgian mobile number) and text are required");
    if (!is_stop(text)) return reply(res, 200, json{{"withdrawn", 0}, {"understood", false}});
    reply(res, 200, json{{"withdrawn", store->withdraw_reminders(msisdn)}, {"understood", true}});
  }));

  http->Post("/v1/reports", for_kiosks([this, owned](const Caller& c, const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    const std::string reference = text_field(body, "reference");
    if (!body.is_object() || reference.empty() || !body.contains("steps") || !body["steps"].is_array())
      return reply_error(res, 400, "bad_request", "reference and steps are required");
    if (!owned(c, reference, res)) return;
    const bool stored = store->add_report(c.id, reference, body.dump());
    reply(res, stored ? 201 : 200, json{{"status", "stored"}, {"replayed", !stored}});
  }));

  // The operator's views. Numbers appear here only until they are erased.
  http->Get("/v1/renewals", for_operators([this](const httplib::Request&, httplib::Response& res) {
    json all = json::array();
    for (const auto& r : store->renewals()) {
      json one = renewal_json(r);
      one["kiosk_id"] = r.kiosk_id;
      all.push_back(one);
    }
    reply(res, 200, json{{"renewals", all}});
  }));

  http->Get("/v1/sms", for_operators([this](const httplib::Request&, httplib::Response& res) {
    json all = json::array();
    for (const auto& m : store->sms())
      all.push_back({{"id", m.id}, {"reference", m.reference}, {"kind", m.kind}, {"msisdn", m.msisdn},
                     {"text", m.text}, {"text_length", m.text_length}, {"kiosk_id", m.kiosk_id},
                     {"created_at", m.created_at}, {"sent_at", m.sent_at}});
    reply(res, 200, json{{"sms", all}});
  }));

  http->Get("/v1/reports", for_operators([this](const httplib::Request&, httplib::Response& res) {
    json all = json::array();
    for (const auto& [reference, text] : store->reports())
      all.push_back({{"reference", reference}, {"report", json::parse(text, nullptr, false)}});
    reply(res, 200, json{{"reports", all}});
  }));

  http->Post("/v1/admin/clock", for_operators([this](const httplib::Request& req, httplib::Response& res) {
    if (!options.allow_faults) return reply_error(res, 404, "not_found", "simulated time is off on this gateway");
    json body = json::parse(req.body, nullptr, false);
    const auto it = body.is_object() ? body.find("days") : body.end();
    if (it == body.end() || !it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 3660)
      return reply_error(res, 400, "bad_request", "days: 0 to 3660");
    clock_offset_days = static_cast<int>(it->get<long long>());
    // Whatever the new day makes due goes out at once.
    const int queued = store->queue_due_reminders(today());
    reply(res, 200, json{{"today", iso_date(today())}, {"reminders_queued", queued}});
  }));

  http->Post("/v1/admin/faults", for_operators([this](const httplib::Request& req, httplib::Response& res) {
    if (!options.allow_faults) return reply_error(res, 404, "not_found", "fault injection is off on this gateway");
    json body = json::parse(req.body, nullptr, false);
    FaultMode mode;
    if (!body.is_object() || !parse_fault_mode(text_field(body, "mode"), &mode))
      return reply_error(res, 400, "bad_request",
                         "mode must be ok, timeout, error, garbage, refuse, latency, lost_answer, duplicate or cut_after_commit");
    const std::string scope = text_field(body, "scope");
    {
      std::lock_guard lock(scope_mutex);
      fault_scope = scope;
    }
    fault = mode;
    reply(res, 200, json{{"mode", fault_mode_name(mode)}, {"scope", scope}});
  }));
}

void Server::Impl::add_reminder(const Caller& c, const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  ReminderRecord r;
  r.reference = text_field(body, "reference");
  r.msisdn = text_field(body, "msisdn");
  r.lang = text_field(body, "lang");
  r.text = text_field(body, "text");
  r.kiosk_id = c.id;
  const auto brand = parse_brand(text_field(body, "brand"));
  const auto expiry = parse_iso_date(text_field(body, "expiry"));
  const auto days = body.is_object() ? body.find("days_before") : body.end();
  if (!body.is_object() || r.reference.empty() || !brand || !expiry || !parse_lang(r.lang) || r.text.empty() ||
      r.text.size() > 480 || days == body.end() || !days->is_number_integer() || days->get<long long>() < 1 ||
      days->get<long long>() > 30)
    return reply_error(res, 400, "bad_request",
                       "reference, msisdn, brand, expiry, lang, days_before (1 to 30) and text (at most 480 bytes) are required");
  if (!valid_msisdn(r.msisdn)) return reply_error(res, 400, "bad_msisdn", "not a Belgian mobile number");
  if (!reference_of_kiosk(r.reference, c.id))
    return reply_error(res, 403, "not_your_reference", "a kiosk may only use references that carry its own id");
  // Only for a renewal this gateway delivered, to its number and brand, ending that day.
  const auto renewal = store->find_renewal(r.reference);
  const bool same_number = renewal && (renewal->msisdn == r.msisdn || renewal->msisdn.find('x') != std::string::npos);
  if (!renewal || renewal->status != "delivered" || renewal->brand != *brand || renewal->new_expiry != *expiry ||
      !same_number)
    return reply_error(res, 409, "reminder_mismatch", "no delivered renewal with this reference, number, brand and end");
  r.brand = *brand;
  r.expiry = *expiry;
  r.send_on = add_days(*expiry, -static_cast<int>(days->get<long long>()));
  if (!(today() < r.send_on)) return reply_error(res, 409, "too_late", "the day to remind is already here");
  const bool added = store->add_reminder(r);
  if (!added) {
    // A repeat is the same request; another body under this reference is refused, never merged.
    const auto kept = store->find_reminder(r.reference);
    if (kept && (kept->msisdn != r.msisdn || kept->send_on != r.send_on || kept->lang != r.lang || kept->text != r.text))
      return reply_error(res, 409, "reference_conflict", "this renewal has another reminder");
  }
  reply(res, added ? 201 : 200, json{{"send_on", iso_date(r.send_on)}, {"replayed", !added}});
}

void Server::Impl::renew(const Caller& caller, const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return reply_error(res, 400, "bad_request", "body is not a JSON object");
  const std::string reference = text_field(body, "reference");
  if (reference.empty()) return reply_error(res, 400, "bad_request", "reference (idempotency key) is required");
  if (!reference_of_kiosk(reference, caller.id))
    return reply_error(res, 403, "not_your_reference", "a kiosk may only use references that carry its own id");
  const auto conflict = [&] {
    log_warn("renewal " + reference + " from " + caller.id + ": refused, the reference is bound to another renewal");
    reply_error(res, 409, "reference_conflict", "this reference was used for another renewal");
  };
  RenewalRecord record;
  record.reference = reference;
  record.kiosk_id = caller.id;
  const auto brand = parse_brand(text_field(body, "brand"));
  record.brand = brand.value_or(Brand{});
  record.msisdn = text_field(body, "msisdn");
  record.plan_id = text_field(body, "plan_id");
  record.months = static_cast<int>(std::clamp(int_field(body, "months"), -1LL, 1000LL));
  record.amount = int_field(body, "amount_cents");
  // A known reference answers with its first record only when the request is the same one.
  if (auto first = store->find_renewal(reference)) {
    if (first->status == "void")
      return reply_error(res, 409, "void", "this reference was closed without delivery; the money was returned");
    if (!brand || first->status != "delivered" || !same_request(*first, record)) return conflict();
    json out = renewal_json(*first);
    out["replayed"] = true;
    return reply(res, 200, out);
  }
  const FaultMode fault = fault_for(req);
  if (fault == FaultMode::refuse) return reply_error(res, 409, "operator_rejected", "simulated refusal by the operator");
  if (!brand || !valid_msisdn(record.msisdn) || record.months < 1 || record.months > 24 || record.amount < 0)
    return reply_error(res, 400, "bad_request", "brand, msisdn, plan_id, months and amount_cents are required");
  // Priced from the subscriber as it is now; when another renewal of the same number lands
  // between the quote and the delivery, the store refuses it (stale) and it is priced again.
  Delivery d = Delivery::stale;
  RenewalRecord stored;
  for (int attempt = 0; attempt < 5 && d == Delivery::stale; ++attempt) {
    auto sub = store->find_subscriber(*brand, record.msisdn);
    if (!sub) return reply_error(res, 404, "not_found", "no such subscriber at this brand");
    if (sub->status == SubscriberStatus::expired)
      return reply_error(res, 409, "deactivated", "the number is closed for good");
    const auto plans = store->plans(*brand);
    const Plan* plan = find_plan(plans, record.plan_id);
    if (!plan) return reply_error(res, 409, "unknown_plan", "no such plan at this brand");
    bool duration_ok = false;
    for (int m : plan->durations_months) duration_ok |= m == record.months;
    if (!duration_ok) return reply_error(res, 409, "bad_duration", "the plan is not sold for this duration");
    const Quote q = quote(*plan, record.months, *sub, today());
    if (q.total != record.amount) return reply_error(res, 409, "price_mismatch", "the price changed; quote again");
    record.new_expiry = q.valid_until;
    record.bonus = q.bonus_credit;
    stored = record;
    d = store->deliver(stored, *sub);
    if (fault == FaultMode::duplicate && d != Delivery::conflict && d != Delivery::stale) {
      stored = record;
      d = store->deliver(stored, *sub);
    }
  }
  if (d == Delivery::stale)
    return reply_error(res, 503, "busy", "the number is being renewed elsewhere; try again with the same reference");
  if (d == Delivery::conflict) return conflict();  // another request with this reference won the race
  if (fault == FaultMode::lost_answer || fault == FaultMode::cut_after_commit) {
    // Committed; the answer never reaches the kiosk in time (nor, after a cut, anything else).
    if (fault == FaultMode::cut_after_commit) this->fault = FaultMode::timeout;
    hold(options.timeout_fault_ms);
    return reply_error(res, 504, "timeout", "answer held back after commit");
  }
  json out = renewal_json(stored);
  out["replayed"] = d == Delivery::replayed;
  reply(res, d == Delivery::replayed ? 200 : 201, out);
}

// SMS go out and are erased; old numbers are masked; the WAL is kept short.
void Server::Impl::keep_house() {
  auto next_retention = std::chrono::steady_clock::now();
  const int tick_ms = options.sms_send_interval_ms > 0 ? options.sms_send_interval_ms : 60000;
  for (;;) {
    try {
      store->queue_due_reminders(today());
      if (options.sms_send_interval_ms > 0) store->send_queued_sms();
      if (std::chrono::steady_clock::now() >= next_retention) {
        store->erase_old_numbers(options.retention_days);
        // A callback's jti guards against replays only while its iat is recent enough to be taken.
        store->forget_wallet_callbacks_older_than(86400);
        store->checkpoint();
        next_retention += std::chrono::hours(1);
      }
    } catch (const std::exception& e) {
      log_warn(std::string("housekeeping: ") + e.what());
    }
    std::unique_lock lock(stop_mutex);
    if (stop_cv.wait_for(lock, std::chrono::milliseconds(tick_ms), [&] { return stopping; })) return;
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

namespace {

bool apply_catalog(Store& store, const std::string& text, std::string* error) {
  const auto catalog = catalog::parse_catalog(text, error);
  if (!catalog) {
    *error = "the catalog cannot be read: " + *error;
    return false;
  }
  if (!store.apply_catalog(*catalog, text, seed_subscribers(local_today(), *catalog), error)) return false;
  log_info("gateway: selling from catalog version " + std::to_string(catalog->version));
  return true;
}

}  // namespace

std::unique_ptr<Server> Server::start(const ServerOptions& options, std::string* error) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);
  impl->cert_path = options.cert_path.empty() ? options.data_dir + "/gateway.crt" : options.cert_path;
  const std::string key_path = options.key_path.empty() ? options.data_dir + "/gateway.key" : options.key_path;
  if (!ensure_self_signed(impl->cert_path, key_path, error)) return nullptr;
  std::string client_ca = options.client_ca_path;
  if (client_ca.empty()) {
    if (!ensure_client_ca(options.data_dir, error)) return nullptr;
    client_ca = client_ca_cert_path(options.data_dir);
  }
  impl->store = options.open_store ? options.open_store(error)
                                   : SqliteStore::open(options.data_dir + "/gateway.sqlite", error);
  if (!impl->store) return nullptr;
  // The catalog decides what is sold and at what price: every quote is checked against it.
  if (std::string why; !apply_catalog(*impl->store, options.catalog_text, &why)) {
    if (error) *error = why;
    return nullptr;
  }
  impl->limiter = std::make_unique<RateLimiter>(options.requests_per_second, options.request_burst);

  impl->http = std::make_unique<httplib::SSLServer>(impl->cert_path.c_str(), key_path.c_str(), client_ca.c_str());
  if (!impl->http->is_valid()) {
    if (error) *error = "TLS set-up failed (certificate " + impl->cert_path + ", client CA " + client_ca + ")";
    return nullptr;
  }
  httplib::SSLServer& http = *impl->http;
  // Kiosks resume their TLS sessions on new connections; OpenSSL resumes a session of a server
  // that verifies its clients only within a named context.
  static const unsigned char session_context[] = "kiosk-gateway";
  SSL_CTX_set_session_id_context(http.ssl_context(), session_context, sizeof session_context - 1);
  const int workers = std::max(2, options.workers), grace = options.stop_grace_ms;
  http.new_task_queue = [workers, grace] {
    return new ConnectionPool(static_cast<std::size_t>(workers), static_cast<std::size_t>(workers), grace);
  };
  const auto io = std::chrono::milliseconds(options.io_timeout_ms);
  http.set_read_timeout(io);
  http.set_write_timeout(io);
  http.set_keep_alive_timeout(1);
  http.set_keep_alive_max_count(20);
  // A kiosk sends its next request on the same connection: without this, Nagle's algorithm and
  // the peer's delayed ACK hold each small answer back for tens of milliseconds.
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(options.max_body_bytes);
  impl->routes();
  impl->port = options.port == 0 ? http.bind_to_any_port(options.host)
                                 : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (impl->port <= 0) {
    if (error) *error = "cannot listen on " + options.host + ":" + std::to_string(options.port);
    return nullptr;
  }
  if (options.callback_port >= 0) {
    CallbackListenerOptions c;
    c.host = options.host;
    c.port = options.callback_port;
    c.cert_path = impl->cert_path;
    c.key_path = key_path;
    c.keys_path = options.wallet_keys_path;
    c.max_body_bytes = options.max_body_bytes;
    impl->callbacks = CallbackListener::start(c, *impl->store, error);
    if (!impl->callbacks) return nullptr;
  }
  impl->thread = std::thread([&http] { http.listen_after_bind(); });
  impl->housekeeping = std::thread([raw = impl.get()] { raw->keep_house(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running().
  for (int i = 0; i < 500 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }
int Server::callback_port() const { return impl_->callbacks ? impl_->callbacks->port() : -1; }
Store& Server::store() { return *impl_->store; }
const std::string& Server::cert_path() const { return impl_->cert_path; }
long Server::tls_sessions_resumed() const { return SSL_CTX_sess_hits(impl_->http->ssl_context()); }

void Server::set_days_ahead(int days) {
  impl_->clock_offset_days = days;
  impl_->store->queue_due_reminders(impl_->today());
}

int Server::relay_reply(const std::string& msisdn, const std::string& text) {
  return is_stop(text) ? impl_->store->withdraw_reminders(msisdn) : 0;
}

int Server::reminders_kept() { return static_cast<int>(impl_->store->reminders().size()); }

bool Server::install_catalog(const std::string& text, std::string* error) {
  return apply_catalog(*impl_->store, text, error);
}

int Server::sms_count(const std::string& kind) {
  int n = 0;
  for (const SmsRecord& m : impl_->store->sms()) n += m.kind == kind;
  return n;
}

void Server::set_fault(FaultMode mode, const std::string& scope) {
  {
    std::lock_guard lock(impl_->scope_mutex);
    impl_->fault_scope = scope;
  }
  impl_->fault = mode;
}

void Server::stop() {
  if (!impl_ || !impl_->http) return;
  {
    std::lock_guard lock(impl_->stop_mutex);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  impl_->http->stop();
  if (impl_->callbacks) impl_->callbacks->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (impl_->housekeeping.joinable()) impl_->housekeeping.join();
}

void Server::wait() {
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stop_cv.wait(lock, [&] { return impl_->stopping; });
}

}  // namespace kiosk::gateway
