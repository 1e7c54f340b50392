#include "sqlite.hpp"

#include <sqlite3.h>

namespace kiosk::sql {

namespace {
constexpr int busy_timeout_ms = 5000;
}  // namespace

namespace {
std::string uri_path(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%') uri += "%25";
    else if (c == '?') uri += "%3f";
    else if (c == '#') uri += "%23";
    else uri += c;
  }
  return uri;
}
}  // namespace

Database Database::open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  int rc = SQLITE_OK;
  switch (mode) {
    case Mode::create: rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr); break;
    case Mode::read_write: rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr); break;
    case Mode::read_only: rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); break;
    case Mode::read_only_as_is:
      rc = sqlite3_open_v2((uri_path(path) + "?immutable=1").c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                           nullptr);
      break;
  }
  if (rc != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw Error("cannot open " + path + ": " + why);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return Database(db);
}

Database::~Database() { sqlite3_close(db_); }

void Database::exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return;
  const std::string text = msg ? msg : sqlite3_errmsg(db_);
  sqlite3_free(msg);
  throw Error(text);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
std::string Database::last_error() const { return sqlite3_errmsg(db_); }

bool Database::truncate_wal(bool wait) noexcept {
  if (!wait) sqlite3_busy_timeout(db_, 0);
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  if (!wait) sqlite3_busy_timeout(db_, busy_timeout_ms);
  return rc == SQLITE_OK;
}

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    throw Error(db.last_error());
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind_integer(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw Error(db_.last_error());
}

void Statement::run() {
  while (step()) {
  }
}

Statement& Statement::reset() {
  sqlite3_reset(stmt_);
  return *this;
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t query_integer(Database& db, const std::string& sql, std::int64_t fallback) {
  Statement q(db, sql);
  return q.step() ? q.integer(0) : fallback;
}

std::string query_text(Database& db, const std::string& sql) {
  Statement q(db, sql);
  return q.step() ? q.text(0) : std::string();
}

}  // namespace kiosk::sql
