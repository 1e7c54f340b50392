#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_file.hpp"
#include "core/plan.hpp"
#include "core/subscriber.hpp"
#include "sqlite/sqlite.hpp"

namespace kiosk::gateway {

struct RenewalRecord {
  std::string reference;  // the kiosk's transaction reference: the idempotency key
  std::string kiosk_id;   // the kiosk that made it (from its client certificate)
  Brand brand;
  std::string msisdn;     // +32…; masked (+32 4xx xx x1 23) once the retention has passed
  std::string plan_id;
  int months = 1;
  Cents amount = 0;
  Cents bonus = 0;        // credit the promotions add to the number's balance, with the delivery
  std::string status;     // delivered | void (the kiosk gave the money back: never deliver it)
  std::string confirmation_id;
  CivilDate new_expiry;
  std::string created_at;
};

// An expiry reminder the customer asked for: only what it needs, deleted once sent or withdrawn.
struct ReminderRecord {
  std::string reference;  // the renewal it is about: one reminder per renewal
  std::string kiosk_id;
  Brand brand;
  std::string msisdn;
  CivilDate expiry;
  std::string lang;       // the session's language: the text is in it
  CivilDate send_on;
  std::string text;       // as the kiosk wrote it: brand, end date, how to stop
  std::string consent_at; // when the gateway took the request
};

struct SmsRecord {
  long long id = 0;
  std::string reference;
  std::string kind;
  std::string msisdn;     // erased (masked) once sent
  std::string text;       // erased once sent; text_length stays for the record
  std::string created_at;
  std::string kiosk_id;
  std::string sent_at;    // empty while queued
  long long text_length = 0;
};

// What a Bancontact status callback told about a payment.
struct WalletCallback {
  std::string jti;
  std::string payment_id;
  std::string reference;
  Cents amount = 0;
  std::string status;  // PENDING … SUCCEEDED, as the API spells it
};

// Everything a reference is bound to, besides the reference itself, is the same.
bool same_request(const RenewalRecord& a, const RenewalRecord& b);

// What deliver() did with a request.
enum class Delivery { created, replayed, conflict };

// What an operator's brand asks of a renewal, as the catalog the store sells from says.
struct BrandTerms {
  Brand brand;
  Cents reactivation_fee = 0;
  bool customer_numbers = false;
};

struct SeedSubscriber {
  Brand brand;
  std::string msisdn;
  Subscriber subscriber;
  std::string customer_number = {};  // on the SIM card's holder, where the brand uses them
};

// The gateway's durable state: subscribers, plans, renewals, SMS outbox. SQLite in WAL mode;
// every write is one transaction. Safe to call from the server's worker threads.
class Store {
 public:
  static std::unique_ptr<Store> open(const std::string& path, std::string* error);
  ~Store();

  // Sells from `catalog` from now on: its brands' terms and its plans replace the ones kept, in
  // one transaction. Refused (false, with why) when the store already sells from a newer
  // catalog, or from another one with the same version: versions only go up. The simulated
  // operators' subscribers (`subscribers`) are added for every brand of it that has none yet.
  bool apply_catalog(const catalog::CatalogFile& catalog, std::string_view text,
                     const std::vector<SeedSubscriber>& subscribers, std::string* error);
  std::uint64_t catalog_version();
  // The brand with this id, if the catalog sold from has it.
  std::optional<Brand> sold_brand(std::string_view id);
  std::vector<BrandTerms> brand_terms();  // in the catalog's order
  // The phone number (E.164) behind a customer number at this brand, if the brand takes
  // customer numbers and knows this one.
  std::optional<std::string> msisdn_of_customer(const Brand& brand, const std::string& customer_number);

  std::optional<Subscriber> find_subscriber(const Brand& brand, const std::string& msisdn);
  std::vector<Plan> plans(const Brand& brand);
  std::optional<RenewalRecord> find_renewal(const std::string& reference);
  std::vector<RenewalRecord> renewals();

  // Records the renewal and extends the subscriber, once per reference. A reference is bound to
  // what it was made for: a repeat with the same kiosk, number, brand, plan, months and amount
  // returns the first record (replayed); a repeat that differs in any of them changes nothing
  // and is a conflict (`record` is then the stored one).
  Delivery deliver(RenewalRecord& record);
  // Recovery's question "did this reference deliver?", answered so that it stays true: a
  // delivered renewal is returned as it is; otherwise the reference is recorded as void, and a
  // late delivery request with it is refused.
  RenewalRecord void_unless_delivered(const std::string& kiosk_id, const std::string& reference);
  // The newest reference this kiosk delivered or voided ("" if none): a kiosk whose journal
  // does not know it has lost its journal.
  std::string last_reference(const std::string& kiosk_id);

  // Queues an SMS once per (reference, kind); returns false if it was there already.
  bool add_sms(const SmsRecord& sms);
  // Reminders (store_reminders.cpp). add: false when this renewal has one already.
  bool add_reminder(const ReminderRecord& reminder);
  // A verified Bancontact callback: `replay` when its jti was seen before, `conflict` when the
  // payment was told before with another reference or amount (nothing changes either way);
  // else the payment's status moves on to `status` unless it already is further along.
  enum class Callback { stored, replay, conflict };
  Callback record_wallet_callback(const WalletCallback& callback);
  // The jtis kept against replays, older than `seconds`: no longer needed once a callback that
  // old is refused for its age.
  void forget_wallet_callbacks_older_than(int seconds);
  std::optional<WalletCallback> wallet_payment(const std::string& payment_id);
  long long wallet_callbacks_received();
  std::vector<ReminderRecord> reminders();
  std::optional<ReminderRecord> find_reminder(const std::string& reference);
  // Those due by `today` go into the SMS queue (kind "reminder") and are deleted; returns how many.
  int queue_due_reminders(CivilDate today);
  // A STOP from this number: its reminders, and any not yet sent, are deleted; returns how many.
  int withdraw_reminders(const std::string& msisdn);
  std::vector<SmsRecord> sms();
  // Hands queued SMS to the operator's SMS centre (simulated) and erases number and text: the
  // gateway keeps no message longer than it takes to send it. Returns how many were sent.
  int send_queued_sms();

  // Transaction reports from the kiosks, once per reference; false if it was there already.
  bool add_report(const std::string& kiosk_id, const std::string& reference, const std::string& json);
  std::vector<std::pair<std::string, std::string>> reports();  // (reference, json)

  // Masks the numbers of renewals older than `days` (retention of personal data).
  int erase_old_numbers(int days);
  // Folds the WAL into the database and truncates it (also done every few hundred writes).
  void checkpoint();

 private:
  explicit Store(sql::Database db) : db_(std::move(db)) {}
  std::optional<RenewalRecord> find_renewal_locked(const std::string& reference);  // mutex_ held
  void add_missing_columns();
  bool apply_catalog_locked(const catalog::CatalogFile& catalog, std::string_view text,
                            const std::vector<SeedSubscriber>& subscribers, std::string* error);  // mutex_ held
  void wrote();  // counts writes; checkpoints the WAL now and then (mutex_ held)
  void truncate_wal();  // mutex_ held
  int writes_since_checkpoint_ = 0;
  std::mutex mutex_;
  sql::Database db_;  // write transactions with mutex_ held
};

}  // namespace kiosk::gateway
