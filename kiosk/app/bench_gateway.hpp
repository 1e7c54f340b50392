#pragma once
#include <string>

#include "bench_journal.hpp"

namespace kiosk::app {

// The gateway (SQLite store, HTTPS with a kiosk's client certificate, keep-alive as the kiosk
// uses it) answering look-ups and renewals with an empty store and with 1,000,000 renewals
// stored from 500 kiosks: median and p99 latency of each, measured one after the other in one
// run. Work goes under `root`.
void bench_gateway_growth(const std::string& root, const Figure& figure);

}  // namespace kiosk::app
