#include "core/store/data_dir.h"

#include <cstdlib>
#include <system_error>

#include "core/error.h"

namespace tftsr {

namespace {
const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}
}  // namespace

std::filesystem::path default_data_dir() {
  if (const char* d = env("TFTSR_DATA_DIR")) return d;
  if (const char* x = env("XDG_DATA_HOME")) return std::filesystem::path(x) / "tftsr";
  if (const char* h = env("HOME")) return std::filesystem::path(h) / ".local" / "share" / "tftsr";
  throw Error(ErrorKind::InvalidInput, "cannot find a data directory: set TFTSR_DATA_DIR or HOME");
}

void ensure_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  // An existing directory is the user's choice: its mode is left alone.
  if (std::filesystem::is_directory(dir, ec)) return;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::Io, "cannot create the data directory " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  if (ec) throw Error(ErrorKind::Io, "cannot restrict the data directory " + dir.string() + ": " + ec.message());
}

}  // namespace tftsr
