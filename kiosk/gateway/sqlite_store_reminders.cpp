// Expiry reminders: kept until they are due, then handed to the SMS queue and deleted.
#include "sqlite_store.hpp"

namespace kiosk::gateway {

using sql::Statement;

bool SqliteStore::add_reminder(const ReminderRecord& r) {
  return write([&] {
    Statement ins(db_,
                  "INSERT OR IGNORE INTO reminders (reference, kiosk_id, brand, msisdn, expiry, lang, send_on, text) "
                  "VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, r.reference)
        .bind(2, r.kiosk_id)
        .bind(3, std::string(brand_id(r.brand)))
        .bind(4, r.msisdn)
        .bind(5, iso_date(r.expiry))
        .bind(6, r.lang)
        .bind(7, iso_date(r.send_on))
        .bind(8, r.text)
        .run();
    return db_.changes() > 0;
  });
}

namespace {

constexpr const char* reminder_columns =
    "SELECT reference, kiosk_id, brand, msisdn, expiry, lang, send_on, text, consent_at FROM reminders ";

ReminderRecord reminder_from(Statement& q) {
  ReminderRecord r;
  r.reference = q.text(0);
  r.kiosk_id = q.text(1);
  r.brand = parse_brand(q.text(2)).value_or(Brand{});
  r.msisdn = q.text(3);
  r.expiry = parse_iso_date(q.text(4)).value_or(CivilDate{});
  r.lang = q.text(5);
  r.send_on = parse_iso_date(q.text(6)).value_or(CivilDate{});
  r.text = q.text(7);
  r.consent_at = q.text(8);
  return r;
}

}  // namespace

std::vector<ReminderRecord> SqliteStore::reminders() {
  return read([&](sql::Database& db) -> std::vector<ReminderRecord> {
    Statement q(db, (std::string(reminder_columns) + "ORDER BY send_on, reference").c_str());
    std::vector<ReminderRecord> out;
    while (q.step()) out.push_back(reminder_from(q));
    return out;
  });
}

std::optional<ReminderRecord> SqliteStore::find_reminder(const std::string& reference) {
  return read([&](sql::Database& db) -> std::optional<ReminderRecord> {
    Statement q(db, (std::string(reminder_columns) + "WHERE reference = ?").c_str());
    q.bind(1, reference);
    if (!q.step()) return std::nullopt;
    return reminder_from(q);
  });
}

int SqliteStore::queue_due_reminders(CivilDate today) {
  std::lock_guard lock(mutex_);
  // Asked every housekeeping tick: a look at the index, and no transaction, while nothing is due.
  {
    Statement due(db_, "SELECT EXISTS (SELECT 1 FROM reminders WHERE send_on <= ?)");
    due.bind(1, iso_date(today)).step();
    if (due.integer(0) == 0) return 0;
  }  // its read ends here: a write transaction may not start inside another's snapshot
  int queued = 0;
  db_.transaction([&] {
    // ISO dates compare as text.
    Statement move(db_,
                   "INSERT OR IGNORE INTO sms (reference, kind, msisdn, text, kiosk_id, text_length) "
                   "SELECT reference, 'reminder', msisdn, text, kiosk_id, length(text) FROM reminders WHERE send_on <= ?");
    move.bind(1, iso_date(today)).run();
    Statement del(db_, "DELETE FROM reminders WHERE send_on <= ?");
    del.bind(1, iso_date(today)).run();
    queued = db_.changes();
  });
  if (queued > 0) truncate_wal();  // the WAL still holds the deleted rows' numbers
  return queued;
}

int SqliteStore::withdraw_reminders(const std::string& msisdn) {
  std::lock_guard lock(mutex_);
  int removed = 0;
  db_.transaction([&] {
    Statement del(db_, "DELETE FROM reminders WHERE msisdn = ?");
    del.bind(1, msisdn).run();
    removed = db_.changes();
    Statement unsent(db_, "DELETE FROM sms WHERE msisdn = ? AND kind = 'reminder' AND sent_at IS NULL");
    unsent.bind(1, msisdn).run();
    removed += db_.changes();
  });
  truncate_wal();
  return removed;
}

}  // namespace kiosk::gateway
