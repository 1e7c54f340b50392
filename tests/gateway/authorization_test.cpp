// Who may do what at the gateway, and a reference bound to the renewal it was made for.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/reference.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/server.hpp"
#include "gateway/sqlite_store.hpp"
#include "../demo_catalog.hpp"

using namespace kiosk;
using namespace kiosk::gateway;
using nlohmann::json;

namespace {

const MobileNumber customer{"470123456"};
const MobileNumber attacker{"470000003"};

struct Gateway {
  std::string dir;
  std::unique_ptr<Server> server;
  explicit Gateway(const std::string& name, bool allow_faults = false) {
    dir = (std::filesystem::temp_directory_path() / ("kiosk-gateway-authz-" + name)).string();
    std::filesystem::remove_all(dir);
    ServerOptions o;
    o.data_dir = dir;
    o.catalog_text = test::demo_catalog_text();
    o.allow_faults = allow_faults;
    o.sms_send_interval_ms = 0;
    std::string error;
    server = Server::start(o, &error);
    INFO(error);
    REQUIRE(server);
  }
  // A raw HTTPS client with the certificate of `role`/`id` ("" = none).
  std::unique_ptr<httplib::SSLClient> raw(Role role, const std::string& id) const {
    std::string cert, key;
    if (!id.empty()) {
      const std::string out = dir + "/callers/" + id;
      std::string error;
      REQUIRE(issue_client_certificate(dir, role, id, out, &error));
      const std::string base = out + (role == Role::kiosk ? "/kiosk" : "/operator");
      cert = base + ".crt";
      key = base + ".key";
    }
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port(), cert, key);
    c->set_ca_cert_path(server->cert_path().c_str());
    c->enable_server_certificate_verification(true);
    c->set_read_timeout(std::chrono::seconds(5));
    return c;
  }
  Link link(const std::string& kiosk_id) const {
    const std::string out = dir + "/callers/" + kiosk_id;
    std::string error;
    REQUIRE(issue_client_certificate(dir, Role::kiosk, kiosk_id, out, &error));
    Link l;
    l.port = server->port();
    l.ca_cert_path = server->cert_path();
    l.client_cert_path = out + "/kiosk.crt";
    l.client_key_path = out + "/kiosk.key";
    return l;
  }
  std::vector<RenewalRecord> renewals() const {
    std::string error;
    auto store = SqliteStore::open(dir + "/gateway.sqlite", &error);
    REQUIRE(store);
    return store->renewals();
  }
};

json renewal_body(const std::string& reference, const MobileNumber& number) {
  return {{"reference", reference}, {"brand", "proximus"},  {"msisdn", e164(number)},
          {"plan_id", "px-smart-10"}, {"months", 1}, {"amount_cents", 1000}};
}

int post(httplib::SSLClient& c, const std::string& path, const json& body, json* answer = nullptr) {
  auto r = c.Post(path.c_str(), body.dump(), "application/json");
  if (!r) return -1;
  if (answer) *answer = json::parse(r->body, nullptr, false);
  return r->status;
}

int get(httplib::SSLClient& c, const std::string& path) {
  auto r = c.Get(path.c_str());
  return r ? r->status : -1;
}

}  // namespace

TEST_CASE("A reference repeated with another number, brand, plan or amount is a conflict, never the first record") {
  Gateway g("binding");
  auto kiosk = g.raw(Role::kiosk, "BE-1");
  const std::string reference = make_reference("BE-1", ReferenceKey{}, 1);
  json answer;
  REQUIRE(post(*kiosk, "/v1/renewals", renewal_body(reference, customer), &answer) == 201);
  CHECK(post(*kiosk, "/v1/renewals", renewal_body(reference, customer), &answer) == 200);  // the same: replayed
  CHECK(answer["replayed"] == true);
  json other = renewal_body(reference, attacker);
  CHECK(post(*kiosk, "/v1/renewals", other, &answer) == 409);
  CHECK(answer["error"] == "reference_conflict");
  for (const auto& [key, value] : {std::pair<const char*, json>{"plan_id", "px-unlimited-20"}, {"amount_cents", 999},
                                   {"months", 3}, {"brand", "orange"}}) {
    json changed = renewal_body(reference, customer);
    changed[key] = value;
    INFO(key);
    CHECK(post(*kiosk, "/v1/renewals", changed, &answer) == 409);
  }
  const auto stored = g.renewals();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].msisdn == e164(customer));
  CHECK(stored[0].kiosk_id == "BE-1");
}

TEST_CASE("The kiosk takes no answer about another renewal for its own: unknown, flagged, never delivered") {
  Gateway g("client-checks");
  Client kiosk(g.link("BE-1"));
  const std::string reference = make_reference("BE-1", ReferenceKey{}, 7);
  // Somebody (here the same kiosk, as an attacker with its key would) used the reference first.
  const RenewalResult first = kiosk.renew({reference, Brand{"proximus"}, attacker, "px-smart-10", 1, 1000});
  REQUIRE(first.kind == RenewalResult::Kind::delivered);
  const RenewalResult mine = kiosk.renew({reference, Brand{"proximus"}, customer, "px-smart-10", 1, 1000});
  CHECK(mine.kind == RenewalResult::Kind::unknown);
  CHECK(mine.mismatch);
  const Client::Resolution r = kiosk.resolve({reference, Brand{"proximus"}, customer, "px-smart-10", 1, 1000});
  CHECK(r.kind == Client::Resolution::Kind::unknown);
  CHECK(r.mismatch);
  CHECK(r.detail.find("msisdn") != std::string::npos);
  // Without the number (erased after settling) the rest is still compared.
  const Client::Resolution amount = kiosk.resolve({reference, Brand{"proximus"}, std::nullopt, "px-smart-10", 1, 1500});
  CHECK(amount.mismatch);
  CHECK(kiosk.resolve({reference, Brand{"proximus"}, attacker, "px-smart-10", 1, 1000}).kind ==
        Client::Resolution::Kind::delivered);
}

TEST_CASE("A kiosk uses only references that carry its own id") {
  Gateway g("ownership");
  auto a = g.raw(Role::kiosk, "BE-1");
  auto b = g.raw(Role::kiosk, "BE-12");
  auto dashed = g.raw(Role::kiosk, "BE");
  const std::string of_a = make_reference("BE-1", ReferenceKey{}, 1);
  REQUIRE(post(*a, "/v1/renewals", renewal_body(of_a, customer)) == 201);
  CHECK(post(*b, "/v1/renewals", renewal_body(make_reference("BE-1", ReferenceKey{}, 2), attacker)) == 403);
  // "BE" is a prefix of "BE-1": its own references never look like BE-1's.
  CHECK(post(*dashed, "/v1/renewals", renewal_body(make_reference("BE-1", ReferenceKey{}, 3), attacker)) == 403);
  CHECK(get(*b, "/v1/renewals/" + of_a) == 403);
  CHECK(post(*b, "/v1/renewals/" + of_a + "/void", json::object()) == 403);
  CHECK(post(*b, "/v1/renewals/" + make_reference("BE-1", ReferenceKey{}, 9) + "/void", json::object()) == 403);
  CHECK(post(*b, "/v1/sms", {{"reference", of_a}, {"kind", "confirmation"}, {"msisdn", e164(attacker)}, {"text", "x"}}) ==
        403);
  CHECK(post(*b, "/v1/reports", {{"reference", of_a}, {"steps", json::array()}}) == 403);
  // A guessable reference is refused too: the token is the unguessable part.
  CHECK(post(*a, "/v1/renewals", renewal_body("BE-1-0002", customer)) == 403);
  CHECK(get(*a, "/v1/renewals/" + of_a) == 200);
  CHECK(g.renewals().size() == 1);
}

TEST_CASE("Nobody without a certificate, and no kiosk, reads the operator's lists or sets faults") {
  Gateway g("roles");
  auto anonymous = g.raw(Role::kiosk, "");
  CHECK(get(*anonymous, "/v1/health") == -1);  // the TLS handshake fails
  CHECK(post(*anonymous, "/v1/renewals", renewal_body(make_reference("BE-1", ReferenceKey{}, 1), attacker)) == -1);
  auto kiosk = g.raw(Role::kiosk, "BE-1");
  CHECK(get(*kiosk, "/v1/health") == 200);
  CHECK(get(*kiosk, "/v1/renewals") == 403);
  CHECK(get(*kiosk, "/v1/sms") == 403);
  CHECK(get(*kiosk, "/v1/reports") == 403);
  CHECK(post(*kiosk, "/v1/admin/faults", {{"mode", "error"}}) == 403);
  auto ops = g.raw(Role::operator_, "ops");
  CHECK(get(*ops, "/v1/renewals") == 200);
  CHECK(get(*ops, "/v1/sms") == 200);
  CHECK(post(*ops, "/v1/admin/faults", {{"mode", "error"}}) == 404);  // off unless asked for
  CHECK(post(*ops, "/v1/renewals", renewal_body(make_reference("ops", ReferenceKey{}, 1), customer)) == 403);
  CHECK(get(*kiosk, "/v1/subscribers/proximus/%2B32470123456") == 200);
}

TEST_CASE("Fault injection, where it is on, answers operators only") {
  Gateway g("faults-on", true);
  auto kiosk = g.raw(Role::kiosk, "BE-1");
  auto ops = g.raw(Role::operator_, "ops");
  CHECK(post(*kiosk, "/v1/admin/faults", {{"mode", "error"}}) == 403);
  CHECK(post(*ops, "/v1/admin/faults", {{"mode", "error"}}) == 200);
  CHECK(get(*kiosk, "/v1/health") == 503);
  CHECK(get(*ops, "/v1/renewals") == 200);  // the operator's view is not faulted
  Link ops_link;
  ops_link.port = g.server->port();
  ops_link.ca_cert_path = g.server->cert_path();
  ops_link.client_cert_path = g.dir + "/callers/ops/operator.crt";
  ops_link.client_key_path = g.dir + "/callers/ops/operator.key";
  std::string detail;
  CHECK(Client(ops_link).set_fault("ok", &detail));
  CHECK(get(*kiosk, "/v1/health") == 200);
}

TEST_CASE("The gateway tells a kiosk the newest reference it saw from it") {
  Gateway g("last-reference");
  Client a(g.link("BE-1"));
  Client b(g.link("BE-2"));
  std::string detail;
  auto record = a.kiosk_record(&detail);
  REQUIRE(record);
  CHECK(record->kiosk_id == "BE-1");
  CHECK(record->last_reference.empty());
  const std::string r1 = make_reference("BE-1", ReferenceKey{}, 1), r2 = make_reference("BE-1", ReferenceKey{}, 2);
  REQUIRE(a.renew({r1, Brand{"proximus"}, customer, "px-smart-10", 1, 1000}).kind == RenewalResult::Kind::delivered);
  REQUIRE(a.resolve({r2, Brand{"proximus"}, customer, "px-smart-10", 1, 1000}).kind ==
          Client::Resolution::Kind::closed_undelivered);
  CHECK(a.kiosk_record(&detail)->last_reference == r2);
  CHECK(b.kiosk_record(&detail)->last_reference.empty());
}
