// The central store's outboxes and callbacks: SMS, reminders and Bancontact's status callbacks.
// Every gateway works the same queues; a row is claimed with FOR UPDATE SKIP LOCKED, so each is
// handled by one gateway, once, and the others move on to the next.
#include "postgres_store.hpp"
#include "postgres_time.hpp"

namespace kiosk::gateway {

namespace {


constexpr const char* reminder_columns =
    "SELECT reference, kiosk_id, brand, msisdn, expiry::text, lang, send_on::text, text, " KIOSK_PG_UTC_TEXT("consent_at")
    " FROM reminders ";

ReminderRecord reminder_from(const pg::Result& q, int i) {
  ReminderRecord r;
  r.reference = q.text(i, 0);
  r.kiosk_id = q.text(i, 1);
  r.brand = parse_brand(q.text(i, 2)).value_or(Brand{});
  r.msisdn = q.text(i, 3);
  r.expiry = parse_iso_date(q.text(i, 4)).value_or(CivilDate{});
  r.lang = q.text(i, 5);
  r.send_on = parse_iso_date(q.text(i, 6)).value_or(CivilDate{});
  r.text = q.text(i, 7);
  r.consent_at = q.text(i, 8);
  return r;
}

}  // namespace

bool PostgresStore::add_sms(const SmsRecord& m) {
  return run(false, [&](Work& w) {
    return w.exec("INSERT INTO sms (reference, kind, msisdn, text, kiosk_id, text_length) VALUES ($1, $2, $3, $4, $5, $6) "
                  "ON CONFLICT DO NOTHING",
                  pg::Params().add(m.reference).add(m.kind).add(m.msisdn).add(m.text).add(m.kiosk_id).add(
                      static_cast<long long>(m.text.size())))
               .affected() > 0;
  });
}

std::vector<SmsRecord> PostgresStore::sms() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec("SELECT id, reference, kind, msisdn, text, " KIOSK_PG_UTC_TEXT("created_at") ", "
                                "COALESCE(kiosk_id, ''), COALESCE(" KIOSK_PG_UTC_TEXT("sent_at") ", ''), text_length "
                                "FROM sms ORDER BY id");
    std::vector<SmsRecord> out;
    for (int i = 0; i < q.rows(); ++i)
      out.push_back({q.integer(i, 0), q.text(i, 1), q.text(i, 2), q.text(i, 3), q.text(i, 4), q.text(i, 5),
                     q.text(i, 6), q.text(i, 7), q.integer(i, 8)});
    return out;
  });
}

int PostgresStore::send_queued_sms() {
  return run(true, [&](Work& w) {
    // Claimed rows stay locked until this transaction ends: another gateway skips them.
    const pg::Result queued = w.exec(
        "SELECT id, msisdn FROM sms WHERE sent_at IS NULL ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED");
    for (int i = 0; i < queued.rows(); ++i)
      w.exec("UPDATE sms SET msisdn = $1, text = '', sent_at = now() WHERE id = $2",
             pg::Params().add(masked_number(queued.text(i, 1))).add(queued.integer(i, 0)));
    return queued.rows();
  });
}

bool PostgresStore::add_reminder(const ReminderRecord& r) {
  return run(false, [&](Work& w) {
    return w.exec("INSERT INTO reminders (reference, kiosk_id, brand, msisdn, expiry, lang, send_on, text) "
                  "VALUES ($1, $2, $3, $4, $5::date, $6, $7::date, $8) ON CONFLICT DO NOTHING",
                  pg::Params()
                      .add(r.reference)
                      .add(r.kiosk_id)
                      .add(r.brand.id)
                      .add(r.msisdn)
                      .add(iso_date(r.expiry))
                      .add(r.lang)
                      .add(iso_date(r.send_on))
                      .add(r.text))
               .affected() > 0;
  });
}

std::vector<ReminderRecord> PostgresStore::reminders() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec(std::string(reminder_columns) + "ORDER BY send_on, reference");
    std::vector<ReminderRecord> out;
    for (int i = 0; i < q.rows(); ++i) out.push_back(reminder_from(q, i));
    return out;
  });
}

std::optional<ReminderRecord> PostgresStore::find_reminder(const std::string& reference) {
  return run(false, [&](Work& w) -> std::optional<ReminderRecord> {
    const pg::Result q = w.exec(std::string(reminder_columns) + "WHERE reference = $1", pg::Params().add(reference));
    if (q.rows() == 0) return std::nullopt;
    return reminder_from(q, 0);
  });
}

int PostgresStore::queue_due_reminders(CivilDate today) {
  // One statement: the due reminders a gateway could lock are moved into the SMS queue and
  // deleted together; those another gateway holds are its to move.
  return run(false, [&](Work& w) {
    return static_cast<int>(
        w.exec("WITH due AS (DELETE FROM reminders WHERE reference IN (SELECT reference FROM reminders "
               "WHERE send_on <= $1::date FOR UPDATE SKIP LOCKED) RETURNING reference, msisdn, text, kiosk_id), "
               "queued AS (INSERT INTO sms (reference, kind, msisdn, text, kiosk_id, text_length) "
               "SELECT reference, 'reminder', msisdn, text, kiosk_id, length(text) FROM due ON CONFLICT DO NOTHING) "
               "SELECT COUNT(*) FROM due",
               pg::Params().add(iso_date(today)))
            .integer(0, 0));
  });
}

int PostgresStore::withdraw_reminders(const std::string& msisdn) {
  return run(true, [&](Work& w) {
    const long long kept = w.exec("DELETE FROM reminders WHERE msisdn = $1", pg::Params().add(msisdn)).affected();
    const long long queued =
        w.exec("DELETE FROM sms WHERE msisdn = $1 AND kind = 'reminder' AND sent_at IS NULL", pg::Params().add(msisdn))
            .affected();
    return static_cast<int>(kept + queued);
  });
}

Store::Callback PostgresStore::record_wallet_callback(const WalletCallback& c) {
  return run(true, [&](Work& w) {
    // The payment's row is made first if it is new, then locked: callbacks for one payment
    // arriving at two gateways at once are taken one after the other.
    const bool new_payment =
        w.exec("INSERT INTO wallet_payments (payment_id, reference, amount_cents, status) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT DO NOTHING",
               pg::Params().add(c.payment_id).add(c.reference).add(static_cast<long long>(c.amount)).add(c.status))
            .affected() > 0;
    const pg::Result known = w.exec(
        "SELECT status, reference, amount_cents FROM wallet_payments WHERE payment_id = $1 FOR UPDATE",
        pg::Params().add(c.payment_id));
    if (known.text(0, 1) != c.reference || known.integer(0, 2) != c.amount) {
      w.commit = false;
      return Callback::conflict;
    }
    const bool first_time = w.exec("INSERT INTO wallet_callbacks (jti, payment_id, status) VALUES ($1, $2, $3) "
                                   "ON CONFLICT DO NOTHING",
                                   pg::Params().add(c.jti).add(c.payment_id).add(c.status))
                                .affected() > 0;
    if (!first_time) {
      w.commit = false;
      return Callback::replay;
    }
    if (!new_payment && wallet_status_rank(c.status) > wallet_status_rank(known.text(0, 0)))
      w.exec("UPDATE wallet_payments SET status = $1, updated_at = now() WHERE payment_id = $2",
             pg::Params().add(c.status).add(c.payment_id));
    return Callback::stored;
  });
}

std::optional<WalletCallback> PostgresStore::wallet_payment(const std::string& payment_id) {
  return run(false, [&](Work& w) -> std::optional<WalletCallback> {
    const pg::Result q = w.exec(
        "SELECT payment_id, reference, amount_cents, status FROM wallet_payments WHERE payment_id = $1",
        pg::Params().add(payment_id));
    if (q.rows() == 0) return std::nullopt;
    WalletCallback c;
    c.payment_id = q.text(0, 0);
    c.reference = q.text(0, 1);
    c.amount = q.integer(0, 2);
    c.status = q.text(0, 3);
    return c;
  });
}

void PostgresStore::forget_wallet_callbacks_older_than(int seconds) {
  run(false, [&](Work& w) {
    return w.exec("DELETE FROM wallet_callbacks WHERE received_at < now() - make_interval(secs => $1)",
                  pg::Params().add(seconds))
        .affected();
  });
}

long long PostgresStore::wallet_callbacks_received() {
  return run(false, [&](Work& w) { return w.exec("SELECT COUNT(*) FROM wallet_callbacks").integer(0, 0); });
}

}  // namespace kiosk::gateway
