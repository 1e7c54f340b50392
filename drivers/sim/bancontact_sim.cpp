#include "bancontact_sim.hpp"

#include <httplib.h>
#include <openssl/evp.h>

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "bancontact/callback_jws.hpp"
#include "bancontact/payment_api.hpp"
#include "net/https.hpp"

namespace kiosk::sim {

using json = nlohmann::json;
using bancontact::Status;

namespace {

constexpr const char* behaviours[] = {"approve", "decline", "never-scan", "scan-never-confirm",
                                      "confirm-while-cancelling", "succeed-after-cancel", "garbage-status"};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Payment {
  std::string id, reference, description, callback_url, behaviour;
  std::int64_t amount = 0, created_ms = 0, expires_ms = 0;
  Status status = Status::pending;
  std::int64_t cancel_ms = 0;   // when the kiosk's cancel came (0: none)
  std::int64_t refunded = 0;    // cents already refunded
  int garbage_left = 0;         // status answers still to spoil
};

// For a query parameter: letters, digits and -._~ as they are, the rest %XX.
std::string url_encoded(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Refund {
  std::string id, payment_id, key, description;
  std::int64_t amount = 0, created_ms = 0;
  std::string status = "PENDING";
};

}  // namespace

bool known_callback_mode(const std::string& name) {
  return name == "normal" || name == "duplicate" || name == "out-of-order" || name == "bad-signature";
}

bool known_bancontact_behaviour(const std::string& name) {
  for (const char* b : behaviours)
    if (name == b) return true;
  return false;
}

struct BancontactSim::Impl {
  BancontactSimOptions o;
  // Callbacks: signed and posted on a thread of their own, in the order the statuses changed.
  struct Callback {
    std::string url, body;
  };
  EVP_PKEY* signing_key = nullptr;
  std::string signing_cert_der;
  std::mutex callback_mutex;
  std::condition_variable callback_cv;
  std::deque<Callback> callbacks;
  std::map<std::string, std::vector<Callback>> held;  // out-of-order: per payment until final
  std::vector<int> answers;
  bool stopping = false;
  std::unique_ptr<bancontact::CallbackKeys> merchant_keys;
  std::set<std::string> merchant_jtis;  // under `mutex`
  std::thread sender;

  ~Impl() {
    {
      std::lock_guard lock(callback_mutex);
      stopping = true;
    }
    callback_cv.notify_all();
    if (sender.joinable()) sender.join();
    EVP_PKEY_free(signing_key);
  }

  bool load_signing_key(std::string* error) {
    if (o.signing_key_path.empty()) return true;
    signing_key = bancontact::read_signing_key(o.signing_key_path, o.signing_cert_path, &signing_cert_der);
    if (!signing_key) {
      *error = "cannot read the signing key " + o.signing_key_path + " or its certificate " + o.signing_cert_path;
      return false;
    }
    sender = std::thread([this] { send_callbacks(); });
    return true;
  }

  // The merchant callback's body for a payment's new status (mutex held).
  void notify(const Payment& p) {
    if (!signing_key || p.callback_url.empty()) return;
    json body = payment_json(p);
    body.erase("_links");
    body.erase("creditor");
    Callback c{p.callback_url, body.dump()};
    std::lock_guard lock(callback_mutex);
    if (o.callback_mode == "out-of-order") {
      std::vector<Callback>& h = held[p.id];
      h.push_back(std::move(c));
      if (!bancontact::is_final(p.status)) return;
      for (auto it = h.rbegin(); it != h.rend(); ++it) callbacks.push_back(*it);
      held.erase(p.id);
    } else {
      callbacks.push_back(std::move(c));
    }
    callback_cv.notify_all();
  }

  int post(const Callback& c, const std::string& signature) {
    std::string host, prefix;
    int port = 0;
    if (!net::parse_https_url(c.url, &host, &port, &prefix)) return 0;
    httplib::SSLClient client(host, port);
    client.enable_server_certificate_verification(true);
    if (!o.callback_ca.empty()) client.set_ca_cert_path(o.callback_ca.c_str());
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(5));
    const httplib::Headers headers{{"Signature", signature}, {"User-Agent", "Payconiq"}};
    const auto r = client.Post(prefix.empty() ? "/" : prefix.c_str(), headers, c.body, "application/json");
    return r ? r->status : 0;
  }

  void send_callbacks() {
    std::unique_lock lock(callback_mutex);
    for (;;) {
      callback_cv.wait(lock, [&] { return stopping || !callbacks.empty(); });
      if (stopping) return;
      const Callback c = std::move(callbacks.front());
      callbacks.pop_front();
      lock.unlock();
      std::string host, prefix;
      int port = 0;
      net::parse_https_url(c.url, &host, &port, &prefix);
      std::string signature = bancontact::sign_callback(signing_key, "wallet-sim", signing_cert_der, c.body, prefix,
                                                        new_id(), now_ms() / 1000);
      if (o.callback_mode == "bad-signature" && signature.size() > 10)
        signature[signature.size() - 5] = signature[signature.size() - 5] == 'A' ? 'B' : 'A';
      std::vector<int> got{post(c, signature)};
      if (o.callback_mode == "duplicate") got.push_back(post(c, signature));  // the same request again
      lock.lock();
      answers.insert(answers.end(), got.begin(), got.end());
    }
  }
  std::unique_ptr<httplib::SSLServer> http;
  std::thread thread;
  int port = 0;
  mutable std::mutex mutex;
  std::vector<std::string> order;  // payment and refund ids, as made
  std::map<std::string, Payment> payments;
  std::map<std::string, Refund> refunds;
  std::size_t next_behaviour = 0;
  std::mt19937_64 random{std::random_device{}()};
  std::mutex random_mutex;

  std::string new_id() {
    std::lock_guard lock(random_mutex);
    static constexpr char hex[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 24; ++i) id += hex[random() % 16];
    return id;
  }

  // The ledger line goes out before the answer that tells of it.
  void write(const json& line) {
    std::ofstream out(o.ledger_path, std::ios::app);
    out << line.dump() << '\n';
    out.flush();
  }
  void record(const Payment& p) {
    write({{"type", "payment"}, {"id", p.id}, {"reference", p.reference}, {"amount_cents", p.amount},
           {"status", bancontact::status_name(p.status)}});
    notify(p);
  }
  void record(const Refund& r) {
    write({{"type", "refund"}, {"id", r.id}, {"payment_id", r.payment_id}, {"amount_cents", r.amount},
           {"status", r.status}, {"key", r.key}});
  }

  // A restarted provider knows what its ledger says; a payment left open is expired.
  void read_ledger() {
    std::ifstream in(o.ledger_path);
    for (std::string line; std::getline(in, line);) {
      const json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      const std::string id = j.value("id", "");
      if (j.value("type", "") == "payment") {
        Payment& p = payments[id];
        if (p.id.empty()) order.push_back(id);
        p.id = id;
        p.reference = j.value("reference", "");
        p.amount = j.value("amount_cents", 0LL);
        p.status = bancontact::parse_status(j.value("status", "")).value_or(Status::expired);
      } else if (j.value("type", "") == "refund") {
        Refund& r = refunds[id];
        if (r.id.empty()) order.push_back(id);
        r.id = id;
        r.payment_id = j.value("payment_id", "");
        r.amount = j.value("amount_cents", 0LL);
        r.status = j.value("status", "");
        r.key = j.value("key", "");
      }
    }
    for (auto& [id, p] : payments)
      if (!bancontact::is_final(p.status)) {
        p.status = Status::expired;
        record(p);
      }
    for (auto& [id, r] : refunds)
      if (r.status == "REFUNDED" && payments.count(r.payment_id)) payments[r.payment_id].refunded += r.amount;
  }

  // Moves a payment along by its behaviour and the time.
  void advance(Payment& p, std::int64_t now) {
    if (bancontact::is_final(p.status) && !(p.behaviour == "succeed-after-cancel" && p.status == Status::cancelled)) return;
    const Status before = p.status;
    const std::int64_t scanned = p.created_ms + o.scan_ms, confirmed = scanned + o.confirm_ms;
    const std::string& b = p.behaviour;
    if (b == "succeed-after-cancel" && p.status == Status::cancelled) {
      if (now >= p.cancel_ms + 1000) p.status = Status::succeeded;
    } else if (b == "confirm-while-cancelling" && p.cancel_ms) {
      p.status = now >= p.cancel_ms + o.confirm_ms ? Status::succeeded : Status::authorized;
    } else if (now >= p.expires_ms) {
      p.status = Status::expired;
    } else if (b == "never-scan") {
    } else if (now >= scanned) {
      // Scanned before confirmed, however late the payment is looked at: a real wallet reports
      // IDENTIFIED on the way, and so do its callbacks.
      if (p.status == Status::pending) {
        p.status = Status::identified;
        record(p);
      }
      if (now >= confirmed && (b == "approve" || b == "garbage-status")) p.status = Status::succeeded;
      else if (now >= confirmed && b == "decline") p.status = Status::authorization_failed;
      // the rest wait at IDENTIFIED for a cancel or the expiry
    }
    if (p.status != before) record(p);
  }

  void advance(Refund& r, std::int64_t now) {
    if (r.status == "PENDING" && now >= r.created_ms + o.refund_ms) {
      r.status = "REFUNDED";
      payments[r.payment_id].refunded += r.amount;
      record(r);
    }
  }

  // The merchant's signature on a request (read with its body, so in the handlers): true when
  // none is required or it is good; else the answer is set.
  bool signed_by_merchant(const httplib::Request& req, httplib::Response& res) {
    if (!merchant_keys) return true;
    bancontact::VerifiedCallback v;
    const std::string why = bancontact::verify_callback(req.get_header_value("Signature"), req.body, req.path,
                                                        *merchant_keys, now_ms() / 1000, 300, &v);
    bool fresh = false;
    if (why.empty()) {
      std::lock_guard lock(mutex);
      fresh = merchant_jtis.insert(v.jti).second;
    }
    if (why.empty() && fresh) return true;
    res.status = 401;
    res.set_content(json{{"code", "UNAUTHORIZED"},
                         {"message", why.empty() ? "request signature seen before" : "request signature: " + why}}
                        .dump(),
                    "application/json");
    return false;
  }

  json payment_json(const Payment& p) const {
    const std::string link = "https://payconiq.com/pay/2/" + p.id;
    json j{{"paymentId", p.id},
           {"status", bancontact::status_name(p.status)},
           {"createdAt", bancontact::utc_text(p.created_ms / 1000)},
           {"expiresAt", bancontact::utc_text(p.expires_ms / 1000)},
           {"expireAt", bancontact::utc_text(p.expires_ms / 1000)},
           {"amount", p.amount},
           {"currency", "EUR"},
           {"reference", p.reference},
           {"description", p.description},
           {"creditor", {{"profileId", "kiosk-sim-profile"}, {"merchantId", "kiosk-sim-merchant"}, {"name", "Kiosk"}}},
           {"_links",
            {{"self", {{"href", "https://merchant.api.bancontact.net/v3/payments/" + p.id}}},
             {"deeplink", {{"href", link}}},
             {"qrcode", {{"href", "https://qrcodegenerator.api.bancontact.net/qrcode?c=" + url_encoded(link)}}}}}};
    if (p.status == Status::succeeded) j["debtor"] = {{"name", "Sam"}, {"iban", "*************12636"}};
    return j;
  }

  json refund_json(const Refund& r) const {
    return {{"refundId", r.id},   {"paymentId", r.payment_id}, {"amount", r.amount},
            {"currency", "EUR"}, {"status", r.status},        {"description", r.description},
            {"creationDate", bancontact::utc_text(r.created_ms / 1000)}};
  }
};

namespace {

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

void answer(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  answer(res, status, {{"code", code}, {"message", message}, {"traceId", "sim"}, {"spanId", "sim"}});
}

}  // namespace

BancontactSim::BancontactSim(BancontactSimOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->o = std::move(options);
  if (impl_->o.script.empty()) impl_->o.script = {"approve"};
  impl_->read_ledger();
}

BancontactSim::~BancontactSim() { stop(); }

bool BancontactSim::listen(const std::string& host, int port, std::string* error_out) {
  Impl& m = *impl_;
  if (!m.load_signing_key(error_out)) return false;
  if (!m.o.merchant_keys_path.empty()) {
    std::ifstream in(m.o.merchant_keys_path);
    std::stringstream text;
    text << in.rdbuf();
    m.merchant_keys = std::make_unique<bancontact::CallbackKeys>();
    if (!in || !m.merchant_keys->load(text.str(), error_out)) {
      *error_out = "merchant keys " + m.o.merchant_keys_path + ": " + (in ? *error_out : std::string("cannot be read"));
      return false;
    }
  }
  m.http = std::make_unique<httplib::SSLServer>(m.o.cert_path.c_str(), m.o.key_path.c_str());
  if (!m.http->is_valid()) {
    *error_out = "cannot use the certificate " + m.o.cert_path + " and key " + m.o.key_path;
    return false;
  }
  httplib::SSLServer& http = *m.http;
  http.set_payload_max_length(16 * 1024);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_max_count(100);
  http.set_keep_alive_timeout(5);
  http.new_task_queue = [] { return new httplib::ThreadPool(4); };

  // Every request carries the merchant's key.
  http.set_pre_routing_handler([&m](const httplib::Request& req, httplib::Response& res) {
    const std::string auth = req.get_header_value("Authorization");
    const std::string bearer = "Bearer ";
    if (auth.rfind(bearer, 0) != 0 || auth.size() == bearer.size() ||
        (!m.o.api_key.empty() && auth.substr(bearer.size()) != m.o.api_key)) {
      error(res, 401, "UNAUTHORIZED", "no valid api key");
      return httplib::Server::HandlerResponse::Handled;
    }

    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.Post("/v3/payments", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    const json j = json::parse(req.body, nullptr, false);
    if (!j.is_object()) return error(res, 400, "BODY_MISSING", "a JSON object is needed");
    if (!j.contains("amount") || !j["amount"].is_number_integer() || j["amount"].get<std::int64_t>() < 1 ||
        j["amount"].get<std::int64_t>() > 999999999999)
      return error(res, 400, "FIELD_IS_INVALID", "amount");
    if (j.contains("currency") && j["currency"] != "EUR") return error(res, 400, "FIELD_IS_INVALID", "currency");
    const std::string reference = text_of(j, "reference");
    if (reference.size() > 35) return error(res, 400, "FIELD_IS_INVALID", "reference");
    const std::string description = text_of(j, "description");
    if (description.size() > 140) return error(res, 400, "FIELD_IS_INVALID", "description");
    const std::string callback = text_of(j, "callbackUrl");
    if (!callback.empty() && callback.rfind("https://", 0) != 0) return error(res, 400, "FIELD_IS_INVALID", "callbackUrl");
    std::lock_guard lock(m.mutex);
    Payment p;
    p.id = m.new_id();
    p.reference = reference;
    p.description = description;
    p.callback_url = callback;
    p.amount = j["amount"].get<std::int64_t>();
    p.created_ms = now_ms();
    p.expires_ms = p.created_ms + m.o.expiry_s * 1000LL;
    p.behaviour = m.o.script[std::min(m.next_behaviour++, m.o.script.size() - 1)];
    p.garbage_left = p.behaviour == "garbage-status" ? 2 : 0;
    m.record(p);
    m.order.push_back(p.id);
    answer(res, 201, m.payment_json(p));
    m.payments[p.id] = std::move(p);
  });

  http.Get(R"(/v3/payments/([^/]+))", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    std::lock_guard lock(m.mutex);
    const auto it = m.payments.find(req.matches[1]);
    if (it == m.payments.end()) return error(res, 404, "PAYMENT_NOT_FOUND", "no such payment");
    Payment& p = it->second;
    if (p.garbage_left > 0) {
      --p.garbage_left;
      res.status = 200;
      res.set_content("<html>gateway timeout</html>", "text/html");
      return;
    }
    m.advance(p, now_ms());
    answer(res, 200, m.payment_json(p));
  });

  http.Delete(R"(/v3/payments/([^/]+))", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    std::lock_guard lock(m.mutex);
    const auto it = m.payments.find(req.matches[1]);
    if (it == m.payments.end()) return error(res, 404, "PAYMENT_NOT_FOUND", "no such payment");
    Payment& p = it->second;
    const std::int64_t now = now_ms();
    m.advance(p, now);
    if (!bancontact::is_cancellable(p.status)) return error(res, 422, "PAYMENT_NOT_PENDING", "not pending");
    p.cancel_ms = now;
    if (p.behaviour == "confirm-while-cancelling") {
      m.advance(p, now);
      return error(res, 422, "PAYMENT_NOT_PENDING", "the customer confirmed");
    }
    p.status = Status::cancelled;
    m.record(p);
    res.status = 204;
  });

  http.Post("/v3/payments/search", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    const json j = json::parse(req.body, nullptr, false);
    if (!j.is_object()) return error(res, 400, "BODY_MISSING", "a JSON object is needed");
    const std::string reference = text_of(j, "reference");
    std::lock_guard lock(m.mutex);
    json details = json::array();
    const std::int64_t now = now_ms();
    for (const std::string& id : m.order) {
      const auto it = m.payments.find(id);
      if (it == m.payments.end() || (!reference.empty() && it->second.reference != reference)) continue;
      m.advance(it->second, now);
      details.push_back(m.payment_json(it->second));
      if (details.size() >= 50) break;
    }
    answer(res, 200, {{"size", details.size()}, {"totalPages", 1}, {"totalElements", details.size()}, {"number", 0}, {"details", details}});
  });

  http.Post(R"(/v3/payments/([^/]+)/refunds)", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    const std::string key = req.get_header_value("Idempotency-Key");
    if (key.empty() || key.size() > 64) return error(res, 400, "VALIDATION_ERROR", "Idempotency-Key");
    const json j = json::parse(req.body, nullptr, false);
    if (!j.is_object() || !j.contains("amount") || !j["amount"].is_number_integer() || j["amount"].get<std::int64_t>() < 1)
      return error(res, 400, "VALIDATION_ERROR", "amount");
    const std::int64_t amount = j["amount"].get<std::int64_t>();
    std::lock_guard lock(m.mutex);
    const auto it = m.payments.find(req.matches[1]);
    if (it == m.payments.end()) return error(res, 422, "PAYMENT_FOR_REFUND_NOT_FOUND", "no such payment");
    Payment& p = it->second;
    for (const auto& [id, r] : m.refunds)
      if (r.key == key) {
        if (r.payment_id != p.id || r.amount != amount) return error(res, 422, "REFUND_REQUEST_CONFLICT", "key used");
        return answer(res, 201, m.refund_json(r));  // the same request again: the same refund
      }
    m.advance(p, now_ms());
    if (p.status != Status::succeeded) return error(res, 422, "REFUND_NOT_POSSIBLE", "not SUCCEEDED");
    std::int64_t pending = 0;
    for (const auto& [id, r] : m.refunds)
      if (r.payment_id == p.id && r.status == "PENDING") pending += r.amount;
    if (amount > p.amount - p.refunded - pending) return error(res, 422, "INVALID_REFUND_AMOUNT", "too much");
    Refund r;
    r.id = m.new_id();
    r.payment_id = p.id;
    r.key = key;
    r.amount = amount;
    r.created_ms = now_ms();
    r.description = text_of(j, "description");
    m.record(r);
    m.order.push_back(r.id);
    answer(res, 201, m.refund_json(r));
    m.refunds[r.id] = std::move(r);
  });

  http.Get(R"(/v3/payments/([^/]+)/refunds/([^/]+))", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.signed_by_merchant(req, res)) return;
    std::lock_guard lock(m.mutex);
    const auto it = m.refunds.find(req.matches[2]);
    if (it == m.refunds.end() || it->second.payment_id != req.matches[1])
      return error(res, 404, "REFUND_NOT_FOUND", "no such refund");
    m.advance(it->second, now_ms());
    answer(res, 200, m.refund_json(it->second));
  });

  m.port = port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
  if (m.port <= 0) {
    *error_out = "cannot listen on " + host + ":" + std::to_string(port);
    return false;
  }
  return true;
}

int BancontactSim::port() const { return impl_->port; }

void BancontactSim::start() {
  impl_->thread = std::thread([this] { impl_->http->listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running().
  for (int i = 0; i < 500 && !impl_->http->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void BancontactSim::serve_forever() { impl_->http->listen_after_bind(); }

void BancontactSim::stop() {
  if (impl_->http) impl_->http->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::vector<int> BancontactSim::callback_answers() const {
  std::lock_guard lock(impl_->callback_mutex);
  return impl_->answers;
}

std::vector<BancontactSim::LedgerEntry> BancontactSim::ledger() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<LedgerEntry> out;
  for (const std::string& id : impl_->order) {
    if (const auto p = impl_->payments.find(id); p != impl_->payments.end())
      out.push_back({"payment", id, "", p->second.reference, p->second.amount, std::string(bancontact::status_name(p->second.status))});
    else if (const auto r = impl_->refunds.find(id); r != impl_->refunds.end())
      out.push_back({"refund", id, r->second.payment_id, "", r->second.amount, r->second.status});
  }
  return out;
}

}  // namespace kiosk::sim
