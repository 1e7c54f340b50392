#pragma once
// The one SQLite wrapper of the project (the kiosk's journal, the gateway's store): a connection
// and prepared statements that finalize themselves. Every failure throws sql::Error carrying
// SQLite's own message; callers with a bool API catch it at their edge.
#include <concepts>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::sql {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  enum class Mode {
    create,            // read and write, made when missing
    read_write,        // read and write, must exist
    read_only,         // read only, beside writers (a WAL database's readers share its index)
    read_only_as_is,   // read in place, nothing written, not even a lock or a WAL (immutable)
  };
  static Database open(const std::string& path, Mode mode = Mode::create);
  Database(Database&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  // One or more statements without results.
  void exec(const std::string& sql);
  // BEGIN IMMEDIATE … COMMIT around body; ROLLBACK when it throws.
  template <typename Body>
  auto transaction(Body body) -> decltype(body());
  std::int64_t last_insert_rowid() const;
  int changes() const;
  // Folds the WAL into the database and empties it; best effort (a reader may hold it). With
  // `wait` false a reader is not waited for. True when the WAL is empty.
  bool truncate_wal(bool wait = true) noexcept;
  std::string last_error() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  template <std::integral T>
  Statement& bind(int index, T value) {
    return bind_integer(index, static_cast<std::int64_t>(value));
  }
  Statement& bind(int index, const std::optional<std::string>& text);  // nullopt binds NULL
  Statement& bind_null(int index);

  // Steps once: true when a row is ready to read, false when the statement is done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Ready to run again with new values (the bindings are kept until bound anew).
  Statement& reset();
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  Statement& bind_integer(int index, std::int64_t value);
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The first column of the first row, or `fallback` when there is none.
std::int64_t query_integer(Database& db, const std::string& sql, std::int64_t fallback = 0);
std::string query_text(Database& db, const std::string& sql);

template <typename Body>
auto Database::transaction(Body body) -> decltype(body()) {
  exec("BEGIN IMMEDIATE");
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      exec("COMMIT");
    } else {
      auto result = body();
      exec("COMMIT");
      return result;
    }
  } catch (...) {
    try {
      exec("ROLLBACK");
    } catch (const Error&) {
      // SQLite rolled back already (a failed COMMIT can do that); the first error is the one to report.
    }
    throw;
  }
}

}  // namespace kiosk::sql
