#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "postgres/postgres.hpp"
#include "store.hpp"

namespace kiosk::gateway {

// The store on PostgreSQL, for a fleet's central gateway: any number of gateway processes on
// one database behave as one. Each decision is one transaction on a unique key (a reference is
// delivered at most once, whoever asks first wins), outboxes are claimed with FOR UPDATE SKIP
// LOCKED, and a call that meets a lost connection or a conflicting transaction is run again
// on a fresh connection for a short while before it gives up with StoreUnavailable.
class PostgresStore final : public Store {
 public:
  struct Options {
    int connections = 8;          // kept open per process
    int retry_budget_ms = 3000;   // how long a call keeps trying while the database is away
  };
  // Connects, creates or migrates the schema (numbered migrations recorded in the database,
  // each in its own transaction). Refused with why when the database cannot be reached or its
  // schema is newer than this program knows.
  static std::unique_ptr<PostgresStore> open(const std::string& conninfo, std::string* error);
  static std::unique_ptr<PostgresStore> open(const std::string& conninfo, const Options& options, std::string* error);
  // The newest migration this program knows.
  static int schema_version();
  ~PostgresStore() override;

  bool apply_catalog(const catalog::CatalogFile& catalog, std::string_view text,
                     const std::vector<SeedSubscriber>& subscribers, std::string* error) override;
  std::uint64_t catalog_version() override;
  std::optional<Brand> sold_brand(std::string_view id) override;
  std::vector<BrandTerms> brand_terms() override;
  std::optional<std::string> msisdn_of_customer(const Brand& brand, const std::string& customer_number) override;
  std::optional<Subscriber> find_subscriber(const Brand& brand, const std::string& msisdn) override;
  std::vector<Plan> plans(const Brand& brand) override;
  std::optional<RenewalRecord> find_renewal(const std::string& reference) override;
  std::vector<RenewalRecord> renewals() override;
  Delivery deliver(RenewalRecord& record, const Subscriber& quoted_from) override;
  RenewalRecord void_unless_delivered(const std::string& kiosk_id, const std::string& reference) override;
  std::string last_reference(const std::string& kiosk_id) override;
  bool add_sms(const SmsRecord& sms) override;
  bool add_reminder(const ReminderRecord& reminder) override;
  Callback record_wallet_callback(const WalletCallback& callback) override;
  void forget_wallet_callbacks_older_than(int seconds) override;
  std::optional<WalletCallback> wallet_payment(const std::string& payment_id) override;
  long long wallet_callbacks_received() override;
  std::vector<ReminderRecord> reminders() override;
  std::optional<ReminderRecord> find_reminder(const std::string& reference) override;
  int queue_due_reminders(CivilDate today) override;
  int withdraw_reminders(const std::string& msisdn) override;
  std::vector<SmsRecord> sms() override;
  int send_queued_sms() override;
  bool add_report(const std::string& kiosk_id, const std::string& reference, const std::string& json) override;
  std::vector<std::pair<std::string, std::string>> reports() override;
  int erase_old_numbers(int days) override;
  void checkpoint() override {}  // PostgreSQL's own autovacuum and checkpoints do this

  // One unit of work on a connection of the pool: in a transaction (committed unless `commit`
  // is cleared) or, for a single statement, on its own.
  struct Work {
    pg::Connection& db;
    bool commit = true;
    pg::Result exec(const std::string& sql, const pg::Params& params = {}) { return db.exec(sql, params); }
  };

 private:
  PostgresStore(std::string conninfo, const Options& options);
  std::unique_ptr<pg::Connection> connect();
  std::unique_ptr<pg::Connection> take();
  void give_back(std::unique_ptr<pg::Connection> c);
  // Runs `body` with retries (see the class comment); `transaction` wraps it in BEGIN/COMMIT.
  template <typename Body>
  auto run(bool transaction, Body body) -> decltype(body(std::declval<Work&>()));
  // A connection whose work failed: rolled back where it still can be, and returned.
  void abandon(std::unique_ptr<pg::Connection> c, bool transaction);
  void attempt_failed(const pg::Error& e, int attempt, std::chrono::steady_clock::time_point deadline);
  void migrate();

  std::string conninfo_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<pg::Connection>> idle_;
  int open_ = 0;  // connections made and not closed, idle or lent
};

template <typename Body>
auto PostgresStore::run(bool transaction, Body body) -> decltype(body(std::declval<Work&>())) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.retry_budget_ms);
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<pg::Connection> c;
    try {
      c = take();
      if (!c->ok()) c->reconnect();
      if (transaction) c->run("BEGIN");
      Work work{*c};
      auto result = body(work);
      if (transaction) c->run(work.commit ? "COMMIT" : "ROLLBACK");
      give_back(std::move(c));
      return result;
    } catch (const pg::Error& e) {
      abandon(std::move(c), transaction);
      attempt_failed(e, attempt, deadline);  // throws when it is time to give up
    } catch (...) {
      abandon(std::move(c), transaction);
      throw;
    }
  }
}

}  // namespace kiosk::gateway
