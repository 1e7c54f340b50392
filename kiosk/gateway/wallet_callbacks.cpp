#include "wallet_callbacks.hpp"

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "bancontact/callback_jws.hpp"
#include "bancontact/payment_api.hpp"
#include "log/log.hpp"
#include "store.hpp"

namespace kiosk::gateway {

using json = nlohmann::json;

struct CallbackListener::Impl {
  CallbackListenerOptions options;
  Store* store = nullptr;
  bancontact::CallbackKeys keys;
  std::unique_ptr<httplib::SSLServer> http;
  std::thread thread;
  int port = 0;

  void answer(httplib::Response& res, int status, const std::string& code) {
    res.status = status;
    res.set_content(code.empty() ? "{}" : json{{"code", code}}.dump(), "application/json");
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    bancontact::VerifiedCallback v;
    const std::string why =
        bancontact::verify_callback(req.get_header_value("Signature"), req.body, path, keys, now, options.max_age_s, &v);
    if (!why.empty()) {
      log_warn("wallet callback refused: " + why);
      return answer(res, 401, "UNAUTHORIZED");
    }
    const json j = json::parse(req.body, nullptr, false);
    WalletCallback c;
    c.jti = v.jti;
    if (j.is_object()) {
      c.payment_id = j.value("paymentId", "");
      c.status = j.value("status", "");
      c.reference = j.contains("reference") && j["reference"].is_string() ? j["reference"].get<std::string>() : "";
      c.amount = j.contains("amount") && j["amount"].is_number_integer() ? j["amount"].get<Cents>() : -1;
    }
    if (!bancontact::valid_id(c.payment_id) || !bancontact::parse_status(c.status) || c.amount < 1 ||
        c.reference.size() > 35) {
      log_warn("wallet callback refused: a signed body that is not a payment status");
      return answer(res, 400, "FIELD_IS_INVALID");
    }
    switch (store->record_wallet_callback(c)) {
      case Store::Callback::replay:
        log_warn("wallet callback refused: jti " + v.jti + " seen before");
        return answer(res, 409, "REPLAY");
      case Store::Callback::conflict:
        log_warn("wallet callback refused: " + c.payment_id + " was told before with another reference or amount");
        return answer(res, 409, "CONFLICT");
      case Store::Callback::stored: break;
    }
    log_info("wallet callback: " + c.payment_id + " " + c.status);
    answer(res, 200, "");
  }
};

CallbackListener::CallbackListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CallbackListener::~CallbackListener() { stop(); }

int CallbackListener::port() const { return impl_->port; }

void CallbackListener::stop() {
  if (impl_->http) impl_->http->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::unique_ptr<CallbackListener> CallbackListener::start(const CallbackListenerOptions& options, Store& store,
                                                          std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->store = &store;
  std::ifstream in(options.keys_path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in || !impl->keys.load(text.str(), error)) {
    *error = "wallet callback keys " + options.keys_path + ": " + (in ? *error : std::string("cannot be read"));
    return nullptr;
  }
  impl->http = std::make_unique<httplib::SSLServer>(options.cert_path.c_str(), options.key_path.c_str());
  if (!impl->http->is_valid()) {
    *error = "wallet callbacks: TLS set-up failed";
    return nullptr;
  }
  httplib::SSLServer& http = *impl->http;
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(2, 0);
  http.set_write_timeout(2, 0);
  http.set_keep_alive_max_count(10);
  http.new_task_queue = [] { return new httplib::ThreadPool(4); };
  Impl* self = impl.get();
  http.Post(path, [self](const httplib::Request& req, httplib::Response& res) { self->handle(req, res); });
  impl->port = options.port == 0 ? http.bind_to_any_port(options.host)
                                 : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (impl->port <= 0) {
    *error = "wallet callbacks: cannot listen on " + options.host + ":" + std::to_string(options.port);
    return nullptr;
  }
  impl->thread = std::thread([self] { self->http->listen_after_bind(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll is_running().
  for (int i = 0; i < 500 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return std::unique_ptr<CallbackListener>(new CallbackListener(std::move(impl)));
}

}  // namespace kiosk::gateway
