#include "postgres.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace kiosk::pg {

namespace {

// The server going away (admin shutdown, crash, "cannot connect now") or the link failing:
// SQLSTATE class 08 and the 57P0x codes.
bool lost(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

std::string trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

Params& Params::add(std::string_view text) {
  // libpq takes text parameters as C strings: a NUL inside would cut the value short silently.
  if (text.find('\0') != std::string_view::npos) throw std::invalid_argument("a text parameter holds a NUL byte");
  values_.emplace_back(std::string(text));
  return *this;
}

Params& Params::add_null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

Result::~Result() {
  if (r_) PQclear(r_);
}

int Result::rows() const { return PQntuples(r_); }

long long Result::affected() const {
  const char* n = PQcmdTuples(r_);
  return n && *n ? std::atoll(n) : 0;
}

std::string Result::text(int row, int column) const {
  if (PQgetisnull(r_, row, column)) return "";
  return std::string(PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column)));
}

long long Result::integer(int row, int column) const {
  return PQgetisnull(r_, row, column) ? 0 : std::atoll(PQgetvalue(r_, row, column));
}

bool Result::boolean(int row, int column) const {
  return !PQgetisnull(r_, row, column) && PQgetvalue(r_, row, column)[0] == 't';
}

bool Result::is_null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }

std::unique_ptr<Connection> Connection::open(const std::string& conninfo,
                                             const std::vector<std::pair<std::string, std::string>>& defaults) {
  // The defaults come before the caller's string, which may override them (libpq keeps the
  // last value of a keyword).
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : defaults) keys.push_back(k.c_str()), values.push_back(v.c_str());
  keys.push_back("dbname"), values.push_back(conninfo.c_str());
  keys.push_back(nullptr), values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (!conn) throw Error("out of memory for a PostgreSQL connection", "", true);
  std::unique_ptr<Connection> c(new Connection(conn));
  // Notices and a server's parting words arrive between statements; libpq would print them on
  // standard error. What matters reaches the caller as an Error on the next statement.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  if (PQstatus(conn) != CONNECTION_OK)
    throw Error("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn)), "", true);
  return c;
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

bool Connection::ok() const { return PQstatus(conn_) == CONNECTION_OK; }

void Connection::reconnect() {
  prepared_.clear();  // statements die with their session
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK)
    throw Error("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_)), "", true);
}

Error Connection::error_of(pg_result* r, const std::string& what) const {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  const std::string message = r ? trimmed(PQresultErrorMessage(r)) : trimmed(PQerrorMessage(conn_));
  return Error(what + ": " + (message.empty() ? trimmed(PQerrorMessage(conn_)) : message), sqlstate,
               PQstatus(conn_) != CONNECTION_OK || lost(sqlstate));
}

Result Connection::exec(const std::string& sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    PGresult* p = PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr);
    if (!p || PQresultStatus(p) != PGRES_COMMAND_OK) {
      Error e = error_of(p, "PostgreSQL cannot prepare a statement");
      if (p) PQclear(p);
      throw e;
    }
    PQclear(p);
    found = prepared_.emplace(sql, name).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
  PGresult* r = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                               nullptr, 0);
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = error_of(r, "PostgreSQL");
    if (r) PQclear(r);
    throw e;
  }
  return Result(r);
}

void Connection::run(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = error_of(r, "PostgreSQL");
    if (r) PQclear(r);
    throw e;
  }
  PQclear(r);
}

}  // namespace kiosk::pg
