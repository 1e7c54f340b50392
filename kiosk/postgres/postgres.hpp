#pragma once
// The one PostgreSQL wrapper of the project (the central gateway's store): a libpq connection
// whose statements are prepared once and run with text parameters, and results that free
// themselves. Every failure throws pg::Error with PostgreSQL's SQLSTATE and message.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace kiosk::pg {

struct Error : std::runtime_error {
  Error(const std::string& what, std::string sqlstate, bool connection_lost)
      : std::runtime_error(what), sqlstate(std::move(sqlstate)), connection_lost(connection_lost) {}
  std::string sqlstate;   // "" when the server never answered
  bool connection_lost;   // the connection is gone (or the server going away): reconnect and retry
  // A conflict between transactions that the same transaction, run again, may not meet.
  bool retryable() const { return connection_lost || sqlstate == "40001" || sqlstate == "40P01"; }
};

// Parameters in text form; std::nullopt is SQL NULL.
class Params {
 public:
  Params& add(std::string_view text);
  Params& add(const char* text) { return add(std::string_view(text)); }
  Params& add(const std::string& text) { return add(std::string_view(text)); }
  Params& add(long long value) { return add(std::to_string(value)); }
  Params& add(int value) { return add(static_cast<long long>(value)); }
  Params& add(bool value) { return add(value ? "t" : "f"); }
  Params& add_null();
  std::size_t size() const { return values_.size(); }
  const std::vector<std::optional<std::string>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  Result(Result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;
  ~Result();
  int rows() const;
  long long affected() const;  // rows an INSERT, UPDATE or DELETE touched
  std::string text(int row, int column) const;  // "" for NULL
  long long integer(int row, int column) const;  // 0 for NULL
  bool boolean(int row, int column) const;
  bool is_null(int row, int column) const;

 private:
  pg_result* r_ = nullptr;
};

class Connection {
 public:
  // `conninfo`: a libpq connection string or postgresql:// URI; `defaults` are libpq keywords
  // it may override. Throws Error when it cannot connect (libpq's reason, never the password).
  static std::unique_ptr<Connection> open(const std::string& conninfo,
                                          const std::vector<std::pair<std::string, std::string>>& defaults = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement, prepared on first use on this connection.
  Result exec(const std::string& sql, const Params& params = {});
  // Statements without parameters or results, several at once (schema, BEGIN, COMMIT).
  void run(const std::string& sql);
  bool ok() const;
  // Connects again after the connection was lost; throws Error while the server is away.
  void reconnect();

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Error error_of(pg_result* r, const std::string& what) const;
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace kiosk::pg
