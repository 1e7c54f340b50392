#include "seed.hpp"

namespace kiosk::gateway {

namespace {
using K = Promotion::Kind;
constexpr int unlimited = -1;

Plan plan(const char* id, Brand brand, const char* name, int gb, int minutes, int sms, int intl,
          Cents price, std::vector<int> durations, std::vector<Promotion> promos = {}) {
  return Plan{id, brand, name, gb, minutes, sms, true, intl, price, std::move(durations), std::move(promos)};
}
}  // namespace

// Product names and prices are made up for the simulation; they are not the operators' offers.
std::vector<Plan> seed_plans() {
  const Promotion multi{K::multi_month_percent, 10, 0, 3};
  const Promotion welcome{K::new_customer_percent, 50, 0, 0};
  const Promotion bonus{K::returning_bonus_cents, 0, 200, 0};
  return {
      plan("px-smart-10", Brand::proximus, "Pay&Go Smart 10", 3, 120, unlimited, 0, 1000, {1}, {bonus}),
      plan("px-smart-15", Brand::proximus, "Pay&Go Smart 15", 8, unlimited, unlimited, 0, 1500, {1, 3}, {multi}),
      plan("px-unlimited", Brand::proximus, "Pay&Go Unlimited", unlimited, unlimited, unlimited, 0, 3000, {1, 3, 6}, {multi}),
      plan("or-start", Brand::orange, "Orange Start", 2, 100, 100, 0, 800, {1}),
      plan("or-essential", Brand::orange, "Orange Essential", 10, unlimited, unlimited, 0, 1500, {1, 3}, {welcome, multi}),
      plan("or-world", Brand::orange, "Orange World", 15, unlimited, unlimited, 150, 2500, {1, 3}, {multi}),
      plan("base-10", Brand::base, "BASE 10", 4, 200, unlimited, 0, 1000, {1}),
      plan("base-15", Brand::base, "BASE 15", 12, unlimited, unlimited, 0, 1500, {1, 3}, {multi}),
      plan("base-25", Brand::base, "BASE 25", 40, unlimited, unlimited, 60, 2500, {1, 3, 6}, {multi}),
      plan("tn-prepaid-10", Brand::telenet, "Telenet Prepaid 10", 3, 150, unlimited, 0, 1000, {1}),
      plan("tn-prepaid-20", Brand::telenet, "Telenet Prepaid 20", 20, unlimited, unlimited, 0, 2000, {1, 3}, {multi}),
      plan("digi-5", Brand::digi, "DIGI 5", 5, unlimited, unlimited, 0, 500, {1, 3, 6}),
      plan("digi-10", Brand::digi, "DIGI 10", 70, unlimited, unlimited, 100, 1000, {1, 3, 6}, {welcome}),
      plan("lyca-national", Brand::lycamobile, "Lyca National", 5, unlimited, unlimited, 0, 1000, {1}, {welcome}),
      plan("lyca-world", Brand::lycamobile, "Lyca World", 10, unlimited, unlimited, 300, 1500, {1, 3}, {bonus}),
      plan("lyca-world-plus", Brand::lycamobile, "Lyca World Plus", 30, unlimited, unlimited, 1000, 2500, {1, 3}, {multi}),
      plan("lyca-unlimited", Brand::lycamobile, "Lyca Unlimited", unlimited, unlimited, unlimited, 100, 3000, {1, 3, 6}, {multi}),
      plan("lyca-data", Brand::lycamobile, "Lyca Data 50", 50, 60, 60, 0, 2000, {1}),
      plan("mv-10", Brand::mobile_vikings, "Vikings 10", 6, unlimited, unlimited, 0, 1000, {1, 3}, {multi}),
      plan("mv-20", Brand::mobile_vikings, "Vikings 20", 25, unlimited, unlimited, 0, 2000, {1, 3, 6}, {bonus, multi}),
  };
}

std::vector<BrandTerms> seed_brand_terms() {
  return {{Brand::proximus, 500, true}, {Brand::orange, 500, false},    {Brand::base, 300, false},
          {Brand::telenet, 500, false}, {Brand::digi, 0, false},        {Brand::lycamobile, 500, false},
          {Brand::mobile_vikings, 400, true}};
}

std::vector<SeedSubscriber> seed_subscribers(CivilDate today) {
  using S = SubscriberStatus;
  // A suspended number was frozen for a week after its plan ended, then suspended.
  auto sub = [&](S status, Cents balance, int expiry_in_days, const char* plan, bool returning, Cents fee = 0,
                 int frozen_days = 7) {
    const CivilDate expiry = add_days(today, expiry_in_days);
    const CivilDate since = status == S::suspended ? add_days(expiry, frozen_days) : CivilDate{};
    return Subscriber{status, balance, expiry, plan, returning, fee, since};
  };
  return {
      {Brand::proximus, "+32470123456", sub(S::active, 350, 3, "px-smart-10", true), "5001234567"},
      {Brand::proximus, "+32470000001", sub(S::suspended, 0, -20, "px-smart-15", true, 500), "5000000001"},
      {Brand::proximus, "+32470000002", sub(S::expired, 0, -400, "px-smart-10", true)},
      {Brand::proximus, "+32470000003", sub(S::active, 1200, 25, "px-unlimited", false)},
      {Brand::orange, "+32490123456", sub(S::active, 120, 5, "or-start", true)},
      {Brand::orange, "+32490000001", sub(S::suspended, 0, -10, "or-essential", true, 500)},
      {Brand::orange, "+32490000003", sub(S::active, 0, 12, "or-start", false)},
      {Brand::base, "+32485123456", sub(S::active, 80, 2, "base-15", true)},
      {Brand::base, "+32485000001", sub(S::suspended, 0, -35, "base-10", true, 300)},
      {Brand::telenet, "+32468123456", sub(S::active, 400, 9, "tn-prepaid-10", true)},
      {Brand::telenet, "+32468000001", sub(S::suspended, 0, -15, "tn-prepaid-20", true, 500)},
      {Brand::digi, "+32466123456", sub(S::active, 0, 4, "digi-5", false)},
      {Brand::digi, "+32466000001", sub(S::suspended, 0, -5, "digi-10", true, 0, 0)},
      {Brand::lycamobile, "+32465123456", sub(S::active, 250, 6, "lyca-world", true)},
      {Brand::lycamobile, "+32465000001", sub(S::suspended, 0, -60, "lyca-national", true, 500)},
      {Brand::lycamobile, "+32465000003", sub(S::active, 0, 1, "lyca-national", false)},
      {Brand::mobile_vikings, "+32467123456", sub(S::active, 600, 4, "mv-20", true), "71234567"},
      {Brand::mobile_vikings, "+32467000001", sub(S::suspended, 0, -12, "mv-10", true, 400), "70000001"},
  };
}

}  // namespace kiosk::gateway
