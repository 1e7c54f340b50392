// Bancontact's status callbacks as the gateway keeps them: once per jti, and per payment the
// furthest status told (callbacks come unordered and more than once).
#include "sqlite_store.hpp"

namespace kiosk::gateway {

using sql::Statement;

Store::Callback SqliteStore::record_wallet_callback(const WalletCallback& c) {
  return write([&] {
    Statement q(db_, "SELECT status, reference, amount_cents FROM wallet_payments WHERE payment_id = ?");
    q.bind(1, c.payment_id);
    const bool known = q.step();
    if (known && (q.text(1) != c.reference || q.integer(2) != c.amount)) return Callback::conflict;
    Statement(db_, "INSERT OR IGNORE INTO wallet_callbacks (jti, payment_id, status) VALUES (?,?,?)")
        .bind(1, c.jti).bind(2, c.payment_id).bind(3, c.status).run();
    if (db_.changes() == 0) return Callback::replay;
    if (!known) {
      Statement(db_, "INSERT INTO wallet_payments (payment_id, reference, amount_cents, status) VALUES (?,?,?,?)")
          .bind(1, c.payment_id).bind(2, c.reference).bind(3, static_cast<long long>(c.amount)).bind(4, c.status).run();
    } else if (wallet_status_rank(c.status) > wallet_status_rank(q.text(0))) {
      Statement(db_, "UPDATE wallet_payments SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                     "WHERE payment_id = ?")
          .bind(1, c.status).bind(2, c.payment_id).run();
    }
    return Callback::stored;
  });
}

std::optional<WalletCallback> SqliteStore::wallet_payment(const std::string& payment_id) {
  return read([&](sql::Database& db) -> std::optional<WalletCallback> {
    Statement q(db, "SELECT payment_id, reference, amount_cents, status FROM wallet_payments WHERE payment_id = ?");
    q.bind(1, payment_id);
    if (!q.step()) return std::nullopt;
    WalletCallback c;
    c.payment_id = q.text(0);
    c.reference = q.text(1);
    c.amount = q.integer(2);
    c.status = q.text(3);
    return c;
  });
}

void SqliteStore::forget_wallet_callbacks_older_than(int seconds) {
  std::lock_guard lock(mutex_);
  Statement(db_, "DELETE FROM wallet_callbacks WHERE received_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)")
      .bind(1, "-" + std::to_string(seconds) + " seconds").run();
  if (db_.changes() > 0) wrote();
}

long long SqliteStore::wallet_callbacks_received() {
  return read([&](sql::Database& db) -> long long {
    return sql::query_integer(db, "SELECT COUNT(*) FROM wallet_callbacks");
  });
}

}  // namespace kiosk::gateway
