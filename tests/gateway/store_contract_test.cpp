// What every gateway store promises (gateway/store.hpp), checked the same way on SQLite and on
// PostgreSQL (store_under_test.hpp), with several stores on one database standing for several
// gateway processes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "../demo_catalog.hpp"
#include "gateway/seed.hpp"
#include "store_under_test.hpp"

using namespace kiosk;
using namespace kiosk::gateway;

namespace {

const CivilDate seeded_on{2026, 12, 6};

void sell_demo(Store& store) {
  const catalog::CatalogFile demo = test::demo_catalog();
  std::string error;
  INFO(error);
  REQUIRE(store.apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(seeded_on, demo), &error));
}

// The load block's n-th number (gateway/seed.hpp): active, returning, on px-smart-10.
std::string number(int n) { return "+32470" + std::to_string(load_subscriber_first + n); }

RenewalRecord renewal(const std::string& reference, const std::string& msisdn, const std::string& kiosk = "K1") {
  RenewalRecord r;
  r.reference = reference;
  r.kiosk_id = kiosk;
  r.brand = Brand{"proximus"};
  r.msisdn = msisdn;
  r.plan_id = "px-smart-10";
  r.months = 1;
  r.amount = 1000;
  r.bonus = 100;
  return r;
}

// As the gateway delivers: priced from the subscriber as it is, again when it changed meanwhile.
Delivery deliver_now(Store& store, RenewalRecord& r) {
  for (;;) {
    const auto sub = store.find_subscriber(r.brand, r.msisdn);
    REQUIRE(sub);
    RenewalRecord attempt = r;
    attempt.new_expiry = add_days(sub->expiry, 30);
    const Delivery d = store.deliver(attempt, *sub);
    if (d == Delivery::stale) continue;
    r = attempt;
    return d;
  }
}

template <typename Work>
void in_threads(int n, Work work) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) threads.emplace_back(work, i);
  for (std::thread& t : threads) t.join();
}

}  // namespace

TEST_CASE("A store sells from a catalog, and refuses an older one or another with the same version") {
  test::StoreUnderTest db("catalog");
  auto store = db.open();
  CHECK(store->catalog_version() == 0);
  sell_demo(*store);
  const catalog::CatalogFile demo = test::demo_catalog();
  CHECK(store->catalog_version() == demo.version);
  REQUIRE(store->sold_brand("proximus"));
  CHECK_FALSE(store->sold_brand("nobody"));
  const auto terms = store->brand_terms();
  REQUIRE(terms.size() == demo.brands.size());
  for (std::size_t i = 0; i < terms.size(); ++i) CHECK(terms[i].brand == demo.brands[i].brand);  // the catalog's order
  const auto plans = store->plans(Brand{"proximus"});
  REQUIRE_FALSE(plans.empty());
  CHECK(plans.front().brand == Brand{"proximus"});
  CHECK(store->msisdn_of_customer(Brand{"proximus"}, "5001234567") == std::optional<std::string>("+32470123456"));
  CHECK_FALSE(store->msisdn_of_customer(Brand{"orange"}, "5001234567"));
  const auto sub = store->find_subscriber(Brand{"proximus"}, "+32470000001");
  REQUIRE(sub);
  CHECK(sub->status == SubscriberStatus::suspended);
  CHECK(sub->reactivation_fee == 500);

  std::string error;
  // The same catalog again (a restart, or a second gateway) changes nothing.
  CHECK(store->apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(seeded_on, demo), &error));
  nlohmann::json changed = nlohmann::json::parse(test::demo_catalog_text());
  changed["plans"][0]["name"] = "Another name";
  const std::string other_text = changed.dump();
  auto other = catalog::parse_catalog(other_text, &error);
  REQUIRE(other);
  CHECK_FALSE(store->apply_catalog(*other, other_text, {}, &error));
  CHECK(error.find("already") != std::string::npos);
  catalog::CatalogFile older = demo;
  older.version = demo.version - 1;
  CHECK_FALSE(store->apply_catalog(older, "{}", {}, &error));
  CHECK(error.find("older") != std::string::npos);
  CHECK(store->catalog_version() == demo.version);
}

TEST_CASE("A reference is delivered once: created, replayed, and a different request under it a conflict") {
  test::StoreUnderTest db("deliver");
  auto store = db.open();
  sell_demo(*store);
  const auto before = store->find_subscriber(Brand{"proximus"}, number(0));
  REQUIRE(before);
  RenewalRecord r = renewal("K1-R1", number(0));
  REQUIRE(deliver_now(*store, r) == Delivery::created);
  CHECK(r.status == "delivered");
  CHECK(r.confirmation_id.rfind("PRO-", 0) == 0);
  CHECK_FALSE(r.created_at.empty());
  const auto after = store->find_subscriber(Brand{"proximus"}, number(0));
  REQUIRE(after);
  CHECK(after->expiry == add_days(before->expiry, 30));
  CHECK(after->balance == before->balance + 100);  // the bonus, once

  RenewalRecord again = renewal("K1-R1", number(0));
  CHECK(deliver_now(*store, again) == Delivery::replayed);
  CHECK(again.confirmation_id == r.confirmation_id);
  RenewalRecord other = renewal("K1-R1", number(1));
  CHECK(deliver_now(*store, other) == Delivery::conflict);
  CHECK(other.msisdn == number(0));  // the stored record comes back
  const auto now = store->find_subscriber(Brand{"proximus"}, number(0));
  CHECK(now->expiry == after->expiry);
  CHECK(now->balance == after->balance);
  const auto stored = store->find_renewal("K1-R1");
  REQUIRE(stored);
  CHECK(stored->confirmation_id == r.confirmation_id);
  CHECK(stored->kiosk_id == "K1");
  CHECK(stored->bonus == 100);
  CHECK(store->last_reference("K1") == "K1-R1");
  CHECK(store->last_reference("K2").empty());
}

TEST_CASE("A renewal priced from a subscriber that changed since is stale and writes nothing") {
  test::StoreUnderTest db("stale");
  auto store = db.open();
  sell_demo(*store);
  const auto quoted = store->find_subscriber(Brand{"proximus"}, number(2));
  REQUIRE(quoted);
  RenewalRecord first = renewal("K1-A", number(2));
  REQUIRE(deliver_now(*store, first) == Delivery::created);
  RenewalRecord late = renewal("K2-B", number(2), "K2");
  late.new_expiry = add_days(quoted->expiry, 30);
  CHECK(store->deliver(late, *quoted) == Delivery::stale);
  CHECK_FALSE(store->find_renewal("K2-B"));
  CHECK(store->find_subscriber(Brand{"proximus"}, number(2))->expiry == first.new_expiry);
}

TEST_CASE("Two gateways on one store deliver each reference exactly once, however the calls interleave") {
  test::StoreUnderTest db("race");
  auto a = db.open();
  sell_demo(*a);
  auto b = db.open();
  constexpr int references = 60, threads = 6;
  std::atomic<int> created{0}, replayed{0}, other{0};
  in_threads(threads, [&](int t) {
    Store& store = t % 2 ? *b : *a;
    std::vector<int> order(references);
    for (int i = 0; i < references; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<unsigned>(t)));
    for (int i : order) {
      RenewalRecord r = renewal("K1-" + std::to_string(i), number(i));
      switch (deliver_now(store, r)) {
        case Delivery::created: ++created; break;
        case Delivery::replayed: ++replayed; break;
        default: ++other;
      }
    }
  });
  CHECK(created == references);
  CHECK(replayed == references * (threads - 1));
  CHECK(other == 0);
  const auto all = a->renewals();
  CHECK(all.size() == static_cast<std::size_t>(references));
  // Each number extended and credited once, whoever delivered.
  for (int i = 0; i < references; ++i) {
    const auto s = b->find_subscriber(Brand{"proximus"}, number(i));
    INFO(number(i));
    CHECK(s->expiry == add_days(add_days(seeded_on, 10), 30));
    CHECK(s->balance == 100);
  }
}

TEST_CASE("Renewals of one number through two gateways at once each extend it: none is lost") {
  test::StoreUnderTest db("one-number");
  auto a = db.open();
  sell_demo(*a);
  auto b = db.open();
  const auto start = a->find_subscriber(Brand{"proximus"}, number(7));
  REQUIRE(start);
  constexpr int per_thread = 10, threads = 4;
  in_threads(threads, [&](int t) {
    for (int i = 0; i < per_thread; ++i) {
      RenewalRecord r = renewal("K" + std::to_string(t) + "-" + std::to_string(i), number(7), "K" + std::to_string(t));
      CHECK(deliver_now(t % 2 ? *b : *a, r) == Delivery::created);
    }
  });
  const auto end = a->find_subscriber(Brand{"proximus"}, number(7));
  CHECK(end->expiry == add_days(start->expiry, 30 * per_thread * threads));
  CHECK(end->balance == start->balance + 100 * per_thread * threads);
}

TEST_CASE("A void and a delivery racing on one reference: one of them wins, and the other sees it") {
  test::StoreUnderTest db("void-race");
  auto a = db.open();
  sell_demo(*a);
  auto b = db.open();
  constexpr int references = 40;
  std::vector<Delivery> delivered(references);
  std::vector<std::string> voided(references);
  in_threads(2, [&](int t) {
    for (int i = 0; i < references; ++i) {
      const std::string reference = "K1-V" + std::to_string(i);
      if (t == 0) {
        RenewalRecord r = renewal(reference, number(100 + i));
        delivered[i] = deliver_now(*a, r);
      } else {
        voided[i] = b->void_unless_delivered("K1", reference).status;
      }
    }
  });
  for (int i = 0; i < references; ++i) {
    INFO("reference " << i);
    const auto kept = a->find_renewal("K1-V" + std::to_string(i));
    REQUIRE(kept);
    CHECK(kept->status == voided[i]);  // the void's answer is what stays
    if (kept->status == "void") {
      CHECK(delivered[i] == Delivery::conflict);
      CHECK(a->find_subscriber(Brand{"proximus"}, number(100 + i))->balance == 0);
    } else {
      CHECK(delivered[i] == Delivery::created);
    }
  }
}

TEST_CASE("The SMS outbox worked by two gateways at once sends each message once, then forgets it") {
  test::StoreUnderTest db("sms");
  auto a = db.open();
  auto b = db.open();
  constexpr int messages = 250;
  for (int i = 0; i < messages; ++i) {
    SmsRecord m;
    m.reference = "K1-S" + std::to_string(i);
    m.kind = "confirmation";
    m.msisdn = number(i);
    m.text = "Your plan is renewed";
    m.kiosk_id = "K1";
    REQUIRE(a->add_sms(m));
    CHECK_FALSE(b->add_sms(m));  // once per (reference, kind)
  }
  std::atomic<int> sent{0};
  in_threads(4, [&](int t) {
    Store& store = t % 2 ? *b : *a;
    for (int n; (n = store.send_queued_sms()) > 0;) sent += n;
  });
  CHECK(sent == messages);
  const auto all = a->sms();
  REQUIRE(all.size() == static_cast<std::size_t>(messages));
  for (const SmsRecord& m : all) {
    CHECK_FALSE(m.sent_at.empty());
    CHECK(m.text.empty());
    CHECK(m.msisdn.find('x') != std::string::npos);
    CHECK(m.text_length == 20);
  }
  CHECK(a->send_queued_sms() == 0);
}

TEST_CASE("Due reminders go to the SMS queue once however many gateways work them, and STOP withdraws the rest") {
  test::StoreUnderTest db("reminders");
  auto a = db.open();
  auto b = db.open();
  constexpr int due = 120;
  for (int i = 0; i < due + 2; ++i) {
    ReminderRecord r;
    r.reference = "K1-M" + std::to_string(i);
    r.kiosk_id = "K1";
    r.brand = Brand{"proximus"};
    r.msisdn = number(i);
    r.expiry = CivilDate{2027, 1, 20};
    r.lang = "nl";
    r.send_on = i < due ? CivilDate{2027, 1, 17} : CivilDate{2027, 1, 19};
    r.text = "Uw bundel loopt af op 20/01";
    REQUIRE(a->add_reminder(r));
    CHECK_FALSE(b->add_reminder(r));
  }
  REQUIRE(a->find_reminder("K1-M0"));
  CHECK(a->find_reminder("K1-M0")->lang == "nl");
  CHECK_FALSE(a->find_reminder("K1-M0")->consent_at.empty());
  std::atomic<int> moved{0};
  in_threads(4, [&](int t) { moved += (t % 2 ? *b : *a).queue_due_reminders(CivilDate{2027, 1, 18}); });
  CHECK(moved == due);
  CHECK(a->reminders().size() == 2u);
  const auto queued = b->sms();
  CHECK(std::count_if(queued.begin(), queued.end(), [](const SmsRecord& m) { return m.kind == "reminder"; }) == due);
  // A STOP: the number's reminder kept and its queued SMS both go.
  CHECK(a->withdraw_reminders(number(0)) == 1);         // queued, not yet sent
  CHECK(a->withdraw_reminders(number(due)) == 1);       // still kept
  CHECK(a->reminders().size() == 1u);
  CHECK(a->withdraw_reminders(number(due)) == 0);
}

TEST_CASE("Reports are kept once per reference, numbers masked after the retention") {
  test::StoreUnderTest db("reports");
  auto store = db.open();
  sell_demo(*store);
  CHECK(store->add_report("K1", "K1-R1", R"({"outcome":"delivered"})"));
  CHECK_FALSE(store->add_report("K1", "K1-R1", R"({"outcome":"other"})"));
  const auto reports = store->reports();
  REQUIRE(reports.size() == 1u);
  CHECK(reports[0].second == R"({"outcome":"delivered"})");

  RenewalRecord r = renewal("K1-R2", number(3));
  REQUIRE(deliver_now(*store, r) == Delivery::created);
  CHECK(store->erase_old_numbers(30) == 0);  // made just now
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // times are kept to the millisecond
  CHECK(store->erase_old_numbers(0) == 1);
  CHECK(store->find_renewal("K1-R2")->msisdn == "0470 xx x0 03");
  CHECK(store->erase_old_numbers(0) == 0);
}

TEST_CASE("Bancontact callbacks: each jti once, a payment bound to its reference and amount, status only forward") {
  test::StoreUnderTest db("wallet");
  auto a = db.open();
  auto b = db.open();
  WalletCallback c{"jti-1", "pay-1", "K1-W1", 1500, "PENDING"};
  CHECK(a->record_wallet_callback(c) == Store::Callback::stored);
  CHECK(b->record_wallet_callback(c) == Store::Callback::replay);
  WalletCallback later{"jti-2", "pay-1", "K1-W1", 1500, "SUCCEEDED"};
  CHECK(b->record_wallet_callback(later) == Store::Callback::stored);
  WalletCallback stale{"jti-3", "pay-1", "K1-W1", 1500, "IDENTIFIED"};
  CHECK(a->record_wallet_callback(stale) == Store::Callback::stored);
  CHECK(a->wallet_payment("pay-1")->status == "SUCCEEDED");
  WalletCallback moved{"jti-4", "pay-1", "K1-W2", 1500, "SUCCEEDED"};
  CHECK(a->record_wallet_callback(moved) == Store::Callback::conflict);
  WalletCallback more{"jti-5", "pay-1", "K1-W1", 9900, "SUCCEEDED"};
  CHECK(b->record_wallet_callback(more) == Store::Callback::conflict);
  CHECK(a->wallet_payment("pay-1")->reference == "K1-W1");
  CHECK(a->wallet_callbacks_received() == 3);
  a->forget_wallet_callbacks_older_than(3600);
  CHECK(a->wallet_callbacks_received() == 3);
  CHECK_FALSE(a->wallet_payment("pay-2"));
}
