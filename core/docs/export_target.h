#pragma once
// Where an export may be written, and writing it so that a failure leaves no half-written file.
#include <filesystem>
#include <string_view>

namespace tftsr::docs {

// Refuses, with a message naming the problem: a folder that does not exist or cannot be written
// to, a path that is a folder, an existing file unless `overwrite`, anything inside the app's
// data dir (exports are plaintext and belong outside it).
void check_export_target(const std::filesystem::path& out, const std::filesystem::path& data_dir, bool overwrite);

// A name beside `out` for the file being written; rename it over `out` once complete.
std::filesystem::path partial_path_for(const std::filesystem::path& out);
void write_partial(const std::filesystem::path& partial, std::string_view bytes);
// Moves the finished partial file to `out`. Without `overwrite`, refuses if `out` appeared
// meanwhile. Removes the partial file on failure.
void publish_partial(const std::filesystem::path& partial, const std::filesystem::path& out, bool overwrite);

}  // namespace tftsr::docs
