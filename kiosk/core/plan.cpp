#include "plan.hpp"

namespace kiosk {

const Plan* find_plan(const std::vector<Plan>& plans, const std::string& id) {
  for (const Plan& p : plans)
    if (p.id == id) return &p;
  return nullptr;
}

}  // namespace kiosk
