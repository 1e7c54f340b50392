// The Bancontact Payment API's answers, read strictly: an answer about another payment, another
// amount or another currency is refused, never taken for ours.
#include <catch2/catch.hpp>

#include "bancontact/payment_api.hpp"
#include "net/https.hpp"

using namespace kiosk;
using namespace kiosk::bancontact;

namespace {
const std::string id = "5f91483d78a74914bc6f0a1b";

std::string created(const std::string& extra = "") {
  return R"({"paymentId":")" + id + R"(","status":"PENDING","createdAt":"2026-12-05T10:00:00.000Z",)"
         R"("expiresAt":"2026-12-05T10:02:00.000Z","amount":1500,"currency":"EUR","reference":"BE-K1-ABC-7",)"
         R"("creditor":{"profileId":"p"},"_links":{"deeplink":{"href":"https://payconiq.com/pay/2/)" + id + R"("}})" +
         extra + "}";
}
}  // namespace

TEST_CASE("A new payment's answer gives the code to show and when it expires") {
  Payment p;
  REQUIRE(read_created(created(), {"", "BE-K1-ABC-7", 1500}, &p).empty());
  CHECK(p.id == id);
  CHECK(p.status == Status::pending);
  CHECK(p.deeplink == "https://payconiq.com/pay/2/" + id);
  CHECK(p.expires_at - *parse_utc("2026-12-05T10:00:00Z") == 120);
}

TEST_CASE("An answer about another payment, amount, currency or reference is refused") {
  Payment p;
  CHECK_FALSE(read_created(created(), {"", "BE-K1-ABC-8", 1500}, &p).empty());
  CHECK_FALSE(read_created(created(), {"", "BE-K1-ABC-7", 1499}, &p).empty());
  const std::string other_currency = R"({"paymentId":")" + id + R"(","status":"SUCCEEDED","amount":1500,"currency":"USD"})";
  CHECK_FALSE(read_payment(other_currency, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  const std::string other_id = R"({"paymentId":"aaaaaaaaaaaaaaaaaaaaaaaa","status":"SUCCEEDED","amount":1500})";
  CHECK_FALSE(read_payment(other_id, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  const std::string as_text = R"({"paymentId":")" + id + R"(","status":"SUCCEEDED","amount":"1500"})";
  CHECK_FALSE(read_payment(as_text, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  const std::string as_float = R"({"paymentId":")" + id + R"(","status":"SUCCEEDED","amount":15.0})";
  CHECK_FALSE(read_payment(as_float, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  const std::string unknown_status = R"({"paymentId":")" + id + R"(","status":"PAID","amount":1500})";
  CHECK_FALSE(read_payment(unknown_status, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  CHECK_FALSE(read_payment("<html>502</html>", {id, "BE-K1-ABC-7", 1500}, &p).empty());
  const std::string ok = R"({"paymentId":")" + id + R"(","status":"SUCCEEDED","amount":1500,"reference":"BE-K1-ABC-7"})";
  CHECK(read_payment(ok, {id, "BE-K1-ABC-7", 1500}, &p).empty());
  CHECK(p.status == Status::succeeded);
  // A give-back that does not know the amount takes the payment's own.
  CHECK(read_payment(ok, {id, "BE-K1-ABC-7", 0}, &p).empty());
  CHECK(p.amount == 1500);
}

TEST_CASE("A new payment must be PENDING with an https link and an expiry") {
  Payment p;
  std::string answer = created();
  answer.replace(answer.find("PENDING"), 7, "SUCCEEDED");
  CHECK_FALSE(read_created(answer, {"", "BE-K1-ABC-7", 1500}, &p).empty());
  answer = created();
  answer.replace(answer.find("https://payconiq"), 8, "http://");
  CHECK_FALSE(read_created(answer, {"", "BE-K1-ABC-7", 1500}, &p).empty());
  answer = created();
  answer.replace(answer.find("2026-12-05T10:02:00.000Z"), 24, "tomorrow");
  CHECK_FALSE(read_created(answer, {"", "BE-K1-ABC-7", 1500}, &p).empty());
}

TEST_CASE("Only SUCCEEDED is money, and only PENDING or IDENTIFIED can be cancelled") {
  CHECK_FALSE(is_final(Status::pending));
  CHECK_FALSE(is_final(Status::identified));
  CHECK_FALSE(is_final(Status::authorized));
  for (Status s : {Status::succeeded, Status::failed, Status::authorization_failed, Status::cancelled, Status::expired})
    CHECK(is_final(s));
  CHECK(is_cancellable(Status::pending));
  CHECK(is_cancellable(Status::identified));
  CHECK_FALSE(is_cancellable(Status::authorized));
  for (Status s : {Status::pending, Status::identified, Status::authorized, Status::authorization_failed, Status::failed,
                   Status::succeeded, Status::cancelled, Status::expired})
    CHECK(parse_status(status_name(s)) == s);
}

TEST_CASE("A search answer lists only payments with our reference") {
  std::vector<Payment> found;
  const std::string one = R"({"size":1,"details":[{"paymentId":")" + id +
                          R"(","status":"CANCELLED","amount":900,"reference":"R-1"}]})";
  CHECK(read_search(one, "R-1", &found).empty());
  REQUIRE(found.size() == 1);
  CHECK(found[0].status == Status::cancelled);
  found.clear();
  CHECK_FALSE(read_search(one, "R-2", &found).empty());
  CHECK(read_search(R"({"size":0,"totalPages":0,"totalElements":0,"number":0})", "R-1", &found).empty());
  CHECK(found.empty());
}

TEST_CASE("A refund's answer is about this payment, amount and refund") {
  Refund r;
  const std::string pending = R"({"refundId":"r0000000000000000000000r","paymentId":")" + id +
                              R"(","amount":1500,"currency":"EUR","status":"PENDING"})";
  CHECK(read_refund(pending, id, 1500, "", &r).empty());
  CHECK(r.status == RefundStatus::pending);
  CHECK_FALSE(read_refund(pending, id, 1400, "", &r).empty());
  CHECK_FALSE(read_refund(pending, "bbbbbbbbbbbbbbbbbbbbbbbb", 1500, "", &r).empty());
  CHECK_FALSE(read_refund(pending, id, 1500, "r1111111111111111111111r", &r).empty());
  CHECK(error_code(R"({"code":"REFUND_NOT_POSSIBLE","message":"x"})") == "REFUND_NOT_POSSIBLE");
}

TEST_CASE("Times are UTC ISO 8601, fractions allowed, anything else refused") {
  CHECK(parse_utc("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_utc("2026-12-05T21:04:02.123Z") == parse_utc("2026-12-05T21:04:02Z"));
  CHECK(utc_text(*parse_utc("2026-12-05T21:04:02Z")) == "2026-12-05T21:04:02.000Z");
  for (const char* bad : {"2026-12-05 21:04:02Z", "2026-12-05T21:04:02", "2026-13-05T21:04:02Z", "2026-12-05T21:04:02.Z", ""})
    CHECK_FALSE(parse_utc(bad));
}

TEST_CASE("A base URL is https with a host, an optional port and path") {
  std::string host, prefix;
  int port = 0;
  REQUIRE(net::parse_https_url("https://merchant.api.bancontact.net", &host, &port, &prefix));
  CHECK(host == "merchant.api.bancontact.net");
  CHECK(port == 443);
  CHECK(prefix.empty());
  REQUIRE(net::parse_https_url("https://127.0.0.1:8443/sandbox/", &host, &port, &prefix));
  CHECK(port == 8443);
  CHECK(prefix == "/sandbox");
  for (const char* bad : {"http://x", "https://", "https://x:0", "https://x:99999", "https://u@x", "x"})
    CHECK_FALSE(net::parse_https_url(bad, &host, &port, &prefix));
}
