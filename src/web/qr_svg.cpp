#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

#include "report/markup.hpp"

namespace foljsam::web {

std::string QrSvg(const std::string& text, const std::string& title) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                    QRcode_free);
    if (!code) return "";
    const int width = code->width;
    const int quiet = 4;
    const int size = width + 2 * quiet;
    std::string path;
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            if (code->data[y * width + x] & 1)
                path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
        }
    }
    const std::string side = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" viewBox=\"0 0 " + side + " " + side +
           "\" role=\"img\" aria-labelledby=\"qr-title\" shape-rendering=\"crispEdges\"><title id=\"qr-title\">" +
           report::EscapeMarkup(title) + "</title><rect width=\"" + side + "\" height=\"" + side +
           "\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
}

}  // namespace foljsam::web
