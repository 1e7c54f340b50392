// kiosk-bench: start-up, memory, frame times, idle CPU, the gallery and receipts, measured in
// one run and printed as "name value unit cores=N" lines. Figures only: nothing here passes or
// fails on time (the machines are shared and noisy); compare figures of one run with each other.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bench_exec.hpp"
#include "bench_gateway.hpp"
#include "bench_journal.hpp"
#include "escpos/receipt_job.hpp"
#include "escpos/virtual_printer.hpp"
#include "fonts/font_files.hpp"
#include "gallery.hpp"
#include "kiosk_app.hpp"
#include "render/receipt_layout.hpp"
#include "ui_host.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

unsigned cores = 1;

void figure(const std::string& name, double value, const char* unit) {
  std::printf("%s %.2f %s cores=%u\n", name.c_str(), value, unit, cores);
  std::fflush(stdout);
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

using kiosk::app::fresh_folder;
using kiosk::app::percentile;

// The kiosk program next to this one.
std::string kiosk_program() {
  return (fs::read_symlink("/proc/self/exe").parent_path() / "kiosk").string();
}

// Cold start to the first screenshot on disk, from outside: exec, journal, devices, gateway,
// the first frame and its PNG. Three kinds of start: with a data folder that exists (every
// start but the first); with a new one on a machine whose cache folder is there (another kiosk
// configuration, or a journal moved away); and a first boot, with nothing on disk at all (the
// embedded gateway makes its keys, the fonts are looked up, every glyph is rasterised).
void bench_start(const std::string& root, int runs) {
  const std::string script = root + "/first.script";
  std::ofstream(script) << "shot_now first\n";  // the first screen, not waiting for the gateway
  const std::string cache = fresh_folder(root, "start-cache");
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);  // the kiosk's cache folder is <cache>/kiosk
  ::unsetenv("CACHE_DIRECTORY");
  enum class Kind { data_exists, new_data_folder, first_boot };
  for (const Kind kind : {Kind::first_boot, Kind::new_data_folder, Kind::data_exists}) {
    std::vector<double> first, exit;
    const std::string data = fresh_folder(root, "start-data");
    for (int i = 0; i < runs + 1; ++i) {
      if (kind != Kind::data_exists) fs::remove_all(data);
      if (kind == Kind::first_boot) fs::remove_all(cache);
      const std::string shots = fresh_folder(root, "start-shots");
      const kiosk::app::ChildRun r =
          kiosk::app::run_child({kiosk_program(), "--headless", "--script", script, "--data", data, "--shots", shots},
                                shots + "/first.png");
      if (i == 0 && kind != Kind::first_boot) continue;  // the run that made the folders
      first.push_back(r.file_ms);
      exit.push_back(r.exit_ms);
    }
    const std::string suffix = kind == Kind::first_boot ? "_first_boot" : kind == Kind::new_data_folder ? "_new_data_folder" : "";
    figure("start_to_first_frame_on_disk_ms" + suffix, percentile(first, 0.5), "ms");
    figure("start_to_first_frame_on_disk_ms" + suffix + "_max", percentile(first, 1), "ms");
    figure("start_to_exit_ms" + suffix, percentile(exit, 0.5), "ms");
  }
}

// A whole card renewal in each language, from the attract screen to the receipt and the SMS
// handed over, with the embedded gateway in the same process: its peak resident memory.
void bench_renewal_memory(const std::string& root) {
  long worst = 0;
  std::string worst_lang;
  for (kiosk::Lang lang : kiosk::all_langs) {
    const std::string code(kiosk::lang_code(lang));
    const std::string script = root + "/renew_" + code + ".script";
    std::ofstream(script) << "tap lang_" << code << "\ntap svc_renew\ntap brand_proximus\ntype 0470123456\n"
                          << "tap next\nexpect screen plans\ntap next\ntap confirm\ntap pay_card\n"
                          << "device terminal approve\nexpect screen done\nexpect receipts 1\ntap finish\n"
                          << "wait outbox\nexpect outbox 0\n";
    const std::string data = fresh_folder(root, "renew-" + code);
    const kiosk::app::ChildRun r = kiosk::app::run_child(
        {kiosk_program(), "--headless", "--script", script, "--data", data, "--shots", data + "/shots"});
    if (r.exit_code != 0) std::cerr << "kiosk-bench: the renewal in " << code << " failed (see " << data << ")\n";
    figure("renewal_peak_rss_kib_" + code, static_cast<double>(r.peak_rss_kib), "KiB");
    if (r.peak_rss_kib > worst) worst = r.peak_rss_kib, worst_lang = code;
  }
  figure("renewal_peak_rss_kib_max", static_cast<double>(worst), "KiB");
}

// Every gallery state in every language, theme and text size: the frame drawn when the state
// is new (what follows a tap), per screen. The first pass makes the glyphs as they are needed.
void bench_frames(kiosk::app::KioskApp& app, kiosk::app::UiHost& ui) {
  using namespace kiosk;
  std::map<std::string, std::vector<double>> by_screen;
  std::vector<double> all, first_pass;
  std::string error;
  const auto catalog = app::read_built_in_catalog(app.config().assets_dir, &error);
  if (!catalog) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return;
  }
  const auto states = app::gallery_states(app.config().kiosk, *catalog);
  for (int pass = 0; pass < 3; ++pass)
    for (Lang lang : all_langs)
      for (const auto& g : states)
        for (int look = 0; look < 4; ++look) {
          State s = g.make(lang);
          s.session.high_contrast = look & 1;
          s.session.large_text = look & 2;
          const auto t = Clock::now();
          ui.frame(s, app.catalogs());
          const double ms = ms_since(t);
          by_screen[std::string(screen_name(s.screen))].push_back(ms);
          all.push_back(ms);
          if (pass == 0) first_pass.push_back(ms);
        }
  figure("frames", static_cast<double>(all.size()), "count");
  figure("frame_ms_p50", percentile(all, 0.5), "ms");
  figure("frame_ms_p99", percentile(all, 0.99), "ms");
  figure("frame_ms_max", percentile(all, 1), "ms");
  figure("frame_ms_p99_first_pass", percentile(first_pass, 0.99), "ms");
  for (const auto& [screen, times] : by_screen) figure("frame_ms_p99_" + screen, percentile(times, 0.99), "ms");
  const ui::GlyphCache::Stats glyphs = ui.glyph_stats();
  figure("glyphs_made", glyphs.glyphs, "count");
  figure("glyph_pages_kib", static_cast<double>(glyphs.texture_bytes) / 1024, "KiB");
}

// The attract screen with nothing happening, the same waiting the real loop does: a tick a
// second, and a frame when the state changes or the screen asks for one (the headline's next
// language).
void bench_idle(kiosk::app::KioskApp& app, kiosk::app::UiHost& ui, int seconds) {
  ui.set_animated(true);
  ui.frame(app.state(), app.catalogs());
  const double cpu0 = cpu_seconds();
  const auto start = Clock::now();
  unsigned drawn = app.revision();
  std::int64_t now = 0;
  double next_tick = 1000, next_redraw = ui.redraw_in_ms() > 0 ? ui.redraw_in_ms() : -1;
  int frames = 0;
  while (ms_since(start) < seconds * 1000.0) {
    double wake = next_tick;
    if (next_redraw >= 0) wake = std::min(wake, next_redraw);
    app.queue().wait_for(std::chrono::milliseconds(static_cast<int>(std::max(0.0, wake - ms_since(start)))));
    const double t = ms_since(start);
    if (t >= next_tick) {
      now += 1000;
      app.tick(now);
      next_tick += 1000;
    }
    app.pump();
    if (app.revision() != drawn || (next_redraw >= 0 && t >= next_redraw)) {
      drawn = app.revision();
      ui.frame(app.state(), app.catalogs());
      ++frames;
      next_redraw = ui.redraw_in_ms() > 0 ? ms_since(start) + ui.redraw_in_ms() : -1;
    }
  }
  ui.set_animated(false);
  figure("idle_frames", frames, "count");
  figure("idle_cpu_percent", 100.0 * (cpu_seconds() - cpu0) / (ms_since(start) / 1000.0), "%");
}

// Receipts: layout (FreeType + QR), ESC/POS encoding, and the virtual printer reading it back.
void bench_receipts(const kiosk::app::KioskApp& app) {
  using namespace kiosk;
  std::string error;
  auto painter = TextPainter::create(find_fonts(), &error);
  if (!painter) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return;
  }
  std::vector<double> layout_ms, encode_ms, render_ms;
  std::size_t job_bytes = 0;
  const KioskSettings& k = app.config().kiosk;
  for (int i = 0; i < 20; ++i) {
    ReceiptData r;
    r.lang = all_langs[static_cast<std::size_t>(i) % all_langs.size()];
    r.kiosk_id = k.kiosk_id;
    r.location = k.location;
    r.support_phone = k.support_phone;
    r.timestamp = "27/11/2026 18:45";
    r.number_masked = "0470 xx x4 56";
    r.plan_name = "Pay&Go Unlimited";
    r.months = 3;
    r.valid_until = CivilDate{2027, 2, 28};
    r.amount = 8100;
    r.payment = PaymentReceipt{"Bancontact", "670300******1234", "52500123", 501, "1001", "123456", {}};
    r.reference = "BE-KIOSK-01-a1b2c3-" + std::to_string(1000 + i);
    r.confirmation_id = "PXM-100001";
    auto t = Clock::now();
    const ReceiptPicture layout = layout_receipt(r, app.catalogs()[r.lang], *painter, 576);
    layout_ms.push_back(ms_since(t));
    t = Clock::now();
    const escpos::Bytes job = escpos::receipt_job(layout, escpos::PrinterModel{});
    encode_ms.push_back(ms_since(t));
    job_bytes = std::max(job_bytes, job.size());
    t = Clock::now();
    escpos::VirtualPrinter(576).print(job);
    render_ms.push_back(ms_since(t));
  }
  figure("receipt_layout_ms_p50", percentile(layout_ms, 0.5), "ms");
  figure("receipt_encode_ms_p50", percentile(encode_ms, 0.5), "ms");
  figure("receipt_bytes_max", static_cast<double>(job_bytes), "bytes");
  // USB full speed: at most 19 bulk packets of 64 bytes per 1 ms frame (1216 bytes/ms).
  figure("receipt_usb_full_speed_ms", static_cast<double>(job_bytes) / 1216.0, "ms");
  figure("virtual_printer_ms_p50", percentile(render_ms, 0.5), "ms");
}

// The whole gallery (every screen × language × theme × text size, with speech), as the test
// suite renders it.
void bench_gallery(const std::string& root) {
  const std::string dir = fresh_folder(root, "gallery");
  const kiosk::app::ChildRun r = kiosk::app::run_child({kiosk_program(), "--gallery", dir});
  std::size_t images = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) images += entry.path().extension() == ".png";
  figure("gallery_images", static_cast<double>(images), "count");
  figure("gallery_seconds", r.exit_ms / 1000.0, "s");
  figure("gallery_peak_rss_kib", static_cast<double>(r.peak_rss_kib), "KiB");
}

// Start, memory, frames, idle CPU and receipts: everything but the gallery and the growth.
bool bench_in_process(const std::string& root, int start_runs, int idle_seconds) {
  using namespace kiosk;
  bench_start(root, start_runs);
  bench_renewal_memory(root);

  app::Config config;
  config.assets_dir = KIOSK_ASSET_DIR;
  config.data_dir = fresh_folder(root, "frames-data");
  config.devices_automatic = false;
  std::string error;
  auto kiosk_app = app::KioskApp::create(config, &error);
  auto ui = kiosk_app ? app::UiHost::create(app::UiHost::Mode::offscreen, kiosk_app->faces(), "", &error) : nullptr;
  if (!ui) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return false;
  }
  kiosk_app->start(0);
  ui->frame(kiosk_app->state(), kiosk_app->catalogs());
  kiosk_app->first_frame_shown();
  bench_frames(*kiosk_app, *ui);
  bench_idle(*kiosk_app, *ui, idle_seconds);
  bench_receipts(*kiosk_app);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk;
  int idle_seconds = 10, start_runs = 5;
  bool gallery = true, growth = true, others = true, only_start = false, only_recovery = false;
  std::string root = (fs::temp_directory_path() / "kiosk-bench").string();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--idle-seconds" && i + 1 < argc) idle_seconds = std::atoi(argv[++i]);
    else if (a == "--start-runs" && i + 1 < argc) start_runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--work" && i + 1 < argc) root = argv[++i];
    else if (a == "--no-gallery") gallery = false;
    else if (a == "--no-growth") growth = false;
    else if (a == "--only-growth") gallery = others = false;
    else if (a == "--only-start") only_start = true;
    else if (a == "--only-recovery") gallery = others = false, only_recovery = true;
    else {
      std::cerr << "usage: kiosk-bench [--work DIR] [--start-runs N] [--idle-seconds N] [--no-gallery] [--no-growth]"
                   " [--only-growth] [--only-start] [--only-recovery]\n";
      return 2;
    }
  }
  cores = std::max(1u, std::thread::hardware_concurrency());
  fs::create_directories(root);
  figure("cores", cores, "count");
  if (only_start) {
    bench_start(root, start_runs);
    return 0;
  }
  if (others && !bench_in_process(root, start_runs, idle_seconds)) return 1;
  if (gallery) bench_gallery(root);
  if (growth) {
    const std::string bin = fs::read_symlink("/proc/self/exe").parent_path().string();
    app::bench_journal_growth(root, bin + "/kiosk", bin + "/kioskctl", figure, only_recovery);
    if (!only_recovery) app::bench_gateway_growth(root, figure);
  }
  return 0;
}
