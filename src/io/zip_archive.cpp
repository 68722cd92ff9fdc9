#include "io/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <string>

#include "io/read_errors.hpp"

namespace foljsam::io {

namespace {

constexpr size_t kChunkBytes = 64 * 1024;
// Tiny XML entries compress far better than the ratio cap allows (a 2 KB run of empty
// cells may shrink 300 times), so the ratio is judged only once an entry is this large.
constexpr size_t kRatioGraceBytes = 1 << 20;

Status Damaged() {
    return Status::Corrupt("Filen är skadad eller ofullständig och kan inte läsas som xlsx. Spara den på nytt.");
}

bool LooksLikeZip(std::string_view bytes) {
    return bytes.starts_with(std::string_view("PK\x03\x04", 4)) || bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

Status ReadError(int libzip_code) {
    if (libzip_code == ZIP_ER_NOPASSWD || libzip_code == ZIP_ER_WRONGPASSWD || libzip_code == ZIP_ER_ENCRNOTSUPP) {
        return Status::InvalidInput("Filen är lösenordsskyddad. Spara den utan lösenord och försök igen.");
    }
    return Damaged();
}

// Closes an entry on every path out of Read.
struct EntryCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

ZipArchive::ZipArchive(zip* archive, const ReadLimits& limits)
    : archive_(archive), limits_(limits), buffer_(kChunkBytes, '\0') {}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, const ReadLimits& limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        return Status::Internal("zip_source_buffer_create failed");
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
        zip_source_free(source);  // still ours when the open failed
        if (LooksLikeZip(bytes)) return Damaged();
        return Status::InvalidInput("Filen är ingen xlsx-fil. Ladda upp en arbetsbok sparad som .xlsx.");
    }
    return std::unique_ptr<ZipArchive>(new ZipArchive(archive, limits));
}

bool ZipArchive::Has(std::string_view name) const {
    return zip_name_locate(archive_, std::string(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

Status ZipArchive::TooMuchData(size_t entry_cap) const {
    if (entry_cap > 0) {
        return Status::InvalidInput("En del av filen blir mer än " + DescribeBytes(entry_cap) +
                                    " när den packas upp, vilket är gränsen. Filen läses inte.");
    }
    return Status::InvalidInput("Filen blir mer än " + DescribeBytes(limits_.max_uncompressed_bytes) +
                                " när den packas upp, vilket är gränsen. Den läses inte.");
}

Status ZipArchive::Read(std::string_view name, size_t max_entry_bytes, const Sink& sink) {
    const zip_int64_t index = zip_name_locate(archive_, std::string(name).c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Status::NotFound("Delen " + std::string(name) + " saknas i filen.");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, index, 0, &stat) != 0) return Damaged();
    // The directory's claim is checked first (cheap), then every inflated byte is counted.
    const size_t left = limits_.max_uncompressed_bytes - std::min(total_bytes_, limits_.max_uncompressed_bytes);
    const size_t budget = std::min(max_entry_bytes, left);
    const size_t entry_cap = max_entry_bytes < left ? max_entry_bytes : 0;  // 0: the total binds
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > budget) return TooMuchData(entry_cap);
    const zip_uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;

    std::unique_ptr<zip_file_t, EntryCloser> file(zip_fopen_index(archive_, index, 0));
    if (!file) return ReadError(zip_error_code_zip(zip_get_error(archive_)));
    size_t entry_bytes = 0;
    while (true) {
        const zip_int64_t got = zip_fread(file.get(), buffer_.data(), buffer_.size());
        if (got < 0) return ReadError(zip_error_code_zip(zip_file_get_error(file.get())));
        if (got == 0) return Status::Ok();
        entry_bytes += static_cast<size_t>(got);
        total_bytes_ += static_cast<size_t>(got);
        if (entry_bytes > budget) return TooMuchData(entry_cap);
        if (entry_bytes > kRatioGraceBytes &&
            entry_bytes / std::max<zip_uint64_t>(compressed, 1) > limits_.max_compression_ratio) {
            return Status::InvalidInput(
                "Filen är packad på ett misstänkt sätt (den växer orimligt mycket när den packas upp, en så "
                "kallad zip-bomb). Den läses inte.");
        }
        FOLJSAM_RETURN_IF_ERROR(sink(std::string_view(buffer_.data(), static_cast<size_t>(got))));
    }
}

}  // namespace foljsam::io
