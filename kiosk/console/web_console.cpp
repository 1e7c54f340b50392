#include "web_console.hpp"

#include <httplib.h>
#include <openssl/ssl.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "catalog/catalog_file.hpp"
#include "catalog/signed_catalog.hpp"
#include "catalog/signed_envelope.hpp"
#include "fleet/fleet_command.hpp"
#include "gateway/connection_pool.hpp"
#include "gateway/rate_limit.hpp"
#include "gateway/secret_hash.hpp"
#include "sys/random_bytes.hpp"
#include "sys/small_file.hpp"

namespace kiosk::console {

namespace {

using nlohmann::json;
constexpr const char* cookie_name = "__Host-fleet";
constexpr std::size_t max_small_body = 8 * 1024;
// Known to fail: a name that is no account still costs one scrypt, so that the time of the
// answer does not tell which names exist.
constexpr const char* unknown_account_hash =
    "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// The files of the page, by the path they are served at.
struct PageFile {
  const char* path;
  const char* file;
  const char* type;
};
constexpr PageFile page_files[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/console.css", "console.css", "text/css; charset=utf-8"},
    {"/console.js", "console.js", "text/javascript; charset=utf-8"},
    {"/belgium.js", "belgium.js", "text/javascript; charset=utf-8"},
};

std::string cookie_value(const httplib::Request& req) {
  const std::string header = req.get_header_value("Cookie");
  const std::string key = std::string(cookie_name) + "=";
  for (std::size_t at = 0; at < header.size();) {
    while (at < header.size() && (header[at] == ' ' || header[at] == ';')) ++at;
    const std::size_t end = std::min(header.find(';', at), header.size());
    if (header.compare(at, key.size(), key) == 0) return header.substr(at + key.size(), end - at - key.size());
    at = end;
  }
  return "";
}

std::string new_command_id() {
  const std::string hex = random_hex(9);
  return hex.empty() ? "" : "c-" + hex;
}

// Whether a Content-Length says more than `limit` bytes (one that is not a number counts as more).
bool over(const std::string& length, std::size_t limit) {
  if (length.empty()) return false;
  if (length.size() > 9 || length.find_first_not_of("0123456789") != std::string::npos) return true;
  return std::stoul(length) > limit;
}

void answer(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void refuse(httplib::Response& res, int status, const std::string& why) { answer(res, status, json{{"error", why}}); }

class Console final : public WebConsole {
 public:
  Console(WebOptions options, ConsoleParts& parts) : options_(std::move(options)), parts_(parts) {}
  ~Console() override { stop(); }

  bool start(std::string* error) {
    for (const PageFile& f : page_files) {
      auto text = read_small_file(options_.page_dir + "/" + f.file, 1 << 20, error);
      if (!text) return *error = "the console's page: " + *error, false;
      pages_[f.path] = {std::move(*text), f.type};
    }
    http_ = std::make_unique<httplib::SSLServer>(options_.cert_path.c_str(), options_.key_path.c_str());
    if (!http_->is_valid()) return *error = "TLS set-up failed (certificate " + options_.cert_path + ")", false;
    SSL_CTX_set_min_proto_version(http_->ssl_context(), TLS1_2_VERSION);
    const int workers = std::max(2, options_.workers);
    http_->new_task_queue = [workers] {
      return new gateway::ConnectionPool(static_cast<std::size_t>(workers), static_cast<std::size_t>(workers), 1000);
    };
    const auto io = std::chrono::milliseconds(options_.io_timeout_ms);
    http_->set_read_timeout(io);
    http_->set_write_timeout(io);
    http_->set_keep_alive_timeout(5);
    http_->set_keep_alive_max_count(100);
    http_->set_payload_max_length(options_.max_body_bytes);
    // Runs before a body is read: only an operator's command may be large (a catalog), so that
    // nobody without a session can make the console read megabytes.
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!limiter_.allow(req.remote_addr)) {
        refuse(res, 429, "too many requests");
        return httplib::Server::HandlerResponse::Handled;
      }
      const bool large = over(req.get_header_value("Content-Length"), max_small_body) ||
                         !req.get_header_value("Transfer-Encoding").empty();
      if (large && (req.path != "/api/commands" ||
                    !parts_.sessions.find(cookie_value(req), std::chrono::steady_clock::now()))) {
        refuse(res, 413, "too large");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http_->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                     "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Strict-Transport-Security", "max-age=31536000");
      res.set_header("Cache-Control", "no-store");
    });
    routes();
    port_ = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                               : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port_ <= 0) return *error = "cannot listen on " + options_.host + ":" + std::to_string(options_.port), false;
    thread_ = std::thread([this] { http_->listen_after_bind(); });
    for (int i = 0; i < 500 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return true;
  }

  int port() const override { return port_; }

  void stop() override {
    if (!http_) return;
    http_->stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void routes() {
    for (const PageFile& f : page_files)
      http_->Get(f.path, [this, path = std::string(f.path)](const httplib::Request&, httplib::Response& res) {
        const auto& [body, type] = pages_.at(path);
        res.set_content(body, type.c_str());
      });
    http_->Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) { login(req, res); });
    http_->Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
      if (const auto s = session(req, res)) answer(res, 200, json{{"name", s->name}, {"csrf", s->csrf}});
    });
    http_->Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
      const auto s = command_session(req, res);
      if (!s) return;
      parts_.sessions.close(s->token);
      parts_.audit.write({s->name, req.remote_addr, "logout", "", true}, std::time(nullptr));
      res.set_header("Set-Cookie", std::string(cookie_name) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
      answer(res, 200, json{{"ok", true}});
    });
    http_->Get("/api/fleet", [this](const httplib::Request& req, httplib::Response& res) {
      if (!session(req, res)) return;
      const BrokerClient::Status broker = parts_.broker->status();
      std::string snapshot;
      {
        std::lock_guard lock(parts_.view_mutex);
        snapshot = parts_.view->snapshot(std::time(nullptr));
      }
      // The snapshot is a JSON object already: the broker's status goes in front rather than
      // parsing and writing the whole fleet again.
      const std::string status = json{{"connected", broker.connected}, {"error", broker.last_error}}.dump(
          -1, ' ', false, json::error_handler_t::replace);
      res.set_content("{\"broker\":" + status + "," + snapshot.substr(1), "application/json");
    });
    // A diagnostics bundle a kiosk sent back, by the command's id (ids are the console's own).
    http_->Get(R"(/api/diagnostics/(c-[0-9a-f]{18}))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!session(req, res)) return;
      std::string why;
      const auto bundle = read_small_file(diagnostics_file(options_.diagnostics_dir, req.matches[1]), 8 << 20, &why);
      if (!bundle) return refuse(res, 404, "no such bundle");
      res.set_header("Content-Disposition", "attachment; filename=\"diagnostics-" + std::string(req.matches[1]) + ".tar.gz\"");
      res.set_content(*bundle, "application/gzip");
    });
    http_->Post("/api/commands", [this](const httplib::Request& req, httplib::Response& res) { command(req, res); });
  }

  // The session of this request's cookie, of an operator the accounts file still has; else
  // answers 401 and gives nothing.
  std::optional<Session> session(const httplib::Request& req, httplib::Response& res) {
    auto s = parts_.sessions.find(cookie_value(req), std::chrono::steady_clock::now());
    if (s) {
      const auto accounts = parts_.accounts();
      if (std::none_of(accounts.begin(), accounts.end(), [&](const Account& a) { return a.name == s->name; })) {
        parts_.sessions.close(s->token);
        s.reset();
      }
    }
    if (!s) refuse(res, 401, "not logged in");
    return s;
  }

  // A request that changes something: same origin, JSON, the session's CSRF token.
  std::optional<Session> command_session(const httplib::Request& req, httplib::Response& res) {
    if (!same_origin(req)) return refuse(res, 403, "not from this console's page"), std::nullopt;
    auto s = session(req, res);
    if (!s) return std::nullopt;
    if (!same_secret(req.get_header_value("X-CSRF-Token"), s->csrf))
      return refuse(res, 403, "the request lacks this session's CSRF token"), std::nullopt;
    return s;
  }

  // A browser says where a request comes from; a page elsewhere cannot make it say this host.
  static bool same_origin(const httplib::Request& req) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) return false;
    const std::string origin = req.get_header_value("Origin");
    return origin.empty() || origin == "https://" + req.get_header_value("Host");
  }

  void login(const httplib::Request& req, httplib::Response& res) {
    if (!same_origin(req)) return refuse(res, 403, "not from this console's page");
    if (req.body.size() > max_small_body) return refuse(res, 413, "too large");
    const json body = json::parse(req.body, nullptr, false);
    const std::string name = body.is_object() && body.contains("name") && body["name"].is_string() ? body["name"].get<std::string>() : "";
    const std::string password =
        body.is_object() && body.contains("password") && body["password"].is_string() ? body["password"].get<std::string>() : "";
    if (!valid_account_name(name) || password.empty() || password.size() > 256)
      return refuse(res, 400, "a name and a password, please");
    const auto now = std::chrono::steady_clock::now();
    const std::time_t wall = std::time(nullptr);
    std::chrono::steady_clock::duration wait{};
    if (!parts_.guard.may_try(name, req.remote_addr, now, &wait)) {
      parts_.audit.write({name, req.remote_addr, "login_refused", "locked", false}, wall);
      const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(wait).count() + 1;
      return refuse(res, 429, "locked after repeated failures: try again in " + std::to_string(minutes) + " min");
    }
    std::string hash = unknown_account_hash;
    bool known = false;
    for (const Account& a : parts_.accounts())
      if (a.name == name) hash = a.hash, known = true;
    bool ok = false;
    {
      // One scrypt at a time (32 MiB each): a burst of logins cannot exhaust memory.
      std::lock_guard lock(login_mutex_);
      std::string why;
      ok = gateway::verify_secret(hash, password, &why) && known;
    }
    if (!ok) {
      const bool locked = parts_.guard.failed(name, req.remote_addr, now);
      parts_.audit.write({name, req.remote_addr, locked ? "locked" : "login_failed", "", false}, wall);
      return refuse(res, 401, "wrong name or password");
    }
    parts_.guard.succeeded(name);
    const auto s = parts_.sessions.open(name, now);
    if (!s || !parts_.audit.write({name, req.remote_addr, "login", "", true}, wall)) {
      if (s) parts_.sessions.close(s->token);
      return refuse(res, 500, "the login cannot be written down");
    }
    res.set_header("Set-Cookie", std::string(cookie_name) + "=" + s->token +
                                     "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=43200");
    answer(res, 200, json{{"name", s->name}, {"csrf", s->csrf}});
  }

  // {"target": "all" | "group:NAME" | "kiosk:ID", "command": …, and the command's arguments}.
  void command(const httplib::Request& req, httplib::Response& res) {
    const auto s = command_session(req, res);
    if (!s) return;
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) return refuse(res, 400, "not a JSON object");
    const auto text = [&body](const char* key) {
      return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
    };
    const std::string target = text("target"), name = text("command");
    json request = {{"command", name}};
    std::string detail;
    if (name == "out-of-service") {
      if (!body.contains("out") || !body["out"].is_boolean()) return refuse(res, 400, "out: true or false");
      request["out"] = body["out"];
      if (body["out"].get<bool>()) {
        const std::string reason = text("reason");
        if (reason.empty() || reason.size() > 320) return refuse(res, 400, "a reason customers will read, please");
        request["reason"] = reason;
        detail = "out: " + reason;
      } else {
        detail = "back in service";
      }
    } else if (name == "catalog-install") {
      const std::string file = text("file");
      std::string why;
      const auto version = catalog_version(file, &why);
      if (!version) return refuse(res, 400, "the catalog: " + why);
      request["file"] = file;
      detail = "catalog version " + std::to_string(*version);
    } else if (name != "end-of-day" && name != "restart" && name != "diagnostics") {
      return refuse(res, 400, "not a command the console sends");
    }
    std::vector<std::string> kiosks;
    {
      std::lock_guard lock(parts_.view_mutex);
      kiosks = parts_.view->targets(target);
    }
    if (kiosks.empty()) return refuse(res, 400, "no kiosk is named by '" + target.substr(0, 80) + "'");
    const std::time_t now = std::time(nullptr);
    // Written down before anything goes out: a command nobody can trace is not sent.
    const std::string what = name + " to " + target + (detail.empty() ? "" : ": " + detail) + " (" +
                             std::to_string(kiosks.size()) + (kiosks.size() == 1 ? " kiosk)" : " kiosks)");
    if (!parts_.audit.write({s->name, req.remote_addr, "command", what, true}, now))
      return refuse(res, 500, "the audit log cannot be written: nothing was sent");
    json sent = json::array();
    for (const std::string& kiosk : kiosks) {
      CommandRecord r{new_command_id(), kiosk, name, detail, s->name, now, now + options_.command_expiry_s};
      if (r.id.empty()) return refuse(res, 500, "no random ids can be made");
      json message = request;
      message["id"] = r.id;
      message["expires"] = fleet::iso_utc(r.expires);
      message["sent_by"] = s->name;
      std::string why;
      const bool ok = parts_.broker->send_command(kiosk, message.dump(), &why);
      if (!ok) r.local_error = why;
      sent.push_back({{"kiosk", kiosk}, {"id", r.id}, {"sent", ok}, {"error", why}});
      std::lock_guard lock(parts_.view_mutex);
      parts_.view->command_sent(std::move(r));
    }
    answer(res, 200, json{{"commands", std::move(sent)}});
  }

  // The version a catalog file says it is, checked against the operator's key when the console
  // has it (then a bad signature is refused here, before any kiosk sees it).
  std::optional<std::uint64_t> catalog_version(const std::string& file, std::string* why) {
    if (file.empty() || file.size() > catalog::max_signed_catalog_bytes) return *why = "empty or too large", std::nullopt;
    std::optional<std::string> text;
    if (!options_.catalog_key_text.empty()) {
      text = catalog::verified_catalog_text(options_.catalog_key_text, file, why);
    } else if (const auto envelope = catalog::read_envelope(file, why)) {
      text = envelope->catalog;
    }
    if (!text) return std::nullopt;
    const auto parsed = catalog::parse_catalog(*text, why);
    if (!parsed) return std::nullopt;
    return parsed->version;
  }

  WebOptions options_;
  ConsoleParts& parts_;
  gateway::RateLimiter limiter_{20, 60};
  std::mutex login_mutex_;
  std::map<std::string, std::pair<std::string, std::string>> pages_;
  std::unique_ptr<httplib::SSLServer> http_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace

std::string diagnostics_file(const std::string& dir, const std::string& command_id) {
  return dir + "/" + command_id + ".tar.gz";
}

std::unique_ptr<WebConsole> WebConsole::start(const WebOptions& options, ConsoleParts& parts, std::string* error) {
  auto console = std::make_unique<Console>(options, parts);
  if (!console->start(error)) return nullptr;
  return console;
}

}  // namespace kiosk::console
