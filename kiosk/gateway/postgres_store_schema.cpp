// The central store's schema: numbered migrations, each applied once in a transaction of its
// own and recorded in schema_migrations. Several gateways starting at once take turns (an
// advisory lock), and a gateway older than its database refuses to run on it.
#include <string>

#include "postgres_store.hpp"

namespace kiosk::gateway {

namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Append only: a migration that has run somewhere is never edited.
constexpr Migration migrations[] = {
    {1, "the gateway's tables",
     R"(
CREATE TABLE catalog (one INTEGER PRIMARY KEY CHECK (one = 1), version BIGINT NOT NULL, text TEXT NOT NULL);
CREATE TABLE brands (brand TEXT PRIMARY KEY, ord INTEGER NOT NULL, reactivation_fee_cents BIGINT NOT NULL,
  customer_numbers BOOLEAN NOT NULL);
CREATE TABLE plans (id TEXT PRIMARY KEY, brand TEXT NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX plans_by_brand ON plans (brand, ord);
CREATE TABLE subscribers (brand TEXT NOT NULL, msisdn TEXT NOT NULL, status TEXT NOT NULL,
  balance_cents BIGINT NOT NULL, expiry DATE NOT NULL, plan_id TEXT NOT NULL, returning_customer BOOLEAN NOT NULL,
  reactivation_fee_cents BIGINT NOT NULL, suspended_since DATE, PRIMARY KEY (brand, msisdn));
CREATE TABLE customers (brand TEXT NOT NULL, customer_number TEXT NOT NULL, msisdn TEXT NOT NULL,
  PRIMARY KEY (brand, customer_number));
CREATE TABLE renewals (id BIGSERIAL UNIQUE, reference TEXT PRIMARY KEY, brand TEXT, msisdn TEXT, plan_id TEXT,
  months INTEGER NOT NULL, amount_cents BIGINT NOT NULL, status TEXT NOT NULL CHECK (status IN ('delivered', 'void')),
  confirmation_id TEXT, new_expiry DATE, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), kiosk_id TEXT NOT NULL,
  number_erased BOOLEAN NOT NULL DEFAULT false, bonus_cents BIGINT NOT NULL DEFAULT 0);
CREATE INDEX renewals_by_kiosk ON renewals (kiosk_id, id);
CREATE INDEX renewals_with_numbers ON renewals (created_at) WHERE NOT number_erased;
CREATE TABLE sms (id BIGSERIAL PRIMARY KEY, reference TEXT NOT NULL, kind TEXT NOT NULL, msisdn TEXT NOT NULL,
  text TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), kiosk_id TEXT, sent_at TIMESTAMPTZ,
  text_length INTEGER NOT NULL DEFAULT 0, UNIQUE (reference, kind));
CREATE INDEX sms_queued ON sms (id) WHERE sent_at IS NULL;
CREATE TABLE reports (reference TEXT PRIMARY KEY, json TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  kiosk_id TEXT NOT NULL);
CREATE TABLE reminders (reference TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, brand TEXT NOT NULL, msisdn TEXT NOT NULL,
  expiry DATE NOT NULL, lang TEXT NOT NULL, send_on DATE NOT NULL, text TEXT NOT NULL,
  consent_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE INDEX reminders_due ON reminders (send_on);
CREATE INDEX reminders_by_number ON reminders (msisdn);
CREATE TABLE wallet_callbacks (jti TEXT PRIMARY KEY, payment_id TEXT NOT NULL, status TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE INDEX wallet_callbacks_by_age ON wallet_callbacks (received_at);
CREATE TABLE wallet_payments (payment_id TEXT PRIMARY KEY, reference TEXT NOT NULL, amount_cents BIGINT NOT NULL,
  status TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
)"},
    // A delivery decided inside the database in one call: one round trip where the client's
    // BEGIN, INSERT, UPDATE and COMMIT took four. The subscriber's row is locked, and checked
    // against the state the price was made from, before the reference's row is written.
    {2, "deliver in one call",
     R"(
CREATE FUNCTION kiosk_deliver(p_reference TEXT, p_brand TEXT, p_msisdn TEXT, p_plan TEXT, p_months INTEGER,
  p_amount BIGINT, p_prefix TEXT, p_new_expiry DATE, p_kiosk TEXT, p_bonus BIGINT, q_status TEXT, q_expiry DATE,
  q_returning BOOLEAN, q_fee BIGINT)
RETURNS TABLE (outcome TEXT, confirmation TEXT, made TIMESTAMPTZ) LANGUAGE plpgsql AS $$
DECLARE
  n BIGINT;
BEGIN
  IF EXISTS (SELECT 1 FROM renewals WHERE reference = p_reference) THEN
    RETURN QUERY SELECT 'exists'::TEXT, NULL::TEXT, NULL::TIMESTAMPTZ;
    RETURN;
  END IF;
  PERFORM 1 FROM subscribers WHERE brand = p_brand AND msisdn = p_msisdn AND status = q_status
    AND expiry = q_expiry AND returning_customer = q_returning AND reactivation_fee_cents = q_fee FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'stale'::TEXT, NULL::TEXT, NULL::TIMESTAMPTZ;
    RETURN;
  END IF;
  n := nextval('renewals_id_seq');
  -- Another call with this reference may have written it since the check: it waits here for
  -- that one, then finds its row.
  INSERT INTO renewals (id, reference, brand, msisdn, plan_id, months, amount_cents, status, confirmation_id,
    new_expiry, kiosk_id, bonus_cents)
  VALUES (n, p_reference, p_brand, p_msisdn, p_plan, p_months, p_amount, 'delivered',
    p_prefix || '-' || (100000 + n)::TEXT, p_new_expiry, p_kiosk, p_bonus)
  ON CONFLICT (reference) DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'exists'::TEXT, NULL::TEXT, NULL::TIMESTAMPTZ;
    RETURN;
  END IF;
  UPDATE subscribers SET status = 'active', expiry = p_new_expiry, plan_id = p_plan, returning_customer = true,
    reactivation_fee_cents = 0, suspended_since = NULL, balance_cents = balance_cents + p_bonus
  WHERE brand = p_brand AND msisdn = p_msisdn;
  RETURN QUERY SELECT 'created'::TEXT, r.confirmation_id, r.created_at FROM renewals r WHERE r.id = n;
END $$;
)"},
};

// Held for the length of a transaction by whoever migrates, and by catalog changes.
constexpr const char* take_schema_lock = "SELECT pg_advisory_xact_lock(727370001)";

}  // namespace

int PostgresStore::schema_version() { return migrations[std::size(migrations) - 1].version; }

void PostgresStore::migrate() {
  const auto applied = [](Work& w) {
    w.exec(take_schema_lock);
    w.db.run(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    return static_cast<int>(w.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
  };
  const int found = run(true, applied);
  if (found > schema_version())
    throw std::runtime_error("the database's schema is at migration " + std::to_string(found) +
                             ", newer than this gateway knows (" + std::to_string(schema_version()) +
                             "): run a newer kiosk-gateway");
  for (const Migration& m : migrations) {
    if (m.version <= found) continue;
    run(true, [&](Work& w) {
      // Another gateway may have applied it while this one waited for the lock.
      if (applied(w) >= m.version) return 0;
      w.db.run(m.sql);
      w.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", pg::Params().add(m.version).add(m.name));
      return 1;
    });
  }
}

}  // namespace kiosk::gateway
