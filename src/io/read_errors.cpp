#include "io/read_errors.hpp"

namespace foljsam::io {

std::string DescribeBytes(size_t bytes) {
    if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MB";
    if (bytes >= (1u << 10)) return std::to_string(bytes >> 10) + " kB";
    return std::to_string(bytes) + " byte";
}

Status EmptyFile() { return Status::InvalidInput("Filen är tom."); }

Status FileTooLarge(const ReadLimits& limits) {
    return Status::InvalidInput("Filen är för stor. Den får vara högst " + DescribeBytes(limits.max_file_bytes) + ".");
}

}  // namespace foljsam::io
