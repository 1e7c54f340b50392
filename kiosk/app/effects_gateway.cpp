// Effects on the operator gateway: each call runs on the worker thread and comes back as an
// event through the queue. client_ is read there: the worker's first job made it.
#include "gateway/service.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "worker.hpp"

namespace kiosk::app {

bool KioskApp::handle(const fx::RequestLookup& l) {
  EventQueue* queue = &queue_;
  // A customer number is logged as little as a phone number: its last two digits.
  log_info("lookup " + std::string(brand_id(l.brand)) + " " +
           (l.customer_number.empty() ? mask_mobile(l.number)
                                      : "customer …" + l.customer_number.substr(l.customer_number.size() - 2)));
  worker_->run([this, queue, req = l] {
    const gateway::LookupResult r = req.customer_number.empty()
                                        ? client_->lookup(req.brand, req.number)
                                        : client_->lookup_customer(req.brand, req.customer_number);
    if (r.kind == gateway::LookupResult::Kind::found) {
      queue->post(ev::SubscriberFound{r.subscriber, r.plans, r.number});
      return;
    }
    if (!r.detail.empty()) log_warn("lookup failed: " + r.detail);
    queue->post(ev::LookupFailed{r.kind == gateway::LookupResult::Kind::not_found ? ev::LookupError::not_found
                                                                                   : ev::LookupError::unavailable});
  });
  return true;
}

bool KioskApp::handle(const fx::RequestDelivery& d) {
  EventQueue* queue = &queue_;
  const gateway::RenewalRequest req{d.reference, d.brand, d.number, d.plan_id, d.months, d.amount};
  worker_->run([this, queue, req] {
    const gateway::RenewalResult r = client_->renew(req);
    switch (r.kind) {
      case gateway::RenewalResult::Kind::delivered:
        queue->post(ev::RenewalDelivered{req.reference, r.confirmation_id, r.new_expiry});
        break;
      case gateway::RenewalResult::Kind::failed:
        log_warn("renewal " + req.reference + " refused: " + r.detail,
                 {{"KIOSK_REFERENCE", req.reference}, {"KIOSK_DEVICE", "gateway"}, {"KIOSK_ERROR_CODE", "renewal_refused"}});
        queue->post(ev::RenewalFailed{req.reference, r.detail});
        break;
      case gateway::RenewalResult::Kind::unknown:
        log_warn(std::string(r.mismatch ? "ALERT " : "") + "renewal " + req.reference + " outcome unknown: " + r.detail,
                 {{"KIOSK_REFERENCE", req.reference}, {"KIOSK_DEVICE", "gateway"},
                  {"KIOSK_ERROR_CODE", r.mismatch ? "answer_mismatch" : "renewal_unknown"}});
        queue->post(ev::RenewalUnknown{req.reference, r.mismatch ? "answer_mismatch" : ""});
        break;
    }
  });
  return true;
}

bool KioskApp::handle(const fx::RequestRenewalResolve& rr) {
  EventQueue* queue = &queue_;
  const gateway::Service::Expected expected{rr.reference, rr.brand, rr.number, rr.plan_id, rr.months, rr.amount};
  log_info("recovery: asking the gateway about " + expected.reference);
  worker_->run([this, queue, expected] {
    const gateway::Service::Resolution r = client_->resolve(expected);
    using K = gateway::Service::Resolution::Kind;
    if (r.mismatch) log_warn("ALERT recovery: " + expected.reference + ": " + r.detail);
    else if (r.kind == K::unknown) log_warn("recovery: gateway did not answer for " + expected.reference + ": " + r.detail);
    queue->post(ev::RenewalResolved{expected.reference,
                                    r.kind == K::delivered            ? ev::RenewalOutcome::delivered
                                    : r.kind == K::closed_undelivered ? ev::RenewalOutcome::closed_undelivered
                                                                      : ev::RenewalOutcome::unknown,
                                    r.confirmation_id, r.new_expiry, r.mismatch ? "answer_mismatch" : ""});
  });
  return true;
}

}  // namespace kiosk::app
