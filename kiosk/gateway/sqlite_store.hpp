#pragma once
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "sqlite/sqlite.hpp"
#include "store.hpp"

namespace kiosk::gateway {

// The store in one SQLite file in WAL mode: the embedded gateway's and a single stand-alone
// gateway's. Writes are serialised by a mutex within the process and by SQLite's write lock
// (BEGIN IMMEDIATE) between processes; reads run on read-only connections of their own, on the
// last committed state, without waiting for a write and its fsync.
class SqliteStore final : public Store {
 public:
  static std::unique_ptr<SqliteStore> open(const std::string& path, std::string* error);

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
  void checkpoint() override;

 private:
  SqliteStore(sql::Database db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
  template <typename Body>
  auto read(Body body) -> decltype(body(std::declval<sql::Database&>())) {
    auto db = take_reader();
    auto result = body(*db);
    give_back_reader(std::move(db));
    return result;
  }
  // Group commit: concurrent writes are queued, and whichever caller finds no commit under way
  // runs all those queued in one transaction (each in a savepoint of its own), with one fsync.
  // A caller returns once its write is durable, or with its own error.
  struct Job {
    std::function<void()> work;
    std::exception_ptr error;
    bool done = false;
  };
  template <typename Body>
  auto write(Body body) -> decltype(body()) {
    std::optional<decltype(body())> result;
    Job job{[&] { result.emplace(body()); }};
    submit(job);
    return std::move(*result);
  }
  void submit(Job& job);
  void commit(const std::vector<Job*>& batch);  // takes mutex_
  std::unique_ptr<sql::Database> take_reader();
  void give_back_reader(std::unique_ptr<sql::Database> db);
  void add_missing_columns();
  bool apply_catalog_locked(const catalog::CatalogFile& catalog, std::string_view text,
                            const std::vector<SeedSubscriber>& subscribers, std::string* error);  // mutex_ held
  void wrote();  // counts writes; checkpoints the WAL now and then (mutex_ held)
  void truncate_wal();  // mutex_ held
  int writes_since_checkpoint_ = 0;
  std::mutex mutex_;
  sql::Database db_;  // write transactions with mutex_ held
  std::string path_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::vector<Job*> queue_;
  bool committing_ = false;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<sql::Database>> readers_;  // idle read-only connections
};

}  // namespace kiosk::gateway
