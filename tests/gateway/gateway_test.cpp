// The gateway and its client over real HTTPS on 127.0.0.1, certificate verification on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gateway/client.hpp"
#include "gateway/seed.hpp"
#include "gateway/server.hpp"
#include "gateway/store.hpp"
#include "gateway/tls_cert.hpp"
#include "gateway/tls_pin.hpp"

using namespace kiosk;
using namespace kiosk::gateway;

namespace {

struct Running {
  std::unique_ptr<Server> server;
  Link link;
  std::string dir;
  explicit Running(const std::string& name) {
    dir = (std::filesystem::temp_directory_path() / ("kiosk-gateway-" + name)).string();
    std::filesystem::remove_all(dir);
    ServerOptions o;
    o.data_dir = dir;
    o.timeout_fault_ms = 900;
    std::string error;
    server = Server::start(o, &error);
    INFO(error);
    REQUIRE(server);
    link.port = server->port();
    link.ca_cert_path = server->cert_path();
    link.timeout_ms = 600;
  }
};

const MobileNumber active{"470123456"};

Plan plan(const std::vector<Plan>& plans, const std::string& id) {
  const Plan* p = find_plan(plans, id);
  REQUIRE(p);
  return *p;
}

}  // namespace

TEST_CASE("Look-up finds the simulated subscribers and their brand's plans") {
  Running g("lookup");
  Client c(g.link);
  LookupResult r = c.lookup(Brand::proximus, active);
  REQUIRE(r.kind == LookupResult::Kind::found);
  CHECK(r.subscriber.status == SubscriberStatus::active);
  CHECK(r.subscriber.balance == 350);
  CHECK(r.plans.size() == 3);
  for (const Plan& p : r.plans) CHECK(p.brand == Brand::proximus);
  CHECK(c.lookup(Brand::orange, active).kind == LookupResult::Kind::not_found);  // number portability
  CHECK(c.lookup(Brand::proximus, MobileNumber{"470000001"}).subscriber.status == SubscriberStatus::suspended);
}

TEST_CASE("A renewal is delivered once per reference, whatever is sent again") {
  Running g("idempotent");
  Client c(g.link);
  const LookupResult r = c.lookup(Brand::proximus, active);
  REQUIRE(r.kind == LookupResult::Kind::found);
  const Plan p = plan(r.plans, "px-smart-10");
  const RenewalRequest req{"K-TEST-0001", Brand::proximus, active, p.id, 1, 1000};
  const RenewalResult first = c.renew(req);
  REQUIRE(first.kind == RenewalResult::Kind::delivered);
  CHECK(first.attempts == 1);
  const RenewalResult again = c.renew(req);
  REQUIRE(again.kind == RenewalResult::Kind::delivered);
  CHECK(again.confirmation_id == first.confirmation_id);
  CHECK(again.new_expiry == first.new_expiry);
  // The subscriber was extended once: a second reference extends from the new expiry.
  const LookupResult after = c.lookup(Brand::proximus, active);
  CHECK(after.subscriber.expiry == first.new_expiry);
}

TEST_CASE("The gateway refuses what it cannot deliver, and says why") {
  Running g("refusals");
  Client c(g.link);
  RenewalResult r = c.renew({"K-TEST-0002", Brand::proximus, active, "px-smart-10", 1, 999});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "price_mismatch");
  r = c.renew({"K-TEST-0003", Brand::proximus, active, "or-start", 1, 800});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "unknown_plan");
  r = c.renew({"K-TEST-0004", Brand::proximus, MobileNumber{"470000002"}, "px-smart-10", 1, 1000});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "deactivated");
  r = c.renew({"K-TEST-0005", Brand::proximus, active, "px-smart-10", 3, 3000});
  CHECK(r.detail == "bad_duration");
}

TEST_CASE("Faults: errors and garbage make a look-up unavailable, never a wrong answer") {
  Running g("faults");
  Client c(g.link);
  std::string detail;
  for (const char* mode : {"error", "garbage", "timeout"}) {
    INFO(mode);
    REQUIRE(c.set_fault(mode, &detail));
    const LookupResult r = c.lookup(Brand::proximus, active);
    CHECK(r.kind == LookupResult::Kind::unavailable);
    CHECK_FALSE(r.detail.empty());
  }
  REQUIRE(c.set_fault("ok", &detail));
  CHECK(c.lookup(Brand::proximus, active).kind == LookupResult::Kind::found);
  CHECK_FALSE(c.set_fault("chaos", &detail));
}

TEST_CASE("A lost answer is resolved by asking by reference, not by guessing") {
  Running g("unknown");
  Client c(g.link);
  std::string detail;
  const RenewalRequest req{"K-TEST-0006", Brand::proximus, active, "px-smart-10", 1, 1000};
  REQUIRE(c.set_fault("garbage", &detail));
  const RenewalResult lost = c.renew(req);
  CHECK(lost.kind == RenewalResult::Kind::unknown);
  CHECK(lost.attempts == 1);  // no second POST while the first one's fate is unknown
  REQUIRE(c.set_fault("ok", &detail));
  const RenewalResult later = c.renew(req);
  CHECK(later.kind == RenewalResult::Kind::delivered);
  REQUIRE(c.set_fault("refuse", &detail));
  CHECK(c.renew({"K-TEST-0007", Brand::proximus, active, "px-smart-10", 1, 1000}).kind == RenewalResult::Kind::failed);
  // A replay of a delivered reference is answered from the record even while refusing.
  CHECK(c.renew(req).kind == RenewalResult::Kind::delivered);
}

TEST_CASE("SMS messages are queued once per reference and kind") {
  Running g("sms");
  Client c(g.link);
  std::string detail;
  CHECK(c.send_sms("K-1", "confirmation", active, "hello", &detail));
  CHECK(c.send_sms("K-1", "confirmation", active, "hello", &detail));
  CHECK(c.send_sms("K-1", "refund", active, "money back", &detail));
  std::string error;
  auto store = Store::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  const auto sms = store->sms();
  REQUIRE(sms.size() == 2);
  CHECK(sms[0].kind == "confirmation");
  CHECK(sms[1].text == "money back");
  CHECK(sms[0].msisdn == "+32470123456");
}

TEST_CASE("Transaction reports are stored once per reference, and malformed ones are refused") {
  Running g("reports");
  Client c(g.link);
  std::string detail;
  const std::string report = R"({"reference":"K-9","kiosk_id":"BE-1","steps":[{"step":"settled"}]})";
  CHECK(c.hand_over("report", report, &detail) == Client::Handover::delivered);
  CHECK(c.hand_over("report", report, &detail) == Client::Handover::delivered);  // at least once is fine
  CHECK(c.hand_over("report", R"({"reference":"K-10"})", &detail) == Client::Handover::refused);
  REQUIRE(c.set_fault("error", &detail, "/v1/reports"));
  CHECK(c.hand_over("report", R"({"reference":"K-11","steps":[]})", &detail) == Client::Handover::retry);
  std::string error;
  auto store = Store::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  REQUIRE(store->reports().size() == 1);
  CHECK(store->reports()[0].first == "K-9");
}

TEST_CASE("A gateway with another certificate is not trusted") {
  Running g("trust");
  Running other("trust-other");
  Link wrong = g.link;
  wrong.ca_cert_path = other.link.ca_cert_path;
  Client c(wrong);
  const LookupResult r = c.lookup(Brand::proximus, active);
  CHECK(r.kind == LookupResult::Kind::unavailable);
  CHECK(r.detail.find("certificate") != std::string::npos);
}

TEST_CASE("Recovery closes a reference: delivered stays delivered, anything else can never deliver") {
  Running g("void");
  Client c(g.link);
  const RenewalRequest delivered_req{"K-TEST-0101", Brand::proximus, active, "px-smart-10", 1, 1000};
  const RenewalResult delivered = c.renew(delivered_req);
  REQUIRE(delivered.kind == RenewalResult::Kind::delivered);
  const Client::Resolution kept = c.resolve(delivered_req.reference);
  CHECK(kept.kind == Client::Resolution::Kind::delivered);
  CHECK(kept.confirmation_id == delivered.confirmation_id);

  const RenewalRequest late_req{"K-TEST-0102", Brand::proximus, active, "px-smart-10", 1, 1000};
  CHECK(c.resolve(late_req.reference).kind == Client::Resolution::Kind::closed_undelivered);
  CHECK(c.resolve(late_req.reference).kind == Client::Resolution::Kind::closed_undelivered);  // idempotent
  // The request the kiosk lost arrives after all: refused, nothing delivered.
  const RenewalResult late = c.renew(late_req);
  CHECK(late.kind == RenewalResult::Kind::failed);
  CHECK(late.detail == "void");
  const LookupResult after = c.lookup(Brand::proximus, active);
  CHECK(after.subscriber.expiry == delivered.new_expiry);  // extended once, by the first one only

  std::string detail;
  // A fault scoped to renewals leaves look-ups alone.
  REQUIRE(c.set_fault("error", &detail, "/v1/renewals"));
  CHECK(c.lookup(Brand::proximus, active).kind == LookupResult::Kind::found);
  CHECK(c.resolve("K-TEST-0103").kind == Client::Resolution::Kind::unknown);
}

TEST_CASE("Faults after commit: a lost answer, a repeated request, a slow gateway") {
  Running g("after-commit");
  Client c(g.link);
  std::string detail;

  REQUIRE(c.set_fault("lost_answer", &detail));
  const RenewalRequest lost{"K-TEST-0201", Brand::proximus, active, "px-smart-10", 1, 1000};
  // Committed, then the answer is held past the client's timeout: the client asks by reference.
  const RenewalResult r = c.renew(lost);
  CHECK(r.kind == RenewalResult::Kind::delivered);
  CHECK(r.attempts == 1);

  REQUIRE(c.set_fault("duplicate", &detail));
  const RenewalRequest twice{"K-TEST-0202", Brand::proximus, active, "px-smart-10", 1, 1000};
  CHECK(c.renew(twice).kind == RenewalResult::Kind::delivered);

  REQUIRE(c.set_fault("ok", &detail));
  std::string error;
  auto store = Store::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  int deliveries = 0;
  for (const RenewalRecord& rec : store->renewals()) deliveries += rec.status == "delivered";
  CHECK(deliveries == 2);
  // The subscriber was extended twice (two references), not three times.
  const LookupResult after = c.lookup(Brand::proximus, active);
  CHECK(after.subscriber.expiry == c.resolve(twice.reference).new_expiry);

  REQUIRE(c.set_fault("latency", &detail));  // 800 ms against a 600 ms client: a timeout
  CHECK(c.lookup(Brand::proximus, active).kind == LookupResult::Kind::unavailable);
}

TEST_CASE("The gateway's key is pinned: the right pin passes, any other key is refused") {
  Running g("pin");
  Running other("pin-other");
  std::string error;
  const std::string pin = spki_pin_of_file(g.link.ca_cert_path, &error);
  REQUIRE(pin.size() == 44);  // base64 of 32 bytes
  const std::string other_pin = spki_pin_of_file(other.link.ca_cert_path, &error);
  CHECK(pin != other_pin);

  Link pinned = g.link;
  pinned.spki_pins = {other_pin, pin};  // the next key and the current one
  CHECK(Client(pinned).lookup(Brand::proximus, active).kind == LookupResult::Kind::found);

  // A certificate the kiosk trusts, but not the pinned key: refused, and the log says why.
  pinned.spki_pins = {other_pin};
  const LookupResult r = Client(pinned).lookup(Brand::proximus, active);
  CHECK(r.kind == LookupResult::Kind::unavailable);
  CHECK(r.detail.find("pinned") != std::string::npos);

  CHECK(spki_pin_of_file(g.dir + "/nothing.pem", &error).empty());
  CHECK_FALSE(error.empty());
}

TEST_CASE("Mutual TLS: a gateway that asks for the kiosk's certificate gets it, or answers nobody") {
  const std::string dir = (std::filesystem::temp_directory_path() / "kiosk-gateway-mtls").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string error;
  REQUIRE(ensure_self_signed(dir + "/kiosk.crt", dir + "/kiosk.key", &error));
  ServerOptions o;
  o.data_dir = dir + "/gateway";
  o.client_ca_path = dir + "/kiosk.crt";
  auto server = Server::start(o, &error);
  INFO(error);
  REQUIRE(server);
  Link link;
  link.port = server->port();
  link.ca_cert_path = server->cert_path();
  link.timeout_ms = 2000;
  CHECK(Client(link).lookup(Brand::proximus, active).kind == LookupResult::Kind::unavailable);
  link.client_cert_path = dir + "/kiosk.crt";
  link.client_key_path = dir + "/kiosk.key";
  CHECK(Client(link).lookup(Brand::proximus, active).kind == LookupResult::Kind::found);
  link.client_key_path = dir + "/missing.key";
  const LookupResult bad = Client(link).lookup(Brand::proximus, active);
  CHECK(bad.kind == LookupResult::Kind::unavailable);
  CHECK(bad.detail.find("client certificate") != std::string::npos);
}

TEST_CASE("A renewal stops asking when its budget is spent, and says unknown") {
  Running g("budget");
  Link tight = g.link;
  tight.renewal_budget_ms = tight.timeout_ms;  // room for one call only
  Client c(tight);
  std::string detail;
  REQUIRE(c.set_fault("timeout", &detail, "/v1/renewals"));
  const RenewalResult r = c.renew({"K-TEST-0301", Brand::proximus, active, "px-smart-10", 1, 1000});
  CHECK(r.kind == RenewalResult::Kind::unknown);
  CHECK(r.attempts == 1);
  CHECK(r.detail.find("budget") != std::string::npos);
}
