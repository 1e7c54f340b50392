#include "server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/pricing.hpp"
#include "seed.hpp"
#include "store.hpp"
#include "tls_cert.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

using nlohmann::json;

const char* fault_mode_name(FaultMode m) {
  switch (m) {
    case FaultMode::ok: return "ok";
    case FaultMode::timeout: return "timeout";
    case FaultMode::error: return "error";
    case FaultMode::garbage: return "garbage";
    case FaultMode::refuse: return "refuse";
    case FaultMode::latency: return "latency";
    case FaultMode::lost_answer: return "lost_answer";
    case FaultMode::duplicate: return "duplicate";
  }
  return "ok";
}

bool parse_fault_mode(const std::string& name, FaultMode* mode) {
  for (FaultMode m : {FaultMode::ok, FaultMode::timeout, FaultMode::error, FaultMode::garbage, FaultMode::refuse,
                      FaultMode::latency, FaultMode::lost_answer, FaultMode::duplicate}) {
    if (name == fault_mode_name(m)) {
      *mode = m;
      return true;
    }
  }
  return false;
}

namespace {

CivilDate local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
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
          {"new_expiry", iso_date(r.new_expiry)}, {"created_at", r.created_at}};
}

// A Belgian mobile in E.164 as the gateway keys subscribers.
bool valid_msisdn(const std::string& s) {
  if (s.size() != 12 || s.rfind("+324", 0) != 0) return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<Store> store;
  std::unique_ptr<httplib::SSLServer> http;
  std::thread thread;
  int port = 0;
  std::string cert_path;
  std::atomic<FaultMode> fault{FaultMode::ok};
  // Faults touch only requests under this path ("" = all but /v1/admin/).
  std::mutex scope_mutex;
  std::string fault_scope;
  bool in_scope(const std::string& path) {
    std::lock_guard lock(scope_mutex);
    return path.rfind(fault_scope, 0) == 0;
  }
  FaultMode fault_for(const httplib::Request& req) { return in_scope(req.path) ? fault.load() : FaultMode::ok; }

  void routes();
  void renew(const httplib::Request& req, httplib::Response& res);
};

void Server::Impl::routes() {
  http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/v1/admin/", 0) == 0) return httplib::Server::HandlerResponse::Unhandled;
    switch (fault_for(req)) {
      case FaultMode::ok: return httplib::Server::HandlerResponse::Unhandled;
      case FaultMode::timeout:
        std::this_thread::sleep_for(std::chrono::milliseconds(options.timeout_fault_ms));
        reply_error(res, 504, "timeout", "simulated timeout; nothing was committed");
        return httplib::Server::HandlerResponse::Handled;
      case FaultMode::error:
        reply_error(res, 503, "unavailable", "simulated operator outage");
        return httplib::Server::HandlerResponse::Handled;
      case FaultMode::garbage:
        res.status = 200;
        res.set_content(std::string("\x7f{\"status\": deliv\0ered", 22), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      case FaultMode::latency:
        std::this_thread::sleep_for(std::chrono::milliseconds(options.latency_fault_ms));
        return httplib::Server::HandlerResponse::Unhandled;
      case FaultMode::refuse:  // these are decided in renew(): the body is not read yet here
      case FaultMode::lost_answer:
      case FaultMode::duplicate:
        return httplib::Server::HandlerResponse::Unhandled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http->Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{"status", "ok"}});
  });

  http->Get(R"(/v1/subscribers/([a-z]+)/(\+[0-9]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto brand = parse_brand(req.matches[1].str());
    if (!brand) return reply_error(res, 400, "bad_brand", "unknown brand");
    auto sub = store->find_subscriber(*brand, req.matches[2].str());
    if (!sub) return reply_error(res, 404, "not_found", "no such subscriber at this brand");
    reply(res, 200, wire::to_json(*sub));
  });

  http->Get(R"(/v1/plans/([a-z]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto brand = parse_brand(req.matches[1].str());
    if (!brand) return reply_error(res, 400, "bad_brand", "unknown brand");
    json plans = json::array();
    for (const Plan& p : store->plans(*brand)) plans.push_back(wire::to_json(p));
    reply(res, 200, json{{"plans", plans}});
  });

  http->Post("/v1/renewals", [this](const httplib::Request& req, httplib::Response& res) { renew(req, res); });

  http->Get(R"(/v1/renewals/([A-Za-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto r = store->find_renewal(req.matches[1].str());
    if (!r) return reply_error(res, 404, "not_found", "no renewal with this reference");
    reply(res, 200, renewal_json(*r));
  });

  http->Post(R"(/v1/renewals/([A-Za-z0-9_-]+)/void)", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string reference = req.matches[1].str();
    if (reference.size() > 64) return reply_error(res, 400, "bad_request", "reference too long");
    reply(res, 200, renewal_json(store->void_unless_delivered(reference)));
  });

  http->Get("/v1/renewals", [this](const httplib::Request&, httplib::Response& res) {
    json all = json::array();
    for (const auto& r : store->renewals()) all.push_back(renewal_json(r));
    reply(res, 200, json{{"renewals", all}});
  });

  http->Post("/v1/sms", [this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("reference") || !body.contains("kind") ||
        !body.contains("msisdn") || !body.contains("text") || !body["reference"].is_string() ||
        !body["kind"].is_string() || !body["msisdn"].is_string() || !body["text"].is_string())
      return reply_error(res, 400, "bad_request", "reference, kind, msisdn and text are required");
    if (!valid_msisdn(body["msisdn"].get<std::string>()))
      return reply_error(res, 400, "bad_msisdn", "not a Belgian mobile number");
    const bool queued = store->add_sms({0, body["reference"], body["kind"], body["msisdn"], body["text"], ""});
    reply(res, queued ? 201 : 200, json{{"status", "queued"}, {"replayed", !queued}});
  });

  http->Post("/v1/reports", [this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("reference") || !body["reference"].is_string() ||
        !body.contains("steps") || !body["steps"].is_array())
      return reply_error(res, 400, "bad_request", "reference and steps are required");
    const bool stored = store->add_report(body["reference"].get<std::string>(), body.dump());
    reply(res, stored ? 201 : 200, json{{"status", "stored"}, {"replayed", !stored}});
  });

  http->Get("/v1/sms", [this](const httplib::Request&, httplib::Response& res) {
    json all = json::array();
    for (const auto& m : store->sms())
      all.push_back({{"id", m.id}, {"reference", m.reference}, {"kind", m.kind},
                     {"msisdn", m.msisdn}, {"text", m.text}, {"created_at", m.created_at}});
    reply(res, 200, json{{"sms", all}});
  });

  http->Post("/v1/admin/faults", [this](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    FaultMode mode;
    if (!body.is_object() || !body.contains("mode") || !body["mode"].is_string() ||
        !parse_fault_mode(body["mode"].get<std::string>(), &mode))
      return reply_error(res, 400, "bad_request",
                         "mode must be ok, timeout, error, garbage, refuse, latency, lost_answer or duplicate");
    std::string scope;
    if (body.contains("scope") && body["scope"].is_string()) scope = body["scope"].get<std::string>();
    {
      std::lock_guard lock(scope_mutex);
      fault_scope = scope;
    }
    fault = mode;
    reply(res, 200, json{{"mode", fault_mode_name(mode)}, {"scope", scope}});
  });
}

void Server::Impl::renew(const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return reply_error(res, 400, "bad_request", "body is not a JSON object");
  const auto str = [&](const char* k) {
    return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : std::string();
  };
  const auto num = [&](const char* k) -> long long {
    return body.contains(k) && body[k].is_number_integer() ? body[k].get<long long>() : -1;
  };
  const std::string reference = str("reference");
  if (reference.empty() || reference.size() > 64)
    return reply_error(res, 400, "bad_request", "reference (idempotency key) is required");
  // A known reference answers with the first result, whatever the rest of the body says.
  if (auto first = store->find_renewal(reference)) {
    if (first->status == "void")
      return reply_error(res, 409, "void", "this reference was closed without delivery; the money was returned");
    json out = renewal_json(*first);
    out["replayed"] = true;
    return reply(res, 200, out);
  }
  const FaultMode fault = fault_for(req);
  if (fault == FaultMode::refuse) return reply_error(res, 409, "operator_rejected", "simulated refusal by the operator");
  auto brand = parse_brand(str("brand"));
  const std::string msisdn = str("msisdn");
  const long long months = num("months");
  const long long amount = num("amount_cents");
  if (!brand || !valid_msisdn(msisdn) || months < 1 || months > 24 || amount < 0)
    return reply_error(res, 400, "bad_request", "brand, msisdn, plan_id, months and amount_cents are required");
  auto sub = store->find_subscriber(*brand, msisdn);
  if (!sub) return reply_error(res, 404, "not_found", "no such subscriber at this brand");
  if (sub->status == SubscriberStatus::expired)
    return reply_error(res, 409, "deactivated", "the number is closed for good");
  const auto plans = store->plans(*brand);
  const Plan* plan = find_plan(plans, str("plan_id"));
  if (!plan) return reply_error(res, 409, "unknown_plan", "no such plan at this brand");
  bool duration_ok = false;
  for (int d : plan->durations_months) duration_ok |= d == months;
  if (!duration_ok) return reply_error(res, 409, "bad_duration", "the plan is not sold for this duration");
  const Quote q = quote(*plan, static_cast<int>(months), *sub, local_today());
  if (q.total != amount) return reply_error(res, 409, "price_mismatch", "the price changed; quote again");

  RenewalRecord record;
  record.reference = reference;
  record.brand = *brand;
  record.msisdn = msisdn;
  record.plan_id = plan->id;
  record.months = static_cast<int>(months);
  record.amount = amount;
  record.new_expiry = q.valid_until;
  bool replayed = false;
  RenewalRecord stored = store->deliver(record, &replayed);
  if (fault == FaultMode::duplicate) stored = store->deliver(record, &replayed);
  if (fault == FaultMode::lost_answer) {
    // Committed; the answer never reaches the kiosk in time.
    std::this_thread::sleep_for(std::chrono::milliseconds(options.timeout_fault_ms));
    return reply_error(res, 504, "timeout", "answer held back after commit");
  }
  json out = renewal_json(stored);
  out["replayed"] = replayed;
  reply(res, replayed ? 200 : 201, out);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

std::unique_ptr<Server> Server::start(const ServerOptions& options, std::string* error) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::error_code ec;
  fs::create_directories(options.data_dir, ec);
  impl->cert_path = options.cert_path.empty() ? options.data_dir + "/gateway.crt" : options.cert_path;
  const std::string key_path = options.key_path.empty() ? options.data_dir + "/gateway.key" : options.key_path;
  if (!ensure_self_signed(impl->cert_path, key_path, error)) return nullptr;
  impl->store = Store::open(options.data_dir + "/gateway.sqlite", error);
  if (!impl->store) return nullptr;
  impl->store->seed_if_empty(seed_subscribers(local_today()), seed_plans());

  impl->http = std::make_unique<httplib::SSLServer>(
      impl->cert_path.c_str(), key_path.c_str(), options.client_ca_path.empty() ? nullptr : options.client_ca_path.c_str());
  if (!impl->http->is_valid()) {
    if (error) *error = "TLS set-up failed (certificate " + impl->cert_path + ")";
    return nullptr;
  }
  impl->routes();
  impl->port = options.port == 0 ? impl->http->bind_to_any_port(options.host)
                                 : (impl->http->bind_to_port(options.host, options.port) ? options.port : -1);
  if (impl->port <= 0) {
    if (error) *error = "cannot listen on " + options.host + ":" + std::to_string(options.port);
    return nullptr;
  }
  httplib::SSLServer* http = impl->http.get();
  impl->thread = std::thread([http] { http->listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running().
  for (int i = 0; i < 500 && !http->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }
const std::string& Server::cert_path() const { return impl_->cert_path; }
void Server::set_fault(FaultMode mode) { impl_->fault = mode; }

void Server::stop() {
  if (!impl_ || !impl_->http) return;
  impl_->http->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void Server::wait() {
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace kiosk::gateway
