#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog_file.hpp"
#include "core/plan.hpp"
#include "core/subscriber.hpp"

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
enum class Delivery { created, replayed, conflict, stale };

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

// Where the gateway's durable state is kept: SQLite (sqlite_store.hpp) for one gateway, the
// default; PostgreSQL (postgres_store.hpp) for several gateways that behave as one. Every
// decision is one transaction, keyed so that it holds under any interleaving of callers, in one
// process or several. Safe to call from the server's worker threads. A store that cannot reach
// its database throws StoreUnavailable: nothing was decided, and the same call may be retried.
struct StoreUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Store {
 public:
  virtual ~Store() = default;

  // Sells from `catalog` from now on: its brands' terms and its plans replace the ones kept, in
  // one transaction. Refused (false, with why) when the store already sells from a newer
  // catalog, or from another one with the same version: versions only go up. The simulated
  // operators' subscribers (`subscribers`) are added for every brand of it that has none yet.
  virtual bool apply_catalog(const catalog::CatalogFile& catalog, std::string_view text,
                             const std::vector<SeedSubscriber>& subscribers, std::string* error) = 0;
  virtual std::uint64_t catalog_version() = 0;
  // The brand with this id, if the catalog sold from has it.
  virtual std::optional<Brand> sold_brand(std::string_view id) = 0;
  virtual std::vector<BrandTerms> brand_terms() = 0;  // in the catalog's order
  // The phone number (E.164) behind a customer number at this brand, if the brand takes
  // customer numbers and knows this one.
  virtual std::optional<std::string> msisdn_of_customer(const Brand& brand, const std::string& customer_number) = 0;

  virtual std::optional<Subscriber> find_subscriber(const Brand& brand, const std::string& msisdn) = 0;
  virtual std::vector<Plan> plans(const Brand& brand) = 0;
  virtual std::optional<RenewalRecord> find_renewal(const std::string& reference) = 0;
  virtual std::vector<RenewalRecord> renewals() = 0;

  // Records the renewal and extends the subscriber, once per reference. A reference is bound to
  // what it was made for: a repeat with the same kiosk, number, brand, plan, months and amount
  // returns the first record (replayed); a repeat that differs in any of them changes nothing
  // and is a conflict (`record` is then the stored one). The renewal was priced from
  // `quoted_from`: when the subscriber has changed since (another renewal of the same number
  // came first), nothing is written and the answer is `stale`: quote again.
  virtual Delivery deliver(RenewalRecord& record, const Subscriber& quoted_from) = 0;
  // Recovery's question "did this reference deliver?", answered so that it stays true: a
  // delivered renewal is returned as it is; otherwise the reference is recorded as void, and a
  // late delivery request with it is refused.
  virtual RenewalRecord void_unless_delivered(const std::string& kiosk_id, const std::string& reference) = 0;
  // The newest reference this kiosk delivered or voided ("" if none): a kiosk whose journal
  // does not know it has lost its journal.
  virtual std::string last_reference(const std::string& kiosk_id) = 0;

  // Queues an SMS once per (reference, kind); returns false if it was there already.
  virtual bool add_sms(const SmsRecord& sms) = 0;
  // Reminders. add: false when this renewal has one already.
  virtual bool add_reminder(const ReminderRecord& reminder) = 0;
  // A verified Bancontact callback: `replay` when its jti was seen before, `conflict` when the
  // payment was told before with another reference or amount (nothing changes either way);
  // else the payment's status moves on to `status` unless it already is further along.
  enum class Callback { stored, replay, conflict };
  virtual Callback record_wallet_callback(const WalletCallback& callback) = 0;
  // The jtis kept against replays, older than `seconds`: no longer needed once a callback that
  // old is refused for its age.
  virtual void forget_wallet_callbacks_older_than(int seconds) = 0;
  virtual std::optional<WalletCallback> wallet_payment(const std::string& payment_id) = 0;
  virtual long long wallet_callbacks_received() = 0;
  virtual std::vector<ReminderRecord> reminders() = 0;
  virtual std::optional<ReminderRecord> find_reminder(const std::string& reference) = 0;
  // Those due by `today` go into the SMS queue (kind "reminder") and are deleted; returns how
  // many this call moved (callers working the same store at once share them out).
  virtual int queue_due_reminders(CivilDate today) = 0;
  // A STOP from this number: its reminders, and any not yet sent, are deleted; returns how many.
  virtual int withdraw_reminders(const std::string& msisdn) = 0;
  virtual std::vector<SmsRecord> sms() = 0;
  // Hands queued SMS to the operator's SMS centre (simulated) and erases number and text: the
  // gateway keeps no message longer than it takes to send it. Returns how many this call sent;
  // each queued SMS is sent by one call only, however many work the queue at once.
  virtual int send_queued_sms() = 0;

  // Transaction reports from the kiosks, once per reference; false if it was there already.
  virtual bool add_report(const std::string& kiosk_id, const std::string& reference, const std::string& json) = 0;
  virtual std::vector<std::pair<std::string, std::string>> reports() = 0;  // (reference, json)

  // Masks the numbers of renewals older than `days` (retention of personal data).
  virtual int erase_old_numbers(int days) = 0;
  // Housekeeping of the database itself (SQLite: folds the WAL into the database).
  virtual void checkpoint() = 0;
};

// Shared by the stores: what they keep and answer is the same whatever the database.
// The number as receipts show it, for what the gateway keeps after the retention.
std::string masked_number(const std::string& msisdn);
// The simulated operator's confirmation id for the n-th renewal stored: the brand's prefix, a
// dash, and 100000 + n.
std::string confirmation_prefix(const Brand& brand);
std::string confirmation_id(const Brand& brand, long long n);
// How far along a Bancontact payment status is: a final one is never replaced, an earlier one
// never replaces.
int wallet_status_rank(const std::string& status);

}  // namespace kiosk::gateway
