#include "attacker.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>

#include "clock/local_date.hpp"
#include "core/pricing.hpp"
#include "core/reference.hpp"

namespace kiosk::crash {

namespace {
const MobileNumber attacker_number{"470000003"};  // an active subscriber of the seed data

}  // namespace

Attacker::Attacker(gateway::Link own, std::string victim_log, std::string victim_id)
    : own_(std::move(own)), log_(std::move(victim_log)), victim_(std::move(victim_id)) {}

Attacker::~Attacker() { stop(); }

void Attacker::start() {
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void Attacker::stop() {
  running_ = false;
  if (thread_.joinable()) thread_.join();
}

void Attacker::run() {
  std::set<std::string> seen;
  while (running_) {
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) {
      // "<reference> <step>": the reference is the word that carries the victim's id.
      const auto at = line.find(victim_ + "-");
      if (at == std::string::npos) continue;
      const std::string reference = line.substr(at, line.find(' ', at) - at);
      if (reference_of_kiosk(reference, victim_) && seen.insert(reference).second) attack(reference);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void Attacker::attack(const std::string& reference) {
  gateway::Link anonymous = own_;
  anonymous.client_cert_path.clear();
  anonymous.client_key_path.clear();
  anonymous.renewal_budget_ms = anonymous.timeout_ms;
  gateway::Link mine = own_;
  mine.renewal_budget_ms = mine.timeout_ms;
  // The right price for the attacker's number, so that only the gateway's checks stop it.
  gateway::Client with_cert(mine);
  const gateway::LookupResult looked = with_cert.lookup(Brand{"proximus"}, attacker_number);
  if (looked.kind != gateway::LookupResult::Kind::found || looked.plans.empty()) {
    std::cerr << "attacker: cannot look its own number up\n";
    return;
  }
  const Plan& plan = looked.plans.front();
  const Cents price = quote(plan, plan.durations_months.front(), looked.subscriber, local_today()).total;
  const gateway::RenewalRequest hijack{reference, Brand{"proximus"}, attacker_number, plan.id,
                                       plan.durations_months.front(), price};
  for (gateway::Link* link : {&anonymous, &mine}) {
    gateway::Client c(*link);
    ++attempts_;
    if (c.renew(hijack).kind == gateway::RenewalResult::Kind::delivered) ++breaches_;
    // Closing the kiosk's reference would make its customer's delivery fail.
    ++attempts_;
    if (c.resolve({reference, Brand{"proximus"}, attacker_number, plan.id, plan.durations_months.front(), price}).kind !=
        gateway::Client::Resolution::Kind::unknown)
      ++breaches_;
  }
}

}  // namespace kiosk::crash
