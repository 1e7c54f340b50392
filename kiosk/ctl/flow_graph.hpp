#pragma once
#include <string>

namespace kiosk {

// The core's flow table as a Mermaid state diagram: every row that changes the screen, labelled
// "event [guard]". Printed from the table the core dispatches through, so it cannot drift.
std::string flow_mermaid();

// Every row of the flow table, in the order the core tries them: from, event, guard, to, action.
std::string flow_table_text();

}  // namespace kiosk
