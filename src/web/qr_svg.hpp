#pragma once
// A QR code as inline SVG (libqrencode), for the otpauth:// URI of TOTP enrolment. Only
// presentation attributes, no style, so the page's Content-Security-Policy allows it.
// Thread-safe.

#include <string>

namespace foljsam::web {

// The SVG of `text` (error correction level M, four modules of quiet zone) with `title` as
// its accessible name; "" when the text does not fit in a QR code.
std::string QrSvg(const std::string& text, const std::string& title);

}  // namespace foljsam::web
