#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "core/subscriber.hpp"

struct sqlite3;

namespace kiosk::gateway {

struct RenewalRecord {
  std::string reference;  // the kiosk's transaction reference: the idempotency key
  Brand brand = Brand::proximus;
  std::string msisdn;     // +32…
  std::string plan_id;
  int months = 1;
  Cents amount = 0;
  std::string status;     // delivered | void (the kiosk gave the money back: never deliver it)
  std::string confirmation_id;
  CivilDate new_expiry;
  std::string created_at;
};

struct SmsRecord {
  long long id = 0;
  std::string reference;
  std::string kind;
  std::string msisdn;
  std::string text;
  std::string created_at;
};

struct SeedSubscriber {
  Brand brand;
  std::string msisdn;
  Subscriber subscriber;
};

// The gateway's durable state: subscribers, plans, renewals, SMS outbox. SQLite in WAL mode;
// every write is one transaction. Safe to call from the server's worker threads.
class Store {
 public:
  static std::unique_ptr<Store> open(const std::string& path, std::string* error);
  ~Store();

  void seed_if_empty(const std::vector<SeedSubscriber>& subscribers, const std::vector<Plan>& plans);

  std::optional<Subscriber> find_subscriber(Brand brand, const std::string& msisdn);
  std::vector<Plan> plans(Brand brand);
  std::optional<RenewalRecord> find_renewal(const std::string& reference);
  std::vector<RenewalRecord> renewals();

  // Records the renewal and extends the subscriber, once per reference. If the reference is
  // known already, nothing changes and the first record is returned with `replayed` set.
  RenewalRecord deliver(RenewalRecord record, bool* replayed);
  // Recovery's question "did this reference deliver?", answered so that it stays true: a
  // delivered renewal is returned as it is; otherwise the reference is recorded as void, and a
  // late delivery request with it is refused.
  RenewalRecord void_unless_delivered(const std::string& reference);

  // Queues an SMS once per (reference, kind); returns false if it was there already.
  bool add_sms(const SmsRecord& sms);
  std::vector<SmsRecord> sms();

  // Transaction reports from the kiosks, once per reference; false if it was there already.
  bool add_report(const std::string& reference, const std::string& json);
  std::vector<std::pair<std::string, std::string>> reports();  // (reference, json)

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  std::optional<RenewalRecord> find_renewal_locked(const std::string& reference);  // mutex_ held
  void exec(const char* sql);
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace kiosk::gateway
