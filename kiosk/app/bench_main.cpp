// kiosk-bench: start-up, frame times, memory and idle CPU, measured in one run and printed.
// Figures only: nothing here passes or fails on time (the machines are shared and noisy).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "escpos/receipt_job.hpp"
#include "escpos/virtual_printer.hpp"
#include "fonts/font_files.hpp"
#include "gallery.hpp"
#include "render/receipt_layout.hpp"
#include "kiosk_app.hpp"
#include "ui_host.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk;
  const auto t0 = Clock::now();
  int idle_seconds = 10;
  std::string data = "bench-data";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--idle-seconds" && i + 1 < argc) idle_seconds = std::atoi(argv[++i]);
    else if (a == "--data" && i + 1 < argc) data = argv[++i];
    else {
      std::cerr << "usage: kiosk-bench [--data DIR] [--idle-seconds N]\n";
      return 2;
    }
  }
  app::Config config;
  config.assets_dir = KIOSK_ASSET_DIR;
  config.data_dir = data;
  config.devices_automatic = false;
  std::string error;
  auto kiosk_app = app::KioskApp::create(config, &error);
  auto ui = kiosk_app ? app::UiHost::create(app::UiHost::Mode::offscreen, &error) : nullptr;
  if (!ui) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return 1;
  }
  kiosk_app->start(0);
  ui->frame(kiosk_app->state(), kiosk_app->catalogs());
  const double first_frame_ms = ms_since(t0);

  // Frame times over every gallery state in every language, three passes.
  std::vector<double> frames;
  const auto states = app::gallery_states(config.kiosk);
  for (int pass = 0; pass < 3; ++pass)
    for (Lang lang : all_langs)
      for (const auto& g : states) {
        const State s = g.make(lang);
        const auto t = Clock::now();
        ui->frame(s, kiosk_app->catalogs());
        frames.push_back(ms_since(t));
      }
  const long rss = resident_kib();

  // Idle: the attract screen with nothing happening, the same waiting the real loop does.
  const double cpu0 = cpu_seconds();
  const auto idle_start = Clock::now();
  int idle_frames = 0;
  unsigned drawn = kiosk_app->revision();
  std::int64_t now = 0;
  while (ms_since(idle_start) < idle_seconds * 1000.0) {
    kiosk_app->queue().wait_for(std::chrono::milliseconds(1000));
    now += 1000;
    kiosk_app->tick(now);
    kiosk_app->pump();
    if (kiosk_app->revision() != drawn) {
      drawn = kiosk_app->revision();
      ui->frame(kiosk_app->state(), kiosk_app->catalogs());
      ++idle_frames;
    }
  }
  const double idle_cpu_pct = 100.0 * (cpu_seconds() - cpu0) / (ms_since(idle_start) / 1000.0);

  // Receipts: layout (FreeType + QR), ESC/POS encoding, and the virtual printer reading it back.
  auto painter = TextPainter::create(find_fonts(), &error);
  std::vector<double> layout_ms, encode_ms, render_ms;
  std::size_t job_bytes = 0;
  for (int i = 0; i < 20; ++i) {
    ReceiptData r;
    r.lang = all_langs[static_cast<std::size_t>(i) % all_langs.size()];
    r.kiosk_id = config.kiosk.kiosk_id;
    r.location = config.kiosk.location;
    r.support_phone = config.kiosk.support_phone;
    r.timestamp = "27/11/2026 18:45";
    r.number_masked = "0470 xx x4 56";
    r.plan_name = "Pay&Go Unlimited";
    r.months = 3;
    r.valid_until = CivilDate{2027, 2, 28};
    r.amount = 8100;
    r.payment = PaymentReceipt{"Bancontact", "670300******1234", "52500123", 501, 1001, "123456", {}};
    r.reference = "BE-KIOSK-01-a1b2c3-" + std::to_string(1000 + i);
    r.confirmation_id = "PXM-100001";
    auto t = Clock::now();
    const ReceiptPicture layout = layout_receipt(r, kiosk_app->catalogs()[r.lang], *painter, 576);
    layout_ms.push_back(ms_since(t));
    t = Clock::now();
    const escpos::Bytes job = escpos::receipt_job(layout, escpos::PrinterModel{});
    encode_ms.push_back(ms_since(t));
    job_bytes = std::max(job_bytes, job.size());
    t = Clock::now();
    escpos::VirtualPrinter(576).print(job);
    render_ms.push_back(ms_since(t));
  }
  // USB full speed: at most 19 bulk packets of 64 bytes per 1 ms frame (1216 bytes/ms).
  const double usb_full_speed_ms = static_cast<double>(job_bytes) / 1216.0;

  std::printf("start_to_first_frame_ms %.1f\n", first_frame_ms);
  std::printf("frames %zu (1080x1920, software renderer)\n", frames.size());
  std::printf("frame_ms_p50 %.2f\n", percentile(frames, 0.50));
  std::printf("frame_ms_p99 %.2f\n", percentile(frames, 0.99));
  std::printf("resident_kib_all_languages %ld\n", rss);
  const ui::GlyphCache::Stats glyphs = ui->glyph_stats();
  std::printf("glyph_texture_kib %lld (%d pages, %d glyphs, %zu languages, 2 text sizes)\n",
              glyphs.texture_bytes / 1024, glyphs.pages, glyphs.glyphs, all_langs.size());
  std::printf("idle_seconds %d idle_frames %d idle_cpu_percent %.2f\n", idle_seconds, idle_frames, idle_cpu_pct);
  std::printf("receipt_layout_ms_p50 %.2f\n", percentile(layout_ms, 0.5));
  std::printf("receipt_encode_ms_p50 %.3f\n", percentile(encode_ms, 0.5));
  std::printf("receipt_bytes_max %zu (576 dots, raster QR)\n", job_bytes);
  std::printf("receipt_usb_full_speed_ms %.1f (bulk ceiling; the print mechanism is slower)\n", usb_full_speed_ms);
  std::printf("virtual_printer_ms_p50 %.2f\n", percentile(render_ms, 0.5));
  return 0;
}
