// Bancontact's status callbacks end to end: wallet-sim signs and posts them to the gateway's
// callback listener, which verifies each against its key set, refuses replays and bad
// signatures, and keeps per payment the furthest status whatever order they came in.
#include <catch2/catch.hpp>

#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "../event_recorder.hpp"
#include "bancontact/callback_jws.hpp"
#include "gateway/server.hpp"
#include "gateway/sqlite_store.hpp"
#include "gateway/tls_cert.hpp"
#include "net/https.hpp"
#include "sim/bancontact_sim.hpp"
#include "../../demo_catalog.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

struct Rig {
  std::string dir;
  std::unique_ptr<gateway::Server> gateway;
  std::unique_ptr<sim::BancontactSim> wallet;
  std::unique_ptr<net::HttpsTransport> merchant;

  Rig(const std::string& name, const std::string& mode) {
    dir = (fs::temp_directory_path() / ("kiosk-wallet-callbacks-" + name)).string();
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string error;
    // The wallet's TLS certificate, and the key its callbacks are signed with (with its JWKS).
    REQUIRE(gateway::ensure_self_signed(dir + "/wallet.crt", dir + "/wallet.key", &error));
    REQUIRE(gateway::x509::ensure_self_signed(dir + "/sign.crt", dir + "/sign.key", "callbacks", {}, &error));
    gateway::x509::Key key = gateway::x509::read_key(dir + "/sign.key", &error);
    gateway::x509::Cert cert = gateway::x509::read_cert(dir + "/sign.crt", &error);
    unsigned char* p = nullptr;
    const int n = i2d_X509(cert.get(), &p);
    const std::string der(reinterpret_cast<char*>(p), static_cast<std::size_t>(n));
    OPENSSL_free(p);
    std::ofstream(dir + "/keys.json") << bancontact::jwks_for(key.get(), "wallet-sim", der);

    gateway::ServerOptions g;
    g.data_dir = dir + "/gateway";
    g.catalog_text = test::demo_catalog_text();
    g.callback_port = 0;
    g.wallet_keys_path = dir + "/keys.json";
    gateway = gateway::Server::start(g, &error);
    INFO(error);
    REQUIRE(gateway);

    sim::BancontactSimOptions w;
    w.ledger_path = dir + "/ledger.jsonl";
    w.cert_path = dir + "/wallet.crt";
    w.key_path = dir + "/wallet.key";
    w.signing_key_path = dir + "/sign.key";
    w.signing_cert_path = dir + "/sign.crt";
    w.callback_ca = gateway->cert_path();
    w.callback_mode = mode;
    w.scan_ms = 50;
    w.confirm_ms = 50;
    wallet = std::make_unique<sim::BancontactSim>(w);
    REQUIRE(wallet->listen("127.0.0.1", 0, &error));
    wallet->start();
    merchant = net::https_transport({"127.0.0.1", wallet->port(), dir + "/wallet.crt", 3000, 65536});
  }

  // A payment the customer approves, followed to SUCCEEDED as the kiosk would; its id.
  std::string pay() {
    const std::string callback = "https://127.0.0.1:" + std::to_string(gateway->callback_port()) + "/v1/wallet/callback";
    const net::Headers auth{{"Authorization", "Bearer k"}};
    const net::HttpsReply r = merchant->send(
        "POST", "/v3/payments",
        nlohmann::json{{"amount", 1500}, {"currency", "EUR"}, {"reference", "R-1"}, {"callbackUrl", callback}}.dump(), auth);
    REQUIRE(r.status == 201);
    const std::string id = nlohmann::json::parse(r.body)["paymentId"];
    REQUIRE(test::eventually([&] {
      const net::HttpsReply s = merchant->send("GET", "/v3/payments/" + id, "", auth);
      return s.status == 200 && nlohmann::json::parse(s.body)["status"] == "SUCCEEDED";
    }));
    return id;
  }

  // Waits for `n` callback answers from the gateway.
  std::vector<int> answers(std::size_t n) {
    REQUIRE(test::eventually([&] { return wallet->callback_answers().size() >= n; }));
    return wallet->callback_answers();
  }
};

}  // namespace

TEST_CASE("Signed callbacks reach the gateway, which keeps the payment's status") {
  Rig rig("normal", "normal");
  const std::string id = rig.pay();
  const std::vector<int> got = rig.answers(2);  // IDENTIFIED, SUCCEEDED at least
  for (int status : got) CHECK(status == 200);
  REQUIRE(test::eventually([&] {
    const auto p = rig.gateway->store().wallet_payment(id);
    return p && p->status == "SUCCEEDED";
  }));
  const auto p = rig.gateway->store().wallet_payment(id);
  CHECK(p->reference == "R-1");
  CHECK(p->amount == 1500);
}

TEST_CASE("A callback delivered twice is taken once: the repeat is a replay") {
  Rig rig("duplicate", "duplicate");
  const std::string id = rig.pay();
  const std::vector<int> got = rig.answers(4);
  for (std::size_t i = 0; i < got.size(); i += 2) {
    CHECK(got[i] == 200);
    CHECK(got[i + 1] == 409);
  }
  CHECK(rig.gateway->store().wallet_callbacks_received() == static_cast<long long>(got.size() / 2));
  REQUIRE(test::eventually([&] { return rig.gateway->store().wallet_payment(id)->status == "SUCCEEDED"; }));
}

TEST_CASE("Callbacks that come newest first leave the payment at its final status") {
  Rig rig("out-of-order", "out-of-order");
  const std::string id = rig.pay();
  const std::vector<int> got = rig.answers(2);
  for (int status : got) CHECK(status == 200);
  REQUIRE(test::eventually([&] { return rig.wallet->callback_answers().size() >= 3; }));  // PENDING came last
  CHECK(rig.gateway->store().wallet_payment(id)->status == "SUCCEEDED");
}

TEST_CASE("A badly signed callback is refused and nothing is kept") {
  Rig rig("bad-signature", "bad-signature");
  const std::string id = rig.pay();
  for (int status : rig.answers(2)) CHECK(status == 401);
  CHECK_FALSE(rig.gateway->store().wallet_payment(id));
  CHECK(rig.gateway->store().wallet_callbacks_received() == 0);
}

TEST_CASE("A callback about a known payment with another reference or amount is refused, nothing changes") {
  const std::string dir = (fs::temp_directory_path() / "kiosk-wallet-callbacks-store").string();
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string error;
  auto store = gateway::SqliteStore::open(dir + "/gateway.sqlite", &error);
  REQUIRE(store);
  using C = gateway::Store::Callback;
  const std::string id = "5f91483d78a74914bc6f0a1b";
  CHECK(store->record_wallet_callback({"j1", id, "R-1", 1500, "PENDING"}) == C::stored);
  CHECK(store->record_wallet_callback({"j2", id, "R-1", 999, "SUCCEEDED"}) == C::conflict);
  CHECK(store->record_wallet_callback({"j3", id, "R-2", 1500, "SUCCEEDED"}) == C::conflict);
  CHECK(store->wallet_payment(id)->status == "PENDING");
  CHECK(store->record_wallet_callback({"j4", id, "R-1", 1500, "SUCCEEDED"}) == C::stored);
  CHECK(store->record_wallet_callback({"j4", id, "R-1", 1500, "SUCCEEDED"}) == C::replay);
  CHECK(store->wallet_payment(id)->status == "SUCCEEDED");
  // The jtis are kept a day; the payment's status stays.
  store->forget_wallet_callbacks_older_than(86400);
  CHECK(store->wallet_callbacks_received() == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  store->forget_wallet_callbacks_older_than(0);
  CHECK(store->wallet_callbacks_received() == 0);
  CHECK(store->wallet_payment(id)->status == "SUCCEEDED");
}
