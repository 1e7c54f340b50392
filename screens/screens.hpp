#pragma once
#include "view.hpp"

namespace kiosk::ui {

// One function per screen (one file each); they draw and report taps as events.
void draw_attract(const View& v);
void draw_language(const View& v);
void draw_service(const View& v);
void draw_help(const View& v);
void draw_display(const View& v);
void draw_reprint(const View& v);
void draw_brand(const View& v);
void draw_number(const View& v);
void draw_lookup(const View& v);
void draw_balance(const View& v);
void draw_suspended(const View& v);
void draw_plans(const View& v);
void draw_summary(const View& v);
void draw_pay_method(const View& v);
void draw_paying(const View& v);
void draw_wallet(const View& v);
void draw_delivering(const View& v);
void draw_done(const View& v);
void draw_declined(const View& v);
void draw_cancelled(const View& v);
void draw_unavailable(const View& v);
void draw_reversed(const View& v);
void draw_pending(const View& v);
void draw_out_of_service(const View& v);
// The renewal's steps above the screens of the flow, and the choices so far under them;
// whether a screen has them, and the height they take from the top.
void draw_progress(const View& v);
bool has_progress(Screen s);
float progress_height(const View& v);
// Where the support line starts: centred between the main actions and the bottom row.
float support_line_top(const View& v);

}  // namespace kiosk::ui
