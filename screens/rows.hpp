#pragma once
// Label/value rows inside a panel: the summary, the balance and the end screens use them.
#include <string>
#include <utility>
#include <vector>

#include "view.hpp"

namespace kiosk::ui {

struct Row {
  std::string label;
  std::string value;
  bool strong = false;
  bool largest = false;  // the value in the digit size: the amount to pay
};

// Draws the rows in a panel starting at y; returns the y below the panel.
float draw_rows(const View& v, float y, const std::vector<Row>& rows);

}  // namespace kiosk::ui
