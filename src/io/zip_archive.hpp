#pragma once
// The zip container of an uploaded xlsx, read from memory with libzip, and its guards
// against zip bombs. Every byte is counted while it is inflated, because the sizes in the
// zip directory are the uploader's claim: an entry is refused when it grows beyond its own
// cap, when the archive as a whole grows beyond ReadLimits::max_uncompressed_bytes, or when
// it inflates more than ReadLimits::max_compression_ratio times its compressed size.
// One archive is used by one thread at a time. No libzip type appears in this header.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "io/sheet.hpp"

struct zip;  // libzip's zip_t

namespace foljsam::io {

class ZipArchive {
   public:
    // Receives the inflated bytes of an entry in order; a failed Status stops the read.
    using Sink = std::function<Status(std::string_view chunk)>;

    // Opens the archive held in `bytes`, which are not copied and must outlive the archive.
    // Failure: kCorrupt when `bytes` start like a zip but cannot be read as one (damaged or
    // truncated); kInvalidInput when they are no zip at all.
    static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, const ReadLimits& limits);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    // Whether an entry named `name` exists (ASCII case-insensitive, as OPC part names are).
    bool Has(std::string_view name) const;

    // Inflates entry `name` into `sink` in chunks of at most 64 KiB, so memory stays bounded.
    // Failure: kNotFound when there is no such entry; kInvalidInput when a guard trips (the
    // entry exceeds `max_entry_bytes`, the total budget or the compression ratio) or the
    // entry is encrypted; kCorrupt on a damaged entry; or the sink's own failure.
    Status Read(std::string_view name, size_t max_entry_bytes, const Sink& sink);

   private:
    explicit ZipArchive(zip* archive, const ReadLimits& limits);
    // `entry_cap` is the entry's own cap when that was the binding one, else 0.
    Status TooMuchData(size_t entry_cap) const;

    zip* archive_;
    ReadLimits limits_;
    size_t total_bytes_ = 0;  // inflated so far, over every entry read
    std::string buffer_;
};

}  // namespace foljsam::io
