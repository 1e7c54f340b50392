// The technician's service-mode pages for the gallery, with a kiosk's worth of state on them.
#include "core/session.hpp"
#include "catalog_keeper.hpp"
#include "gallery.hpp"

namespace kiosk::app {

namespace {

ServiceStatus sample_status() {
  ServiceStatus st;
  st.version = "0.17.0";
  st.kiosk_id = "BE-KIOSK-01";
  st.printer = PrinterStatus::paper_near_end;
  st.printer_kind = "escpos";
  st.printer_model = "EPSON TM-T20III, usb 04b8:0e28 bus 1 device 5, 576 dots";
  st.terminal_available = true;
  st.terminal_kind = "zvt";
  st.terminal = {{"software", "ZVT 13.08 · 4.2.1-BE"}, {"status", "0x00 ready"}};
  st.gateway_embedded = false;
  st.gateway_host = "gateway.operator.example";
  st.gateway_pin = "q9HjcS0Xv0a1nUaZ2Z8qzq1OeWk7yQhU2m5oY4tQ3Aw=";
  st.gateway_answered = true;
  st.gateway_latency_ms = 42;
  st.gateway_checked_at = "14:02:17";
  st.disk_free_mb = 18432;
  st.journal_open = 1;
  st.outbox_pending = 2;
  st.catalog_version = 12;
  st.catalog_brands = 7;
  st.catalog_valid_until = CivilDate{2027, 6, 30};
  st.sales_today = {{"proximus", "card", 7, 10500}, {"orange", "card", 3, 4500}, {"base", "wallet", 2, 3000},
                    {"lycamobile", "card", 1, 1000}};
  st.card_net_today = 15000;
  st.wallet_net_today = 3000;
  st.returned_today = 1;
  st.open = {{"BE-KIOSK-01-7Q2M4K", 1500, "delivery_outcome", 25},
             {"BE-KIOSK-01-9XK3PA", 2000, "give_back", -1},
             {"BE-KIOSK-01-4TR8ZD", 1000, "payment_outcome", 118},
             {"BE-KIOSK-01-K2W7NB", 2500, "close", 3},
             {"BE-KIOSK-01-M5H1QC", 1500, "technician", -1}};
  return st;
}

Event tech(svc::Input in) { return ev::Technician{std::move(in)}; }

struct Mode {
  State s;
  Mode& operator<<(const Event& e) {
    s = update(std::move(s), e).state;
    return *this;
  }
};

}  // namespace

std::vector<GalleryState> service_gallery_states(const KioskSettings& settings, const catalog::CatalogFile& catalog) {
  // The PIN page in the technician's language.
  const auto pin = [settings, catalog](Lang lang) {
    Mode m{initial_state(settings)};
    m.s.catalog = brand_catalog(catalog);
    m << ev::Started{ReferenceKey{}, 1'000'000, CivilDate{2026, 11, 27}} << tech(svc::Asked{})
      << tech(svc::LanguageChosen{lang});
    return m;
  };
  const auto typed = [pin](Lang lang) {
    Mode m = pin(lang);
    for (char c : std::string("2580")) m << tech(svc::PinDigit{c});
    return m;
  };
  const auto menu = [typed](Lang lang) {
    Mode m = typed(lang);
    m << tech(svc::PinSubmitted{}) << tech(svc::PinChecked{PinVerdict::right, 5, 0})
      << tech(svc::StatusGathered{sample_status()});
    return m;
  };
  const auto finished = [](ServiceAction a, bool ok, std::vector<std::pair<std::string, std::string>> values) {
    return tech(svc::ActionFinished{{a, ok, std::move(values)}});
  };
  return {
      {"service_pin", [pin](Lang l) { return pin(l).s; }},
      {"service_pin_typed", [typed](Lang l) { return (typed(l) << tech(svc::PinDeleted{})).s; }},
      {"service_pin_wrong",
       [typed](Lang l) { return (typed(l) << tech(svc::PinSubmitted{}) << tech(svc::PinChecked{PinVerdict::wrong, 3, 0})).s; }},
      {"service_pin_locked", [typed](Lang l) {
         return (typed(l) << tech(svc::PinSubmitted{}) << tech(svc::PinChecked{PinVerdict::locked, 0, 14 * 60 + 5})).s;
       }},
      {"service_pin_unavailable", [typed](Lang l) {
         return (typed(l) << tech(svc::PinSubmitted{}) << tech(svc::PinChecked{PinVerdict::unavailable, 0, 0})).s;
       }},
      // End of day with a difference: the terminal closed more than the journal holds.
      {"service_menu", [menu, finished](Lang l) {
         return (menu(l) << tech(svc::ActionAsked{ServiceAction::end_of_day}) << tech(svc::ActionConfirmed{})
                         << finished(ServiceAction::end_of_day, true,
                                     {{"terminal_total_cents", "16000"}, {"journal_card_net_cents", "15000"},
                                      {"difference_cents", "1000"}, {"report_printed", "true"}}))
             .s;
       }},
      {"service_menu_running",
       [menu](Lang l) { return (menu(l) << tech(svc::ActionAsked{ServiceAction::test_print})).s; }},
      {"service_menu_failed", [menu, finished](Lang l) {
         return (menu(l) << tech(svc::ActionAsked{ServiceAction::test_print})
                         << finished(ServiceAction::test_print, false,
                                     {{"error", "the printer cannot print: paper_out"}}))
             .s;
       }},
      // Out of service, a bundle just written to a USB stick.
      {"service_menu_out", [menu, finished](Lang l) {
         return (menu(l) << ev::TakenOutOfService{"@back_hour"} << tech(svc::ActionAsked{ServiceAction::diagnostics})
                         << finished(ServiceAction::diagnostics, true,
                                     {{"file", "/media/USB-STICK/kiosk-diagnostics-BE-KIOSK-01-20261127T140512Z.tar.gz"}}))
             .s;
       }},
      {"service_sales", [menu](Lang l) { return (menu(l) << tech(svc::PageOpened{ServicePage::sales})).s; }},
      {"service_sales_page2", [menu](Lang l) {
         return (menu(l) << tech(svc::PageOpened{ServicePage::sales}) << tech(svc::StatusGathered{sample_status()})
                         << tech(svc::PagedOpen{1}))
             .s;
       }},
      {"service_sales_empty", [pin](Lang l) {
         Mode m = pin(l);
         for (char c : std::string("2580")) m << tech(svc::PinDigit{c});
         m << tech(svc::PinSubmitted{}) << tech(svc::PinChecked{PinVerdict::right, 5, 0})
           << tech(svc::PageOpened{ServicePage::sales}) << tech(svc::StatusGathered{ServiceStatus{}});
         return m.s;
       }},
      {"service_note", [menu](Lang l) { return (menu(l) << tech(svc::PageOpened{ServicePage::note})).s; }},
      {"service_confirm_end_of_day",
       [menu](Lang l) { return (menu(l) << tech(svc::ActionAsked{ServiceAction::end_of_day})).s; }},
      {"service_confirm_restart",
       [menu](Lang l) { return (menu(l) << tech(svc::ActionAsked{ServiceAction::restart})).s; }},
  };
}

}  // namespace kiosk::app
