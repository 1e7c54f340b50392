#pragma once
// The screen flow as a table: (from, event, guard, to, action) rows in the spirit of Boost.SML's
// transition tables. update() dispatches every event through it; kioskctl prints it. Handlers
// (actions) compute; only the table moves the customer from one screen to another.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <type_traits>
#include <variant>

#include "events.hpp"
#include "screen.hpp"
#include "state.hpp"

namespace kiosk::flow {

struct Step;

template <typename E, typename V>
struct IndexIn;
template <typename E, typename... T>
struct IndexIn<E, std::variant<T...>> {
  static constexpr std::size_t value = [] {
    std::size_t i = 0;
    ((std::is_same_v<E, T> ? false : (++i, true)) && ...);
    return i;
  }();
  static_assert(value < sizeof...(T), "not an event type");
};

inline constexpr std::size_t event_count = std::variant_size_v<Event>;
template <typename E>
inline constexpr std::size_t event_index = IndexIn<E, Event>::value;
// Rows with this "event" are tried after every event (Boost.SML's anonymous transitions).
inline constexpr std::size_t after_any_event = event_count;
// A guard or action that does not read the event fits every row.
inline constexpr std::size_t any_event = static_cast<std::size_t>(-1);

// The screens a row leaves from. A named set is one box in the diagram instead of an arrow from
// each member.
struct ScreenSet {
  std::uint32_t mask = 0;
  std::string_view name;
  constexpr bool has(Screen s) const { return (mask >> static_cast<int>(s)) & 1u; }
};

constexpr ScreenSet screens(std::initializer_list<Screen> list, std::string_view name = {}) {
  ScreenSet set{0, name};
  for (Screen s : list) set.mask |= 1u << static_cast<int>(s);
  return set;
}
constexpr ScreenSet only(Screen s) { return screens({s}); }
constexpr ScreenSet all_screens_but(std::initializer_list<Screen> list, std::string_view name) {
  ScreenSet set{(1u << screen_count) - 1u, name};
  for (Screen s : list) set.mask &= ~(1u << static_cast<int>(s));
  return set;
}
static_assert(screen_count <= 32, "ScreenSet holds 32 screens");

struct Target {
  enum class Kind : std::uint8_t { stay, screen, beneath };
  Kind kind = Kind::stay;
  Screen screen = Screen::attract;
};
inline constexpr Target stay{};
// Closes an overlay (language, help, display): back to the screen it lies over.
inline constexpr Target beneath{Target::Kind::beneath};
constexpr Target to(Screen s) { return {Target::Kind::screen, s}; }

struct Guard {
  std::string_view name;  // empty: always
  std::size_t event = any_event;
  bool (*holds)(const State&, const Event&) = nullptr;
};

struct Action {
  std::string_view name;  // empty: nothing to compute
  std::size_t event = any_event;
  void (*run)(Step&, const Event&) = nullptr;
};

struct Transition {
  ScreenSet from;
  std::size_t event = 0;
  Guard guard;
  Target to;
  Action action;
};

// Every row, in the order they are tried: the first row whose screen, event and guard match wins.
std::span<const Transition> transitions();

// The row an event takes on this screen, or nullptr: the event changes nothing there.
const Transition* transition_for(const State& s, const Event& e, Screen screen);

// The row that follows any event on this state's screen (attract ⇄ out of service), or nullptr.
const Transition* completion_for(const State& s);

// The event type's stable name (for the printed table and the diagram).
std::string_view event_type_name(std::size_t index);

}  // namespace kiosk::flow
