#pragma once
#include "view.hpp"

namespace kiosk::ui {

// The customer wanted paper and none came (the paper ran out, the printer failed): says so,
// shows the reference and the receipt code large enough to note down or photograph, and
// offers the SMS in the receipt's place, or says where the SMS goes. Draws from `top` down to
// the action row.
void draw_no_receipt(const View& v, float top);

}  // namespace kiosk::ui
