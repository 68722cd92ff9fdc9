#include "io/sheet.hpp"

#include <algorithm>

namespace foljsam::io {

std::string ColumnName(size_t column) {
    // Bijective base 26: there is no zero digit, so "Z" is 26 and "AA" is 27.
    std::string name;
    while (column > 0) {
        --column;
        name += static_cast<char>('A' + column % 26);
        column /= 26;
    }
    std::reverse(name.begin(), name.end());
    return name;
}

}  // namespace foljsam::io
