#pragma once
// The technician's service mode (core/service_mode.hpp), drawn instead of the customer's screens
// in the technician's language (the View's catalog is the technician's), without the customer's
// bottom row. One file per page.
#include "view.hpp"

namespace kiosk::ui {

void draw_service_mode(const View& v);

// The pages; `top` is where the mode's header ends.
void draw_service_pin(const View& v, float top);
void draw_service_menu(const View& v, float top);
void draw_service_sales(const View& v, float top);
void draw_service_note(const View& v, float top);
void draw_service_confirm(const View& v, float top);

// Shared by the pages.
inline const ServiceMode& service_of(const View& v) { return *v.s.service_mode; }
std::string service_action_label(const View& v, ServiceAction a);
// A title line at `y`; returns the y below it.
float service_title(const View& v, float y, std::string_view title);
// "label   value" with the value wrapped in its column; returns the y below the row.
float service_row(const View& v, float y, std::string_view label, std::string_view value,
                  std::uint32_t value_rgb);
// Money as the technician's language writes it.
std::string service_money(const View& v, Cents cents);

}  // namespace kiosk::ui
