#pragma once
#include <vector>

#include "store.hpp"

namespace kiosk::gateway {

// The simulated operators' plans and subscribers, documented in tests/e2e/README.md so that
// scripts and people can use them. Expiry dates are relative to the day the store is created.
std::vector<Plan> seed_plans();
std::vector<SeedSubscriber> seed_subscribers(CivilDate today);
std::vector<BrandTerms> seed_brand_terms();

}  // namespace kiosk::gateway
