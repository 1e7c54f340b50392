// The service menu: the kiosk's state as the app last gathered it (devices, gateway, disk,
// journal), what the last action came to, and the actions.
#include <cstdlib>

#include "core/locale_format.hpp"
#include "service_screens.hpp"

namespace kiosk::ui {

namespace {

std::string printer_text(const View& v, const ServiceStatus& st) {
  return v.tr("svc.printer." + std::string(printer_status_name(st.printer))) + " · " + st.printer_kind + ", " +
         st.printer_model;
}

std::string terminal_text(const View& v, const ServiceStatus& st) {
  std::string out = v.tr(st.terminal_available ? "svc.terminal.available" : "svc.terminal.absent") + " · " + st.terminal_kind;
  // What the terminal said of itself (software version, state): its own words.
  for (const auto& [name, value] : st.terminal) out += "\n" + name + ": " + value;
  return out;
}

std::string gateway_text(const View& v, const ServiceStatus& st) {
  std::string out;
  if (st.gateway_answered)
    out = v.fmt("svc.gateway.answered",
                {{"ms", format_count(st.gateway_latency_ms, v.t.lang())}, {"time", st.gateway_checked_at}});
  else
    out = v.tr(st.gateway_latency_ms < 0 ? "svc.gateway.not_up" : "svc.gateway.no_answer");
  out += "\n" + (st.gateway_embedded ? v.tr("svc.gateway.embedded") : st.gateway_host);
  if (!st.gateway_pin.empty()) out += " · pin " + st.gateway_pin.substr(0, 12) + "…";
  return out;
}

// What the last action came to, in a sentence or two.
std::string outcome_text(const View& v, const ServiceOutcome& o) {
  const std::string action = service_action_label(v, o.action);
  if (!o.ok) {
    std::string error = o.value("error");
    return v.fmt("svc.outcome.failed", {{"action", action}, {"error", error}});
  }
  std::string out = v.fmt("svc.outcome.ok", {{"action", action}});
  const auto money = [&](const std::string& key) {
    const std::string text = o.value(key);
    char* end = nullptr;
    const long long cents = std::strtoll(text.c_str(), &end, 10);
    return text.empty() || *end ? std::string("?") : service_money(v, cents);
  };
  switch (o.action) {
    case ServiceAction::end_of_day:
      if (!o.value("terminal_total_cents").empty())
        out += " " + v.fmt("svc.outcome.end_of_day", {{"terminal", money("terminal_total_cents")},
                                                      {"journal", money("journal_card_net_cents")},
                                                      {"difference", money("difference_cents")}});
      else
        out += " " + v.fmt("svc.outcome.no_closing", {{"journal", money("journal_card_net_cents")}});
      out += " " + v.tr(o.value("report_printed") == "true" ? "svc.outcome.report_printed" : "svc.outcome.report_not_printed");
      return out;
    case ServiceAction::diagnostics: return out + " " + v.fmt("svc.outcome.file", {{"file", o.value("file")}});
    case ServiceAction::retry: return out + " " + v.fmt("svc.outcome.retry", {{"n", o.value("open_transactions")}});
    case ServiceAction::terminal_check: {
      std::string details;
      for (const auto& [key, value] : o.values)
        if (key.rfind("terminal.", 0) == 0 && key != "terminal.kind" && key != "terminal.available")
          details += (details.empty() ? "" : ", ") + key.substr(9) + " " + value;
      return details.empty() ? out : out + " " + v.fmt("svc.outcome.terminal", {{"details", details}});
    }
    default: return out;
  }
}

}  // namespace

void draw_service_menu(const View& v, float top) {
  const ServiceMode& m = service_of(v);
  float y = service_title(v, top, v.tr("svc.menu.title"));
  const OutOfServiceReason why = out_of_service_reason(v.s);
  const std::uint32_t ok = v.theme().text, bad = v.theme().danger;
  y = service_row(v, y, v.tr("svc.status.service"),
                  why == OutOfServiceReason::none ? v.tr("svc.service.in")
                                                  : v.fmt("svc.service.out", {{"code", out_of_service_code(why)}}),
                  why == OutOfServiceReason::none ? ok : bad);
  if (const std::optional<ServiceStatus>& st = m.status) {
    y = service_row(v, y, v.tr("svc.status.printer"), printer_text(v, *st), printer_can_print(st->printer) ? ok : bad);
    y = service_row(v, y, v.tr("svc.status.terminal"), terminal_text(v, *st), st->terminal_available ? ok : bad);
    y = service_row(v, y, v.tr("svc.status.gateway"), gateway_text(v, *st), st->gateway_answered ? ok : bad);
    y = service_row(v, y, v.tr("svc.status.disk"),
                    v.fmt("svc.disk.free", {{"mb", format_count(st->disk_free_mb, v.t.lang())}}),
                    st->disk_free_mb >= 0 && st->disk_free_mb < 200 ? bad : ok);
    const Catalog::Args journal{{"open", std::to_string(st->journal_open)}, {"outbox", std::to_string(st->outbox_pending)}};
    y = service_row(v, y, v.tr("svc.status.journal"), v.fmt(st->journal_ok ? "svc.journal.ok" : "svc.journal.failed", journal),
                    st->journal_ok ? ok : bad);
    // Red from a week before its last day: the fleet's alert comes at the same time.
    const bool ending = st->catalog_version == 0 || add_days(v.s.today, 7) > st->catalog_valid_until;
    y = service_row(v, y, v.tr("svc.status.catalog"),
                    st->catalog_version == 0 ? v.tr("svc.catalog.none")
                                             : v.fmt("svc.catalog.version", {{"version", std::to_string(st->catalog_version)},
                                                                             {"n", std::to_string(st->catalog_brands)},
                                                                             {"date", format_date(st->catalog_valid_until, v.t.lang())}}),
                    ending ? bad : ok);
  }

  // The actions, two by two, above the way out.
  const float gap = 20, w = (content_w - gap) / 2, h = 120;
  const float grid_top = 1745 - 3 * h - 2 * gap;
  // The last action's outcome (or that it is under way) between the state and the actions.
  std::string said;
  if (m.running) said = v.fmt("svc.running", {{"action", service_action_label(v, *m.running)}});
  else if (m.outcome) said = outcome_text(v, *m.outcome);
  if (!said.empty()) {
    const float box_top = y + 8, room = grid_top - 16 - box_top;
    const FontRole role = FontRole::hint;
    const float th = v.ui.text_height(said, role, content_w - 40);
    v.ui.panel({margin, box_top, content_w, std::min(room, th + 30)}, v.theme().surface, true);
    v.ui.text({margin + 20, box_top + 15, content_w - 40, std::min(th, room - 30)}, said, role,
              m.outcome && !m.outcome->ok && !m.running ? bad : ok);
    y = box_top + th + 30;
  }
  if (y > grid_top - 8) v.ui.overflow("service menu: the state runs into the actions");

  const bool out = v.s.technician_reason.has_value();
  struct Item {
    const char* id;
    std::string label;
    Event event;
  };
  const Item items[] = {
      {"tech_test_print", v.tr("svc.action.test_print"), ev::Technician{svc::ActionAsked{ServiceAction::test_print}}},
      {"tech_terminal_check", v.tr("svc.action.terminal_check"),
       ev::Technician{svc::ActionAsked{ServiceAction::terminal_check}}},
      {"tech_end_of_day", v.tr("svc.action.end_of_day"), ev::Technician{svc::ActionAsked{ServiceAction::end_of_day}}},
      {"tech_sales", v.tr("svc.action.sales"), ev::Technician{svc::PageOpened{ServicePage::sales}}},
      out ? Item{"tech_in_service", v.tr("svc.action.in_service"), ev::Technician{svc::ActionAsked{ServiceAction::in_service}}}
          : Item{"tech_out_of_service", v.tr("svc.action.out_of_service"), ev::Technician{svc::PageOpened{ServicePage::note}}},
      {"tech_diagnostics", v.tr("svc.action.diagnostics"), ev::Technician{svc::ActionAsked{ServiceAction::diagnostics}}},
  };
  int i = 0;
  for (const Item& item : items) {
    const Rect box{margin + static_cast<float>(i % 2) * (w + gap), grid_top + static_cast<float>(i / 2) * (h + gap), w, h};
    if (v.ui.button(item.id, box, item.label, ButtonKind::secondary, !m.running, {},
                    v.ui.fitting_role(item.label, FontRole::body, w - 40)))
      v.emit(item.event);
    ++i;
  }
  // Restart beside the way out, apart from the everyday actions.
  const std::string restart = v.tr("svc.action.restart");
  if (v.ui.button("tech_restart", {margin + w + gap, 1770, w, button_h}, restart, ButtonKind::secondary, !m.running, {},
                  v.ui.fitting_role(restart, FontRole::body, w - 40)))
    v.emit(ev::Technician{svc::ActionAsked{ServiceAction::restart}});
}

}  // namespace kiosk::ui
