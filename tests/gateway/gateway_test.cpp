// The gateway and its client over real HTTPS on 127.0.0.1, certificate verification on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "clock/local_date.hpp"
#include "core/phone.hpp"
#include "core/pricing.hpp"
#include "core/reference.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/seed.hpp"
#include "gateway/server.hpp"
#include "gateway/sqlite_store.hpp"
#include "gateway/tls_cert.hpp"
#include "gateway/tls_pin.hpp"
#include "gateway/wire.hpp"
#include "sqlite/sqlite.hpp"
#include "../demo_catalog.hpp"

using namespace kiosk;
using namespace kiosk::gateway;

namespace {

// A gateway with one kiosk ("K") and one operator certificate issued from its client CA.
struct Running {
  std::unique_ptr<Server> server;
  Link link;           // kiosk K
  Link operator_link;  // the operator
  std::string dir;
  explicit Running(const std::string& name, double requests_per_second = 20, double request_burst = 60) {
    dir = (std::filesystem::temp_directory_path() / ("kiosk-gateway-" + name)).string();
    std::filesystem::remove_all(dir);
    ServerOptions o;
    o.data_dir = dir;
    o.catalog_text = test::demo_catalog_text();
    o.timeout_fault_ms = 900;
    o.allow_faults = true;
    o.sms_send_interval_ms = 0;  // the tests read the queue, then send
    o.requests_per_second = requests_per_second;
    o.request_burst = request_burst;
    std::string error;
    server = Server::start(o, &error);
    INFO(error);
    REQUIRE(server);
    link.port = server->port();
    link.ca_cert_path = server->cert_path();
    link.timeout_ms = 600;
    operator_link = link;
    REQUIRE(issue_client_certificate(dir, Role::kiosk, "K", dir + "/kiosk-K", &error));
    REQUIRE(issue_client_certificate(dir, Role::operator_, "ops", dir + "/ops", &error));
    link.client_cert_path = dir + "/kiosk-K/kiosk.crt";
    link.client_key_path = dir + "/kiosk-K/kiosk.key";
    operator_link.client_cert_path = dir + "/ops/operator.crt";
    operator_link.client_key_path = dir + "/ops/operator.key";
  }
  // Another kiosk of the same gateway.
  Link kiosk(const std::string& id) const {
    std::string error;
    REQUIRE(issue_client_certificate(dir, Role::kiosk, id, dir + "/kiosk-" + id, &error));
    Link other = link;
    other.client_cert_path = dir + "/kiosk-" + id + "/kiosk.crt";
    other.client_key_path = dir + "/kiosk-" + id + "/kiosk.key";
    return other;
  }
  void fault(const char* mode, const std::string& scope = "") {
    FaultMode m;
    REQUIRE(parse_fault_mode(mode, &m));
    server->set_fault(m, scope);
  }
};

// Kiosk K's n-th reference, as the core makes them.
std::string ref(std::uint64_t n) { return make_reference("K", ReferenceKey{}, n); }

Client::Expected expect(const RenewalRequest& r) {
  return {r.reference, r.brand, r.number, r.plan_id, r.months, r.amount};
}

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
  LookupResult r = c.lookup(Brand{"proximus"}, active);
  REQUIRE(r.kind == LookupResult::Kind::found);
  CHECK(r.subscriber.status == SubscriberStatus::active);
  CHECK(r.subscriber.balance == 350);
  CHECK(r.plans.size() == 3);
  for (const Plan& p : r.plans) CHECK(p.brand == Brand{"proximus"});
  CHECK(c.lookup(Brand{"orange"}, active).kind == LookupResult::Kind::not_found);  // number portability
  const Subscriber suspended = c.lookup(Brand{"proximus"}, MobileNumber{"470000001"}).subscriber;
  CHECK(suspended.status == SubscriberStatus::suspended);
  CHECK(suspended.reactivation_fee == 500);
  // Frozen for a week after the plan ended, then suspended.
  CHECK(suspended.suspended_since == add_days(suspended.expiry, 7));
}

TEST_CASE("A customer number finds its subscriber and the phone number, only where the brand takes them") {
  Running g("customers");
  Client c(g.link);
  const LookupResult px = c.lookup_customer(Brand{"proximus"}, "5001234567");
  REQUIRE(px.kind == LookupResult::Kind::found);
  REQUIRE(px.number);
  CHECK(format_mobile(*px.number) == "0470 12 34 56");
  CHECK(px.subscriber.balance == c.lookup(Brand{"proximus"}, active).subscriber.balance);
  CHECK(px.plans.size() == 3);
  const LookupResult mv = c.lookup_customer(Brand{"mobilevikings"}, "71234567");
  REQUIRE(mv.kind == LookupResult::Kind::found);
  CHECK(format_mobile(*mv.number) == "0467 12 34 56");
  // Another brand's customer number, an unknown one, one at a brand without them, a malformed one.
  CHECK(c.lookup_customer(Brand{"mobilevikings"}, "5001234567").kind == LookupResult::Kind::not_found);
  CHECK(c.lookup_customer(Brand{"proximus"}, "5009999999").kind == LookupResult::Kind::not_found);
  CHECK(c.lookup_customer(Brand{"orange"}, "5001234567").kind == LookupResult::Kind::not_found);
  CHECK(c.lookup_customer(Brand{"proximus"}, "12ab").kind == LookupResult::Kind::not_found);
  g.fault("garbage");
  CHECK(c.lookup_customer(Brand{"proximus"}, "5001234567").kind == LookupResult::Kind::unavailable);
}

TEST_CASE("A suspended subscriber's answer says since when, never before the plan ended") {
  using nlohmann::json;
  json j{{"status", "suspended"}, {"balance_cents", 0}, {"expiry", "2026-11-02"}, {"plan_id", "px-smart-10"},
         {"reactivation_fee_cents", 500}, {"suspended_since", "2026-11-09"}};
  const auto ok = wire::subscriber_from_json(j);
  REQUIRE(ok);
  CHECK(ok->suspended_since == CivilDate{2026, 11, 9});
  j["suspended_since"] = "2026-10-01";
  CHECK_FALSE(wire::subscriber_from_json(j));
  j.erase("suspended_since");
  CHECK_FALSE(wire::subscriber_from_json(j));
  j["status"] = "active";
  CHECK(wire::subscriber_from_json(j));
}

TEST_CASE("A renewal is delivered once per reference, whatever is sent again") {
  Running g("idempotent");
  Client c(g.link);
  const LookupResult r = c.lookup(Brand{"proximus"}, active);
  REQUIRE(r.kind == LookupResult::Kind::found);
  const Plan p = plan(r.plans, "px-smart-10");
  const RenewalRequest req{ref(1), Brand{"proximus"}, active, p.id, 1, 1000};
  const RenewalResult first = c.renew(req);
  REQUIRE(first.kind == RenewalResult::Kind::delivered);
  CHECK(first.attempts == 1);
  const RenewalResult again = c.renew(req);
  REQUIRE(again.kind == RenewalResult::Kind::delivered);
  CHECK(again.confirmation_id == first.confirmation_id);
  CHECK(again.new_expiry == first.new_expiry);
  // The subscriber was extended once: a second reference extends from the new expiry.
  const LookupResult after = c.lookup(Brand{"proximus"}, active);
  CHECK(after.subscriber.expiry == first.new_expiry);
}

TEST_CASE("A returning customer's bonus is credited with the delivery, once per reference") {
  Running g("bonus");
  Client c(g.link);
  const LookupResult r = c.lookup(Brand{"proximus"}, active);
  REQUIRE(r.kind == LookupResult::Kind::found);
  REQUIRE(r.subscriber.returning_customer);
  const Cents before = r.subscriber.balance;
  const Plan p = plan(r.plans, "px-smart-10");  // €2.00 bonus credit for returning customers
  const Quote q = quote(p, 1, r.subscriber, local_today());
  REQUIRE(q.bonus_credit == 200);
  const RenewalRequest req{ref(1), Brand{"proximus"}, active, p.id, 1, q.total};
  REQUIRE(c.renew(req).kind == RenewalResult::Kind::delivered);
  CHECK(c.lookup(Brand{"proximus"}, active).subscriber.balance == before + 200);
  // Sent again (a lost answer): the same renewal, no second credit.
  REQUIRE(c.renew(req).kind == RenewalResult::Kind::delivered);
  CHECK(c.lookup(Brand{"proximus"}, active).subscriber.balance == before + 200);
  // The gateway's record says what it credited.
  std::string error;
  auto store = SqliteStore::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  const auto stored = store->find_renewal(ref(1));
  REQUIRE(stored);
  CHECK(stored->bonus == 200);
  // A plan without a bonus credits nothing.
  const Plan unlimited = plan(r.plans, "px-unlimited");
  const LookupResult now = c.lookup(Brand{"proximus"}, active);
  const Quote q2 = quote(unlimited, 1, now.subscriber, local_today());
  REQUIRE(c.renew({ref(2), Brand{"proximus"}, active, unlimited.id, 1, q2.total}).kind == RenewalResult::Kind::delivered);
  CHECK(c.lookup(Brand{"proximus"}, active).subscriber.balance == before + 200);
}

TEST_CASE("The gateway refuses what it cannot deliver, and says why") {
  Running g("refusals");
  Client c(g.link);
  RenewalResult r = c.renew({ref(2), Brand{"proximus"}, active, "px-smart-10", 1, 999});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "price_mismatch");
  r = c.renew({ref(3), Brand{"proximus"}, active, "or-start", 1, 800});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "unknown_plan");
  r = c.renew({ref(4), Brand{"proximus"}, MobileNumber{"470000002"}, "px-smart-10", 1, 1000});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "deactivated");
  r = c.renew({ref(5), Brand{"proximus"}, active, "px-smart-10", 3, 3000});
  CHECK(r.detail == "bad_duration");
}

TEST_CASE("Faults: errors and garbage make a look-up unavailable, never a wrong answer") {
  Running g("faults");
  Client c(g.link);
  for (const char* mode : {"error", "garbage", "timeout"}) {
    INFO(mode);
    g.fault(mode);
    const LookupResult r = c.lookup(Brand{"proximus"}, active);
    CHECK(r.kind == LookupResult::Kind::unavailable);
    CHECK_FALSE(r.detail.empty());
  }
  g.fault("ok");
  CHECK(c.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  FaultMode mode;
  CHECK_FALSE(parse_fault_mode("chaos", &mode));
}

TEST_CASE("A lost answer is resolved by asking by reference, not by guessing") {
  Running g("unknown");
  Client c(g.link);
  std::string detail;
  const RenewalRequest req{ref(6), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  g.fault("garbage");
  const RenewalResult lost = c.renew(req);
  CHECK(lost.kind == RenewalResult::Kind::unknown);
  CHECK(lost.attempts == 1);  // no second POST while the first one's fate is unknown
  g.fault("ok");
  const RenewalResult later = c.renew(req);
  CHECK(later.kind == RenewalResult::Kind::delivered);
  g.fault("refuse");
  CHECK(c.renew({ref(7), Brand{"proximus"}, active, "px-smart-10", 1, 1000}).kind == RenewalResult::Kind::failed);
  // A replay of a delivered reference is answered from the record even while refusing.
  CHECK(c.renew(req).kind == RenewalResult::Kind::delivered);
}

TEST_CASE("SMS messages are queued once per reference and kind") {
  Running g("sms");
  Client c(g.link);
  std::string detail;
  CHECK(c.send_sms(ref(1), "confirmation", active, "hello", &detail));
  CHECK(c.send_sms(ref(1), "confirmation", active, "hello", &detail));
  CHECK(c.send_sms(ref(1), "refund", active, "money back", &detail));
  // A NUL byte inside a field is refused as that field missing, whatever the store.
  CHECK_FALSE(c.send_sms(ref(2), "confirmation", active, std::string("hel\0lo", 6), &detail));
  CHECK(c.hand_over("sms", R"({"reference":")" + ref(3) + R"(","kind":"confirmation\u0000","msisdn":"+32470123456","text":"hi"})",
                    &detail) == Service::Handover::refused);
  std::string error;
  auto store = SqliteStore::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  const auto sms = store->sms();
  REQUIRE(sms.size() == 2);
  CHECK(sms[0].kind == "confirmation");
  CHECK(sms[1].text == "money back");
  CHECK(sms[0].msisdn == "+32470123456");
  CHECK(sms[0].kiosk_id == "K");
  // Sent, the text and the number are gone; the record of what was sent stays.
  CHECK(store->send_queued_sms() == 2);
  for (const SmsRecord& m : store->sms()) {
    CHECK(m.text.empty());
    CHECK(m.msisdn == "0470 xx x4 56");
    CHECK_FALSE(m.sent_at.empty());
  }
  CHECK(store->sms()[1].text_length == 10);
}

TEST_CASE("Transaction reports are stored once per reference, and malformed ones are refused") {
  Running g("reports");
  Client c(g.link);
  std::string detail;
  const std::string report = R"({"reference":")" + ref(9) + R"(","kiosk_id":"K","steps":[{"step":"settled"}]})";
  CHECK(c.hand_over("report", report, &detail) == Client::Handover::delivered);
  CHECK(c.hand_over("report", report, &detail) == Client::Handover::delivered);  // at least once is fine
  CHECK(c.hand_over("report", R"({"reference":")" + ref(10) + R"("})", &detail) == Client::Handover::refused);
  g.fault("error", "/v1/reports");
  CHECK(c.hand_over("report", R"({"reference":")" + ref(11) + R"(","steps":[]})", &detail) == Client::Handover::retry);
  std::string error;
  auto store = SqliteStore::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  REQUIRE(store->reports().size() == 1);
  CHECK(store->reports()[0].first == ref(9));
}

TEST_CASE("An outbox item the gateway asks to send later (429) is kept for later, never dropped") {
  Running g("slow-down", 0.01, 2);
  Client c(g.link);
  std::string detail;
  const auto report = [](std::uint64_t n) {
    return R"({"reference":")" + ref(n) + R"(","kiosk_id":"K","steps":[{"step":"settled"}]})";
  };
  CHECK(c.hand_over("report", report(20), &detail) == Client::Handover::delivered);
  CHECK(c.hand_over("report", report(21), &detail) == Client::Handover::delivered);
  CHECK(c.hand_over("report", report(22), &detail) == Client::Handover::too_soon);
  CHECK(detail.find("429") != std::string::npos);
}

TEST_CASE("A request the gateway finds too soon is sent again after the wait it names") {
  Running g("pacing", 20, 1);  // one request at once, then one every 50 ms
  Client c(g.link);
  for (int i = 0; i < 4; ++i) {
    const LookupResult r = c.lookup(Brand{"proximus"}, active);
    INFO(r.detail);
    CHECK(r.kind == LookupResult::Kind::found);
  }
}

TEST_CASE("A connection the gateway has closed while idle is not used again") {
  Running g("kept");
  Client c(g.link);
  CHECK(c.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  // The gateway closes an idle connection after a second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  const LookupResult r = c.lookup(Brand{"proximus"}, active);
  INFO(r.detail);
  CHECK(r.kind == LookupResult::Kind::found);
}

TEST_CASE("A new connection resumes the kiosk's TLS session, and the gateway still knows which kiosk it is") {
  Running g("resume");
  Client c(g.link);
  CHECK(c.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  CHECK(c.tls_sessions_resumed() == 0);
  // Idle past the kept connection's limit: the next call opens a new connection.
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  const RenewalRequest r{ref(1), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  const RenewalResult done = c.renew(r);
  INFO(done.detail);
  REQUIRE(done.kind == RenewalResult::Kind::delivered);
  CHECK(c.tls_sessions_resumed() == 1);
  CHECK(g.server->tls_sessions_resumed() >= 1);
  // The resumed session carries the kiosk's certificate: the renewal is K's.
  const auto stored = g.server->store().find_renewal(ref(1));
  REQUIRE(stored);
  CHECK(stored->kiosk_id == "K");
  // Another kiosk's client has no session of K's to offer: its first connection is a full
  // handshake, and it is itself.
  Client other(g.kiosk("L"));
  CHECK(other.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  CHECK(other.tls_sessions_resumed() == 0);
}

TEST_CASE("A gateway with another certificate is not trusted") {
  Running g("trust");
  Running other("trust-other");
  Link wrong = g.link;
  wrong.ca_cert_path = other.link.ca_cert_path;
  Client c(wrong);
  const LookupResult r = c.lookup(Brand{"proximus"}, active);
  CHECK(r.kind == LookupResult::Kind::unavailable);
  CHECK(r.detail.find("certificate") != std::string::npos);
}

TEST_CASE("Recovery closes a reference: delivered stays delivered, anything else can never deliver") {
  Running g("void");
  Client c(g.link);
  const RenewalRequest delivered_req{ref(101), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  const RenewalResult delivered = c.renew(delivered_req);
  REQUIRE(delivered.kind == RenewalResult::Kind::delivered);
  const Client::Resolution kept = c.resolve(expect(delivered_req));
  CHECK(kept.kind == Client::Resolution::Kind::delivered);
  CHECK(kept.confirmation_id == delivered.confirmation_id);

  const RenewalRequest late_req{ref(102), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  CHECK(c.resolve(expect(late_req)).kind == Client::Resolution::Kind::closed_undelivered);
  CHECK(c.resolve(expect(late_req)).kind == Client::Resolution::Kind::closed_undelivered);  // idempotent
  // The request the kiosk lost arrives after all: refused, nothing delivered.
  const RenewalResult late = c.renew(late_req);
  CHECK(late.kind == RenewalResult::Kind::failed);
  CHECK(late.detail == "void");
  const LookupResult after = c.lookup(Brand{"proximus"}, active);
  CHECK(after.subscriber.expiry == delivered.new_expiry);  // extended once, by the first one only

  // A fault scoped to renewals leaves look-ups alone.
  g.fault("error", "/v1/renewals");
  CHECK(c.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  CHECK(c.resolve({ref(103), Brand{"proximus"}, active, "px-smart-10", 1, 1000}).kind == Client::Resolution::Kind::unknown);
}

TEST_CASE("Faults after commit: a lost answer, a repeated request, a slow gateway") {
  Running g("after-commit");
  Client c(g.link);

  g.fault("lost_answer");
  const RenewalRequest lost{ref(201), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  // Committed, then the answer is held past the client's timeout: the client asks by reference.
  const RenewalResult r = c.renew(lost);
  CHECK(r.kind == RenewalResult::Kind::delivered);
  CHECK(r.attempts == 1);

  g.fault("duplicate");
  const RenewalRequest twice{ref(202), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  CHECK(c.renew(twice).kind == RenewalResult::Kind::delivered);

  g.fault("ok");
  std::string error;
  auto store = SqliteStore::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  int deliveries = 0;
  for (const RenewalRecord& rec : store->renewals()) deliveries += rec.status == "delivered";
  CHECK(deliveries == 2);
  // The subscriber was extended twice (two references), not three times.
  const LookupResult after = c.lookup(Brand{"proximus"}, active);
  CHECK(after.subscriber.expiry == c.resolve(expect(twice)).new_expiry);

  g.fault("latency");  // 800 ms against a 600 ms client: a timeout
  CHECK(c.lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::unavailable);
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
  CHECK(Client(pinned).lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);

  // A certificate the kiosk trusts, but not the pinned key: refused, and the log says why.
  pinned.spki_pins = {other_pin};
  const LookupResult r = Client(pinned).lookup(Brand{"proximus"}, active);
  CHECK(r.kind == LookupResult::Kind::unavailable);
  CHECK(r.detail.find("pinned") != std::string::npos);

  CHECK(spki_pin_of_file(g.dir + "/nothing.pem", &error).empty());
  CHECK_FALSE(error.empty());
}

TEST_CASE("Mutual TLS: only certificates from the gateway's client CA get an answer") {
  Running g("mtls");
  Running other("mtls-other");
  Link link = g.link;
  link.timeout_ms = 2000;
  CHECK(Client(link).lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::found);
  Link anonymous = link;
  anonymous.client_cert_path.clear();
  anonymous.client_key_path.clear();
  CHECK(Client(anonymous).lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::unavailable);
  Link foreign = link;  // a kiosk of another gateway
  foreign.client_cert_path = other.link.client_cert_path;
  foreign.client_key_path = other.link.client_key_path;
  CHECK(Client(foreign).lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::unavailable);
  Link self_signed = link;  // a certificate nobody issued
  std::string error;
  REQUIRE(ensure_self_signed(g.dir + "/own/kiosk.crt", g.dir + "/own/kiosk.key", &error));
  self_signed.client_cert_path = g.dir + "/own/kiosk.crt";
  self_signed.client_key_path = g.dir + "/own/kiosk.key";
  CHECK(Client(self_signed).lookup(Brand{"proximus"}, active).kind == LookupResult::Kind::unavailable);
  link.client_key_path = g.dir + "/missing.key";
  const LookupResult bad = Client(link).lookup(Brand{"proximus"}, active);
  CHECK(bad.kind == LookupResult::Kind::unavailable);
  CHECK(bad.detail.find("client certificate") != std::string::npos);
}

TEST_CASE("A renewal stops asking when its budget is spent, and says unknown") {
  Running g("budget");
  Link tight = g.link;
  tight.renewal_budget_ms = tight.timeout_ms;  // room for one call only
  Client c(tight);
  g.fault("timeout", "/v1/renewals");
  const RenewalResult r = c.renew({ref(301), Brand{"proximus"}, active, "px-smart-10", 1, 1000});
  CHECK(r.kind == RenewalResult::Kind::unknown);
  CHECK(r.attempts == 1);
  CHECK(r.detail.find("budget") != std::string::npos);
}

TEST_CASE("The store's WAL stays short through thousands of renewals") {
  const std::string dir = (std::filesystem::temp_directory_path() / "kiosk-gateway-wal").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string error;
  auto store = SqliteStore::open(dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  const catalog::CatalogFile demo = test::demo_catalog();
  REQUIRE(store->apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(CivilDate{2026, 11, 28}, demo), &error));
  std::uintmax_t largest = 0;
  // KIOSK_WAL_RENEWALS=100000 for the long run (about a minute here).
  const int count = std::getenv("KIOSK_WAL_RENEWALS") ? std::atoi(std::getenv("KIOSK_WAL_RENEWALS")) : 3000;
  for (int i = 1; i <= count; ++i) {
    RenewalRecord r;
    r.reference = ref(static_cast<std::uint64_t>(i));
    r.kiosk_id = "K";
    r.brand = Brand{"proximus"};
    r.msisdn = "+32470123456";
    r.plan_id = "px-smart-10";
    r.amount = 1000;
    r.new_expiry = CivilDate{2026, 12, 28};
    const auto now = store->find_subscriber(r.brand, r.msisdn);
    REQUIRE(now);
    REQUIRE(store->deliver(r, *now) == Delivery::created);
    if (i % 100 == 0) largest = std::max(largest, std::filesystem::file_size(dir + "/gateway.sqlite-wal"));
  }
  INFO("largest WAL " << largest << " bytes after " << count << " renewals");
  // Without checkpoints SQLite's WAL grew by about 13 KB a renewal here (39 MB for 3000).
  CHECK(largest < 8u * 1024 * 1024);
}

TEST_CASE("Personal data at the gateway: SMS erased once sent, renewals' numbers masked after the retention") {
  const std::string dir = (std::filesystem::temp_directory_path() / "kiosk-gateway-retention").string();
  std::filesystem::remove_all(dir);
  ServerOptions o;
  o.data_dir = dir;
  o.catalog_text = test::demo_catalog_text();
  o.sms_send_interval_ms = 50;
  std::string error;
  auto server = Server::start(o, &error);
  REQUIRE(server);
  REQUIRE(issue_client_certificate(dir, Role::kiosk, "K", dir + "/k", &error));
  Link link;
  link.port = server->port();
  link.ca_cert_path = server->cert_path();
  link.client_cert_path = dir + "/k/kiosk.crt";
  link.client_key_path = dir + "/k/kiosk.key";
  Client c(link);
  std::string detail;
  REQUIRE(c.renew({ref(1), Brand{"proximus"}, active, "px-smart-10", 1, 1000}).kind == RenewalResult::Kind::delivered);
  REQUIRE(c.send_sms(ref(1), "confirmation", active, "Renewed until 28/12", &detail));
  auto store = SqliteStore::open(dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  bool sent = false;
  for (int i = 0; i < 200 && !sent; ++i) {  // the gateway's own sender, every 50 ms
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    sent = !store->sms().at(0).sent_at.empty();
  }
  REQUIRE(sent);
  CHECK(store->sms()[0].text.empty());
  CHECK(store->sms()[0].msisdn == "0470 xx x4 56");
  CHECK(store->renewals()[0].msisdn == "+32470123456");  // still within the retention
  CHECK(store->erase_old_numbers(0) == 1);
  CHECK(store->renewals()[0].msisdn == "0470 xx x4 56");
  CHECK(store->erase_old_numbers(0) == 0);
  // Nothing of the message is left in the file or its WAL (the number itself stays in the
  // simulated operator's subscriber table, where an operator keeps it).
  server->stop();
  store.reset();
  for (const char* f : {"/gateway.sqlite", "/gateway.sqlite-wal"}) {
    std::ifstream in(dir + f, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes.find("Renewed until") == std::string::npos);
  }
}

namespace {

// The demo catalog one version on, changed by `edit`: its text and what it says.
std::pair<std::string, catalog::CatalogFile> next_catalog(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json j = nlohmann::json::parse(test::demo_catalog_text());
  j["version"] = j["version"].get<int>() + 1;
  edit(j);
  std::string text = j.dump(2), error;
  auto c = catalog::parse_catalog(text, &error);
  INFO(error);
  REQUIRE(c);
  return {text, *c};
}

// Mobile Vikings gone, a brand the code has never heard of in its place, Proximus dearer.
void change_brands(nlohmann::json& j) {
  auto& brands = j["brands"];
  brands.erase(std::remove_if(brands.begin(), brands.end(), [](const nlohmann::json& b) { return b["id"] == "mobilevikings"; }),
               brands.end());
  auto& plans = j["plans"];
  plans.erase(std::remove_if(plans.begin(), plans.end(), [](const nlohmann::json& p) { return p["brand"] == "mobilevikings"; }),
              plans.end());
  brands.push_back({{"id", "hey_mobile"}, {"name", "Hey!"}, {"colour", "#102030"}, {"text_colour", "#FFFFFF"},
                    {"identifiers", {"phone_number"}}, {"reactivation_fee_cents", 250}});
  plans.push_back({{"id", "hey-5"}, {"brand", "hey_mobile"}, {"name", "Hey 5"}, {"data_gb", 5}, {"minutes", -1},
                   {"sms", -1}, {"intl_minutes", 0}, {"price_cents", 500}, {"months", {1, 3}}});
  for (auto& p : plans)
    if (p["id"] == "px-smart-10") p["price_cents"] = 1100;
}

}  // namespace

TEST_CASE("The store sells from the newest catalog: brands and plans replaced, subscribers kept, versions only up") {
  const std::string dir = (std::filesystem::temp_directory_path() / "kiosk-gateway-catalog").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const CivilDate today{2026, 11, 28};
  std::string error;
  const catalog::CatalogFile demo = test::demo_catalog();
  {
    auto store = SqliteStore::open(dir + "/gateway.sqlite", &error);
    REQUIRE(store);
    REQUIRE(store->apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(today, demo), &error));
    CHECK(store->catalog_version() == demo.version);
    CHECK(store->plans(Brand{"mobilevikings"}).size() == 2);
  }
  sql::Database::open(dir + "/gateway.sqlite")
      .exec("UPDATE subscribers SET balance_cents = 4242 WHERE brand = 'proximus' AND msisdn = '+32470123456'");
  auto store = SqliteStore::open(dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  const auto [text, next] = next_catalog(change_brands);
  REQUIRE(store->apply_catalog(next, text, seed_subscribers(today, next), &error));
  CHECK(store->catalog_version() == demo.version + 1);
  CHECK(store->plans(Brand{"mobilevikings"}).empty());
  REQUIRE(store->plans(Brand{"hey_mobile"}).size() == 1);
  CHECK(store->plans(Brand{"hey_mobile"})[0].durations_months == std::vector<int>{1, 3});
  CHECK(store->plans(Brand{"proximus"})[0].price_per_month == 1100);
  CHECK(store->find_subscriber(Brand{"hey_mobile"}, "+32499123456"));
  CHECK(store->find_subscriber(Brand{"proximus"}, "+32470123456")->balance == 4242);  // the operator's, kept
  const std::vector<BrandTerms> terms = store->brand_terms();
  REQUIRE(terms.size() == next.brands.size());
  CHECK(terms.back().brand == Brand{"hey_mobile"});
  CHECK(terms.back().reactivation_fee == 250);
  CHECK(store->msisdn_of_customer(Brand{"proximus"}, "5001234567") == std::optional<std::string>("+32470123456"));
  // Never back: an older catalog, or another one with the same version, is refused and changes nothing.
  CHECK_FALSE(store->apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(today, demo), &error));
  CHECK(error.find("older") != std::string::npos);
  const auto [other_text, other] = next_catalog([](nlohmann::json& j) {
    change_brands(j);
    j["plans"][0]["price_cents"] = 1;
  });
  CHECK_FALSE(store->apply_catalog(other, other_text, seed_subscribers(today, other), &error));
  CHECK(error.find("another catalog with version") != std::string::npos);
  CHECK(store->plans(Brand{"proximus"})[0].price_per_month == 1100);
  // The same one again (a restart) is no change.
  CHECK(store->apply_catalog(next, text, seed_subscribers(today, next), &error));
  std::filesystem::remove_all(dir);
}

TEST_CASE("A quote the catalog does not give is refused: a new price applies to the next renewal") {
  Running g("catalog-price");
  Client c(g.link);
  std::string error;
  const auto [text, next] = next_catalog(change_brands);
  REQUIRE(g.server->install_catalog(text, &error));
  // The old price of px-smart-10 (10 €) no longer goes through; the catalog's new one does.
  RenewalResult r = c.renew({ref(601), Brand{"proximus"}, active, "px-smart-10", 1, 1000});
  CHECK(r.kind == RenewalResult::Kind::failed);
  CHECK(r.detail == "price_mismatch");
  CHECK(c.renew({ref(602), Brand{"proximus"}, active, "px-smart-10", 1, 1100}).kind == RenewalResult::Kind::delivered);
  // A brand that is gone is sold no more; a new one is, on its own plan.
  CHECK(c.lookup(Brand{"mobilevikings"}, MobileNumber{"467123456"}).kind == LookupResult::Kind::not_found);
  const LookupResult hey = c.lookup(Brand{"hey_mobile"}, MobileNumber{"499123456"});
  REQUIRE(hey.kind == LookupResult::Kind::found);
  REQUIRE(hey.plans.size() == 1);
  CHECK(c.renew({ref(603), Brand{"hey_mobile"}, MobileNumber{"499123456"}, "hey-5", 3, 1500}).kind ==
        RenewalResult::Kind::delivered);
  // The older one is refused, with why.
  CHECK_FALSE(g.server->install_catalog(test::demo_catalog_text(), &error));
  CHECK(error.find("older") != std::string::npos);
}

TEST_CASE("Expiry reminders: kept until due, checked against the renewal, sent once, STOP honoured, then gone") {
  Running g("reminders");
  Client c(g.link), ops(g.operator_link);
  const RenewalRequest r{ref(301), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  const RenewalResult done = c.renew(r);
  REQUIRE(done.kind == RenewalResult::Kind::delivered);
  const auto ask = [&](const std::string& reference, const MobileNumber& number, CivilDate expiry, int days) {
    std::string detail;
    return c.hand_over("reminder",
                       reminder_payload(reference, Brand{"proximus"}, number, expiry, "nl", days,
                                        "Proximus Pay&Go: uw bundel loopt af. Antwoord STOP om te stoppen."),
                       &detail);
  };
  using H = Service::Handover;
  // Not for another number, another end date, an unknown or another kiosk's reference.
  CHECK(ask(r.reference, MobileNumber{"470000003"}, done.new_expiry, 3) == H::refused);
  CHECK(ask(r.reference, active, add_days(done.new_expiry, 1), 3) == H::refused);
  CHECK(ask(ref(399), active, done.new_expiry, 3) == H::refused);
  CHECK(ask(r.reference, active, done.new_expiry, 0) == H::refused);
  CHECK(ask(r.reference, active, done.new_expiry, 3) == H::delivered);
  CHECK(ask(r.reference, active, done.new_expiry, 3) == H::delivered);  // a repeat keeps one
  CHECK(ask(r.reference, active, done.new_expiry, 5) == H::refused);    // another body: refused
  std::string error;
  auto store = SqliteStore::open(g.dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  REQUIRE(store->reminders().size() == 1);
  const ReminderRecord kept = store->reminders()[0];
  CHECK(kept.send_on == add_days(done.new_expiry, -3));
  CHECK(kept.lang == "nl");
  CHECK_FALSE(kept.consent_at.empty());
  const auto reminder_sms = [&] {
    int n = 0;
    for (const SmsRecord& m : store->sms()) n += m.kind == "reminder";
    return n;
  };
  // Simulated time: the day before it is due nothing goes; on the day it is queued and deleted.
  const int until_due = days_between(local_today(), kept.send_on);
  REQUIRE(until_due > 1);
  std::string detail;
  REQUIRE(ops.set_days_ahead(until_due - 1, &detail));
  CHECK(reminder_sms() == 0);
  CHECK(store->reminders().size() == 1);
  REQUIRE(ops.set_days_ahead(until_due, &detail));
  CHECK(reminder_sms() == 1);
  CHECK(store->reminders().empty());
  REQUIRE(ops.set_days_ahead(until_due + 5, &detail));
  CHECK(reminder_sms() == 1);  // sent once
  // Too late to remind: the day has come.
  CHECK(ask(r.reference, active, done.new_expiry, 3) == H::refused);
  // STOP: a second renewal's reminder, withdrawn before it is due.
  REQUIRE(ops.set_days_ahead(0, &detail));
  const RenewalRequest again{ref(302), Brand{"proximus"}, active, "px-smart-10", 1, 1000};
  const RenewalResult second = c.renew(again);
  REQUIRE(second.kind == RenewalResult::Kind::delivered);
  CHECK(ask(again.reference, active, second.new_expiry, 3) == H::delivered);
  CHECK(ops.relay_reply("+32470123456", "hello", &detail) == 0);
  CHECK(store->reminders().size() == 1);
  // The kept reminder, and the first one's SMS still waiting in the queue (nothing sends here).
  CHECK(ops.relay_reply("+32470123456", " stop\n", &detail) == 2);
  CHECK(store->reminders().empty());
  CHECK(reminder_sms() == 0);
  // Kiosks may not relay replies, nor move the clock.
  CHECK_FALSE(c.relay_reply("+32470123456", "STOP", &detail));
  CHECK_FALSE(c.set_days_ahead(1, &detail));
}
