#pragma once
// The Bancontact Payment API v3 (Payconiq by Bancontact) as the kiosk uses it: the JSON it
// sends, and every answer read strictly and checked against what was asked. No I/O here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"

namespace kiosk::bancontact {

enum class Status {
  pending,             // created, not scanned yet
  identified,          // scanned with the app
  authorized,          // confirmed in the app, the bank said yes: not money yet
  authorization_failed,
  failed,
  succeeded,           // the only status that is money taken
  cancelled,
  expired,
  pending_merchant_acknowledgement,
  voided,
};
std::optional<Status> parse_status(std::string_view text);
std::string_view status_name(Status status);
// No later status can follow (SUCCEEDED, FAILED, CANCELLED, EXPIRED, …).
bool is_final(Status status);
// Still cancellable with DELETE: PENDING or IDENTIFIED.
bool is_cancellable(Status status);

// A paymentId or refundId: 24 characters of letters, digits, '-', '_' or '='.
bool valid_id(std::string_view id);
// "2026-12-05T21:04:02.123Z" (UTC, fraction optional) ↔ seconds since the epoch.
std::optional<std::int64_t> parse_utc(std::string_view text);
std::string utc_text(std::int64_t seconds);

struct Payment {
  std::string id;
  Status status = Status::pending;
  Cents amount = 0;
  std::string reference;
  std::string deeplink;         // what the QR code holds (https)
  std::int64_t expires_at = 0;  // seconds since the epoch; 0 when not said
};

// What an answer must be about: the payment asked for (id empty on create), with this
// reference and amount (0: whatever amount it has, for a give-back that does not know it).
struct Expected {
  std::string id;
  std::string reference;
  Cents amount = 0;
};

std::string create_body(const std::string& reference, Cents amount, const std::string& description,
                        const std::string& callback_url);
// The answer to POST /v3/payments (201) or GET /v3/payments/{id} (200): "" when it is well
// formed and about the expected payment, else why not. A create answer must be PENDING, with
// a deeplink and an expiry.
std::string read_created(const std::string& body, const Expected& expected, Payment* out);
std::string read_payment(const std::string& body, const Expected& expected, Payment* out);

std::string search_body(const std::string& reference, std::int64_t from);
// The answer to POST /v3/payments/search: the payments with exactly this reference (another
// reference in the answer is an error, not something to skip).
std::string read_search(const std::string& body, const std::string& reference, std::vector<Payment>* out);

enum class RefundStatus { pending, refunded, failed };
struct Refund {
  std::string id;
  std::string payment_id;
  RefundStatus status = RefundStatus::pending;
  Cents amount = 0;
};
std::string refund_body(Cents amount, const std::string& description);
// The answer to POST …/refunds (201) or GET …/refunds/{id}: about this payment and amount
// (and this refund, when `refund_id` is set).
std::string read_refund(const std::string& body, const std::string& payment_id, Cents amount,
                        const std::string& refund_id, Refund* out);

// The API's error answer {"code": …, "message": …}: its code, or "" when there is none.
std::string error_code(const std::string& body);

}  // namespace kiosk::bancontact
