#pragma once
#include <string>
#include <vector>

#include "i18n/catalog.hpp"
#include "receipt_picture.hpp"
#include "text_painter.hpp"

namespace kiosk {

// The end of day as the technician reads it on paper: the terminal's total and the journal's
// side by side, a difference called out, then the sales per operator and payment method.
struct DayReport {
  std::string kiosk_id, location, version;
  std::string printed_at, from, to;  // as the technician reads them (local time)
  enum class Terminal { closed, failed, no_closing } terminal = Terminal::no_closing;
  long long terminal_total_cents = -1;  // -1: the terminal did not say
  struct Line {
    std::string brand, method;  // the operator as the catalog names it
    int renewals = 0;
    long long cents = 0;
  };
  std::vector<Line> lines;
  long long card_taken_cents = 0, card_returned_cents = 0, wallet_taken_cents = 0, wallet_returned_cents = 0;
  int returned = 0, unsettled = 0;
};

// `words`: the technician's catalog (assets/i18n/service/) in the language to print in.
ReceiptPicture layout_day_report(const DayReport& report, const Catalog& words, TextPainter& painter, int width_dots);

}  // namespace kiosk
