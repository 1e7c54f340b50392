#include "seed.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::gateway {

std::vector<SeedSubscriber> seed_subscribers(CivilDate today, const catalog::CatalogFile& catalog) {
  using S = SubscriberStatus;
  // A suspended number was frozen for a week after its plan ended, then suspended.
  auto sub = [&](S status, Cents balance, int expiry_in_days, const char* plan, bool returning, Cents fee = 0,
                 int frozen_days = 7) {
    const CivilDate expiry = add_days(today, expiry_in_days);
    const CivilDate since = status == S::suspended ? add_days(expiry, frozen_days) : CivilDate{};
    return Subscriber{status, balance, expiry, plan, returning, fee, since};
  };
  std::vector<SeedSubscriber> out{
      {{"proximus"}, "+32470123456", sub(S::active, 350, 3, "px-smart-10", true), "5001234567"},
      {{"proximus"}, "+32470000001", sub(S::suspended, 0, -20, "px-smart-15", true, 500), "5000000001"},
      {{"proximus"}, "+32470000002", sub(S::expired, 0, -400, "px-smart-10", true)},
      {{"proximus"}, "+32470000003", sub(S::active, 1200, 25, "px-unlimited", false)},
      {{"orange"}, "+32490123456", sub(S::active, 120, 5, "or-start", true)},
      {{"orange"}, "+32490000001", sub(S::suspended, 0, -10, "or-essential", true, 500)},
      {{"orange"}, "+32490000003", sub(S::active, 0, 12, "or-start", false)},
      {{"base"}, "+32485123456", sub(S::active, 80, 2, "base-15", true)},
      {{"base"}, "+32485000001", sub(S::suspended, 0, -35, "base-10", true, 300)},
      {{"telenet"}, "+32468123456", sub(S::active, 400, 9, "tn-prepaid-10", true)},
      {{"telenet"}, "+32468000001", sub(S::suspended, 0, -15, "tn-prepaid-20", true, 500)},
      {{"digi"}, "+32466123456", sub(S::active, 0, 4, "digi-5", false)},
      {{"digi"}, "+32466000001", sub(S::suspended, 0, -5, "digi-10", true, 0, 0)},
      {{"lycamobile"}, "+32465123456", sub(S::active, 250, 6, "lyca-world", true)},
      {{"lycamobile"}, "+32465000001", sub(S::suspended, 0, -60, "lyca-national", true, 500)},
      {{"lycamobile"}, "+32465000003", sub(S::active, 0, 1, "lyca-national", false)},
      {{"mobilevikings"}, "+32467123456", sub(S::active, 600, 4, "mv-20", true), "71234567"},
      {{"mobilevikings"}, "+32467000001", sub(S::suspended, 0, -12, "mv-10", true, 400), "70000001"},
  };
  // A block of ordinary numbers for kiosk-gateway-load, so that its simulated kiosks each renew
  // numbers of their own, as a real fleet's customers do, rather than all queue on one.
  for (int i = 0; i < load_subscriber_count; ++i) {
    char number[16];
    std::snprintf(number, sizeof number, "+32470%06d", load_subscriber_first + i);
    out.push_back({{"proximus"}, number, sub(S::active, 0, 10, "px-smart-10", true)});
  }
  // A brand the simulation has no subscribers for (one a catalog added) gets one: active,
  // returning, on the brand's first plan.
  for (const BrandInfo& b : catalog.brands) {
    const auto has = [&b](const SeedSubscriber& s) { return s.brand == b.brand; };
    if (std::any_of(out.begin(), out.end(), has)) continue;
    const auto plan = std::find_if(catalog.plans.begin(), catalog.plans.end(),
                                   [&b](const Plan& p) { return p.brand == b.brand; });
    if (plan != catalog.plans.end())
      out.push_back({b.brand, "+32499123456", sub(S::active, 100, 5, plan->id.c_str(), true)});
  }
  return out;
}

}  // namespace kiosk::gateway
