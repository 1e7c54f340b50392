#include "broker_client.hpp"

#include <mosquitto.h>

#include <mutex>

#include "fleet/fleet_command.hpp"
#include "fleet/fleet_link.hpp"
#include "fleet/mqtt_session.hpp"

namespace kiosk::console {

namespace {

// The largest message the console takes: a diagnostics bundle (4 MiB) in base64, with room.
constexpr int max_message_bytes = 6 << 20;

class MosquittoClient final : public BrokerClient {
 public:
  MosquittoClient(BrokerOptions options, OnMessage on_message)
      : options_(std::move(options)), on_message_(std::move(on_message)) {}
  ~MosquittoClient() override {
    if (!mosq_) return;
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, true);
    mosquitto_destroy(mosq_);
  }

  bool start(std::string* error) {
    mosq_ = fleet::new_fleet_client(options_.client_id, options_.ca_path, options_.cert_path, options_.key_path, this,
                                    error);
    if (!mosq_) return false;
    mosquitto_connect_callback_set(mosq_, [](mosquitto*, void* self, int rc) {
      static_cast<MosquittoClient*>(self)->connected(rc);
    });
    mosquitto_disconnect_callback_set(mosq_, [](mosquitto*, void* self, int rc) {
      static_cast<MosquittoClient*>(self)->disconnected(rc);
    });
    mosquitto_message_callback_set(mosq_, [](mosquitto*, void* self, const mosquitto_message* m) {
      static_cast<MosquittoClient*>(self)->received(m);
    });
    int rc = mosquitto_connect_async(mosq_, options_.host.c_str(), options_.port, options_.keepalive_s);
    if (rc != MOSQ_ERR_SUCCESS) note("connect: " + std::string(mosquitto_strerror(rc)));
    rc = mosquitto_loop_start(mosq_);
    if (rc != MOSQ_ERR_SUCCESS) return *error = "broker network thread: " + std::string(mosquitto_strerror(rc)), false;
    return true;
  }

  bool send_command(const std::string& kiosk, const std::string& payload, std::string* error) override {
    {
      std::lock_guard lock(mutex_);
      if (!health_.connected) {
        *error = "the broker is not reachable";
        if (!health_.last_error.empty()) *error += " (" + health_.last_error + ")";
        return false;
      }
    }
    const int rc = mosquitto_publish(mosq_, nullptr, fleet::topic(kiosk, "cmd").c_str(), static_cast<int>(payload.size()),
                                     payload.data(), 1, false);
    if (rc != MOSQ_ERR_SUCCESS) return *error = "the broker did not take it: " + std::string(mosquitto_strerror(rc)), false;
    return true;
  }

  Status status() override {
    std::lock_guard lock(mutex_);
    return {health_.connected, health_.last_error};
  }

 private:
  void connected(int rc) {
    std::lock_guard lock(mutex_);
    if (!health_.on_connect(rc)) return;
    for (const char* leaf : {"state", "event", "result", "diagnostics"})
      mosquitto_subscribe(mosq_, nullptr, fleet::topic("+", leaf).c_str(), 1);
  }
  void disconnected(int rc) {
    std::lock_guard lock(mutex_);
    health_.on_disconnect(rc);
  }
  void received(const mosquitto_message* m) {
    if (!m || !m->topic || m->payloadlen < 0 || m->payloadlen > max_message_bytes) return;
    on_message_(m->topic, std::string(static_cast<const char*>(m->payload), static_cast<std::size_t>(m->payloadlen)));
  }
  void note(std::string e) {
    std::lock_guard lock(mutex_);
    health_.last_error = std::move(e);
  }

  BrokerOptions options_;
  OnMessage on_message_;
  mosquitto* mosq_ = nullptr;
  std::mutex mutex_;
  fleet::LinkHealth health_;
};

}  // namespace

std::unique_ptr<BrokerClient> BrokerClient::start(const BrokerOptions& options, OnMessage on_message, std::string* error) {
  auto client = std::make_unique<MosquittoClient>(options, std::move(on_message));
  if (!client->start(error)) return nullptr;
  return client;
}

}  // namespace kiosk::console
