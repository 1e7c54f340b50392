#pragma once
#include <vector>

#include "store.hpp"

namespace kiosk::gateway {

// The simulated operators' subscribers, documented in tests/e2e/README.md so that scripts and
// people can use them; the plans and the brands' terms come from the catalog. Expiry dates are
// relative to the day the store is created.
// Among them, proximus 0470 50 00 00 and the next ones: active, returning, on px-smart-10.
constexpr int load_subscriber_first = 500000;
constexpr int load_subscriber_count = 2000;
std::vector<SeedSubscriber> seed_subscribers(CivilDate today, const catalog::CatalogFile& catalog);

}  // namespace kiosk::gateway
