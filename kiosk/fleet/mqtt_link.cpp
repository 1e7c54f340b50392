#include "mqtt_link.hpp"

#include "fleet_command.hpp"
#include "mqtt_session.hpp"

#include <mosquitto.h>

#include <deque>
#include <mutex>

namespace kiosk::fleet {

namespace {

// Commands the kiosk has not taken yet (it takes them every frame): at most this many, each at
// most max_command_bytes, so that a flood from the broker cannot fill the kiosk's memory.
constexpr std::size_t max_commands_waiting = 16;

class MqttLink final : public FleetLink {
 public:
  explicit MqttLink(FleetOptions options) : options_(std::move(options)) {}
  ~MqttLink() override {
    if (!mosq_) return;
    // A clean stop sends no last will: the kiosk says itself that it is offline.
    bool was_connected = false;
    {
      std::lock_guard lock(mutex_);
      was_connected = health_.connected;
      if (health_.connected) {
        const std::string offline = offline_state(options_.kiosk_id);
        mosquitto_publish(mosq_, nullptr, topic(options_.kiosk_id, "state").c_str(), static_cast<int>(offline.size()),
                          offline.data(), 1, true);
      }
    }
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, !was_connected);
    mosquitto_destroy(mosq_);
  }

  bool start(std::string* error) {
    mosq_ = new_fleet_client(options_.kiosk_id, options_.ca_path, options_.cert_path, options_.key_path, this, error);
    if (!mosq_) return false;
    const std::string will = offline_state(options_.kiosk_id);
    int rc = mosquitto_will_set(mosq_, topic(options_.kiosk_id, "state").c_str(), static_cast<int>(will.size()),
                            will.data(), 1, true);
    if (rc != MOSQ_ERR_SUCCESS) return *error = "fleet last will: " + std::string(mosquitto_strerror(rc)), false;
    mosquitto_connect_callback_set(mosq_, [](mosquitto*, void* self, int rc) { static_cast<MqttLink*>(self)->connected(rc); });
    mosquitto_disconnect_callback_set(mosq_, [](mosquitto*, void* self, int rc) {
      static_cast<MqttLink*>(self)->disconnected(rc);
    });
    mosquitto_publish_callback_set(mosq_, [](mosquitto*, void* self, int mid) { static_cast<MqttLink*>(self)->acked(mid); });
    mosquitto_message_callback_set(mosq_, [](mosquitto*, void* self, const mosquitto_message* m) {
      static_cast<MqttLink*>(self)->received(m);
    });
    rc = mosquitto_connect_async(mosq_, options_.host.c_str(), options_.port, options_.keepalive_s);
    if (rc != MOSQ_ERR_SUCCESS) note_error("connect: " + std::string(mosquitto_strerror(rc)));
    rc = mosquitto_loop_start(mosq_);
    if (rc != MOSQ_ERR_SUCCESS) return *error = "fleet network thread: " + std::string(mosquitto_strerror(rc)), false;
    return true;
  }

  void publish_state(std::string json) override {
    std::lock_guard lock(mutex_);
    state_ = std::move(json);
    state_sent_ = false;
    if (health_.connected) send_state();
  }

  void publish(std::string_view leaf, std::string json) override {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.max_queued) {
      queue_.pop_front();
      ++dropped_;
    }
    queue_.push_back({std::string(leaf), std::move(json), -1});
    if (health_.connected) send(queue_.back());
  }

  std::vector<std::string> take_commands() override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out(std::make_move_iterator(commands_.begin()), std::make_move_iterator(commands_.end()));
    commands_.clear();
    return out;
  }

  Status status() override {
    std::lock_guard lock(mutex_);
    return {health_.connected, dropped_, queue_.size(), health_.last_error};
  }

 private:
  struct Outgoing {
    std::string leaf, payload;
    int mid;  // -1 until handed to the broker; removed when it acknowledges
  };

  // On the network thread.
  void connected(int rc) {
    std::lock_guard lock(mutex_);
    if (!health_.on_connect(rc)) return;
    mosquitto_subscribe(mosq_, nullptr, topic(options_.kiosk_id, "cmd").c_str(), 1);
    state_sent_ = false;
    send_state();
    for (Outgoing& o : queue_) send(o);  // again: what was not acknowledged before the break
  }
  void disconnected(int rc) {
    std::lock_guard lock(mutex_);
    health_.on_disconnect(rc);
  }
  void acked(int mid) {
    std::lock_guard lock(mutex_);
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (it->mid == mid) {
        queue_.erase(it);
        return;
      }
  }
  void received(const mosquitto_message* m) {
    if (!m || !m->payload || m->payloadlen <= 0 || static_cast<std::size_t>(m->payloadlen) > max_command_bytes) return;
    std::lock_guard lock(mutex_);
    if (commands_.size() >= max_commands_waiting) return;  // the console sends again after its expiry
    commands_.emplace_back(static_cast<const char*>(m->payload), static_cast<std::size_t>(m->payloadlen));
  }
  void note_error(std::string e) {
    std::lock_guard lock(mutex_);
    health_.last_error = std::move(e);
  }

  // mutex_ held.
  void send_state() {
    if (state_.empty() || state_sent_) return;
    const int rc = mosquitto_publish(mosq_, nullptr, topic(options_.kiosk_id, "state").c_str(),
                                     static_cast<int>(state_.size()), state_.data(), 1, true);
    state_sent_ = rc == MOSQ_ERR_SUCCESS;
  }
  void send(Outgoing& o) {
    int mid = -1;
    if (mosquitto_publish(mosq_, &mid, topic(options_.kiosk_id, o.leaf).c_str(), static_cast<int>(o.payload.size()),
                          o.payload.data(), 1, false) == MOSQ_ERR_SUCCESS)
      o.mid = mid;
  }

  FleetOptions options_;
  mosquitto* mosq_ = nullptr;
  std::mutex mutex_;
  LinkHealth health_;
  std::string state_;
  bool state_sent_ = false;
  std::deque<Outgoing> queue_;
  std::uint64_t dropped_ = 0;
  std::deque<std::string> commands_;
};

}  // namespace

std::unique_ptr<FleetLink> connect_mqtt(const FleetOptions& options, std::string* error) {
  auto link = std::make_unique<MqttLink>(options);
  if (!link->start(error)) return nullptr;
  return link;
}

}  // namespace kiosk::fleet
