#include "receipt_job.hpp"

namespace kiosk::escpos {

Bytes receipt_job(const ReceiptPicture& layout, const PrinterModel& model) {
  Encoder e;
  e.initialize();
  const Raster& paper = layout.paper;
  if (model.native_qr && layout.qr_height > 0 && !layout.qr_data.empty()) {
    e.raster(paper.rows(0, layout.qr_top), model.band_rows);
    e.align(Align::centre).qr(layout.qr_data, layout.qr_module, QrLevel::M).align(Align::left);
    e.raster(paper.rows(layout.qr_top + layout.qr_height, paper.height), model.band_rows);
  } else {
    e.raster(paper, model.band_rows);
  }
  e.cut(model.partial_cut ? Cut::partial : Cut::full, model.feed_before_cut);
  return e.take();
}

}  // namespace kiosk::escpos
