// The libusb side of the USB printer: discovery, claiming, bulk transfers.
#include <libusb-1.0/libusb.h>

#include <cstdio>

#include "usb_link.hpp"

namespace kiosk::escpos {

namespace {

LinkStatus status_of(int rc) {
  switch (rc) {
    case LIBUSB_SUCCESS: return LinkStatus::ok;
    case LIBUSB_ERROR_TIMEOUT: return LinkStatus::timeout;
    case LIBUSB_ERROR_PIPE: return LinkStatus::stall;
    case LIBUSB_ERROR_NO_DEVICE: return LinkStatus::disconnected;
    default: return LinkStatus::error;
  }
}

class LibusbEndpoints : public UsbEndpoints {
 public:
  LibusbEndpoints(libusb_context* ctx, libusb_device_handle* h, int iface, unsigned char out, unsigned char in,
                  bool reattach, std::string name)
      : ctx_(ctx), h_(h), iface_(iface), out_(out), in_(in), reattach_(reattach), name_(std::move(name)) {}
  ~LibusbEndpoints() override {
    libusb_release_interface(h_, iface_);
    if (reattach_) libusb_attach_kernel_driver(h_, iface_);
    libusb_close(h_);
    libusb_exit(ctx_);
  }
  LinkResult bulk_out(const std::uint8_t* data, std::size_t size, int timeout_ms) override {
    int done = 0;
    const int rc = libusb_bulk_transfer(h_, out_, const_cast<std::uint8_t*>(data), static_cast<int>(size), &done,
                                        static_cast<unsigned>(timeout_ms));
    return {status_of(rc), static_cast<std::size_t>(done)};
  }
  LinkResult bulk_in(std::uint8_t* data, std::size_t size, int timeout_ms) override {
    if (in_ == 0) return {LinkStatus::error, 0};
    int done = 0;
    const int rc = libusb_bulk_transfer(h_, in_, data, static_cast<int>(size), &done, static_cast<unsigned>(timeout_ms));
    return {status_of(rc), static_cast<std::size_t>(done)};
  }
  bool clear_halt_out() override { return libusb_clear_halt(h_, out_) == 0; }
  std::string describe() const override { return name_; }

 private:
  libusb_context* ctx_;
  libusb_device_handle* h_;
  int iface_;
  unsigned char out_, in_;
  bool reattach_;
  std::string name_;
};

// A string descriptor as printable ASCII (at most 40 characters), or "" when the device has none.
std::string usb_text(libusb_device_handle* h, std::uint8_t index) {
  unsigned char buf[128];
  if (index == 0) return "";
  const int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
  std::string out;
  for (int i = 0; i < n && out.size() < 40; ++i)
    if (buf[i] >= 0x20 && buf[i] < 0x7F) out += static_cast<char>(buf[i]);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool listed(const std::vector<VidPid>& ids, std::uint16_t vid, std::uint16_t pid) {
  for (const VidPid& id : ids)
    if (id.vid == vid && (id.pid == 0 || id.pid == pid)) return true;
  return false;
}

}  // namespace

std::unique_ptr<UsbEndpoints> open_usb_printer(const std::vector<VidPid>& ids, std::string* error) {
  libusb_context* ctx = nullptr;
  if (libusb_init(&ctx) != 0) {
    if (error) *error = "libusb could not start";
    return nullptr;
  }
  libusb_device** list = nullptr;
  const ssize_t count = libusb_get_device_list(ctx, &list);
  std::unique_ptr<UsbEndpoints> found;
  std::string last_error = "no USB printer found";
  for (ssize_t i = 0; i < count && !found; ++i) {
    libusb_device* dev = list[i];
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) != 0) continue;
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(dev, &config) != 0) continue;
    for (int f = 0; f < config->bNumInterfaces && !found; ++f) {
      const libusb_interface_descriptor& alt = config->interface[f].altsetting[0];
      const bool printer_class = alt.bInterfaceClass == LIBUSB_CLASS_PRINTER;
      if (!printer_class && !listed(ids, desc.idVendor, desc.idProduct)) continue;
      unsigned char ep_out = 0, ep_in = 0;
      for (int e = 0; e < alt.bNumEndpoints; ++e) {
        const libusb_endpoint_descriptor& ep = alt.endpoint[e];
        if ((ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) continue;
        if (ep.bEndpointAddress & LIBUSB_ENDPOINT_IN) ep_in = ep_in ? ep_in : ep.bEndpointAddress;
        else ep_out = ep_out ? ep_out : ep.bEndpointAddress;
      }
      if (!ep_out) continue;
      libusb_device_handle* h = nullptr;
      if (libusb_open(dev, &h) != 0) {
        last_error = "cannot open the printer (permissions? see deploy/package/60-kiosk.rules)";
        continue;
      }
      bool detached = false;
      if (libusb_kernel_driver_active(h, alt.bInterfaceNumber) == 1) {
        detached = libusb_detach_kernel_driver(h, alt.bInterfaceNumber) == 0;  // usblp lets go
      }
      if (libusb_claim_interface(h, alt.bInterfaceNumber) != 0) {
        last_error = "the printer interface is busy";
        if (detached) libusb_attach_kernel_driver(h, alt.bInterfaceNumber);
        libusb_close(h);
        continue;
      }
      char name[64];
      std::snprintf(name, sizeof name, "usb %04x:%04x bus %u device %u", desc.idVendor, desc.idProduct,
                    libusb_get_bus_number(dev), libusb_get_device_address(dev));
      // The model as the printer names itself, for the technician ("EPSON TM-T20III").
      std::string model = usb_text(h, desc.iManufacturer);
      if (const std::string product = usb_text(h, desc.iProduct); !product.empty())
        model += (model.empty() ? "" : " ") + product;
      const std::string described = model.empty() ? std::string(name) : model + ", " + name;
      found = std::make_unique<LibusbEndpoints>(ctx, h, alt.bInterfaceNumber, ep_out, ep_in, detached, described);
    }
    libusb_free_config_descriptor(config);
  }
  libusb_free_device_list(list, 1);
  if (!found) {
    libusb_exit(ctx);
    if (error) *error = last_error;
  }
  return found;
}

}  // namespace kiosk::escpos
