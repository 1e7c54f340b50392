#pragma once
// An attacker on the kiosk's network during the crash harness: it reads the references the
// kiosk makes as they appear (as anyone could from a receipt's QR code), and races the kiosk to
// the gateway with them, for its own number, with no certificate and with another kiosk's.
#include <atomic>
#include <string>
#include <thread>

#include "gateway/client.hpp"

namespace kiosk::crash {

class Attacker {
 public:
  // `victim_log`: the kiosk's log, where its references appear as they are journaled;
  // `victim_id`: its kiosk id; `own`: a link with another kiosk's certificate.
  Attacker(gateway::Link own, std::string victim_log, std::string victim_id);
  ~Attacker();
  void start();
  void stop();

  int attempts() const { return attempts_; }
  // Requests the gateway carried out for the attacker: any is a breach.
  int breaches() const { return breaches_; }

 private:
  void run();
  void attack(const std::string& reference);
  gateway::Link own_;
  std::string log_, victim_;
  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<int> attempts_{0}, breaches_{0};
};

}  // namespace kiosk::crash
