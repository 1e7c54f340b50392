#pragma once
// The JSON shapes the kiosk and the gateway exchange. Kept out of headers that the core or
// screens include: only the gateway's own .cpp files see nlohmann::json.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/brand.hpp"
#include "core/plan.hpp"
#include "core/subscriber.hpp"

namespace kiosk::wire {

nlohmann::json to_json(const Plan& plan);
std::optional<Plan> plan_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Subscriber& subscriber);
std::optional<Subscriber> subscriber_from_json(const nlohmann::json& j);

std::string_view status_name(SubscriberStatus status);
std::optional<SubscriberStatus> parse_status(std::string_view name);

}  // namespace kiosk::wire
