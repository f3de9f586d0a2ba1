#include "core/docs/export_target.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/crypto/random.h"
#include "core/crypto/sha256.h"
#include "core/error.h"

namespace tftsr::docs {

namespace fs = std::filesystem;

namespace {
bool is_inside(const fs::path& child, const fs::path& parent) {
  auto c = child.begin(), p = parent.begin();
  for (; p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;  // a trailing separator
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

fs::path folder_of(const fs::path& out) { return out.has_parent_path() ? out.parent_path() : fs::path("."); }
}  // namespace

void check_export_target(const fs::path& out, const fs::path& data_dir, bool overwrite) {
  if (out.empty()) throw Error(ErrorKind::InvalidInput, "no file name was given for the export");
  if (!out.has_filename()) throw Error(ErrorKind::InvalidInput, out.string() + " names a folder, not a file");
  const fs::path folder = folder_of(out);
  std::error_code ec;
  if (!fs::exists(folder, ec))
    throw Error(ErrorKind::Io, "the folder " + folder.string() + " does not exist; create it or choose another");
  if (!fs::is_directory(folder, ec)) throw Error(ErrorKind::Io, folder.string() + " is not a folder");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw Error(ErrorKind::Io, "the folder " + folder.string() + " is not writable (" + std::strerror(errno) + ")");
  if (fs::is_directory(out, ec)) throw Error(ErrorKind::InvalidInput, out.string() + " is a folder; give a file name");
  if (!data_dir.empty() && fs::exists(data_dir, ec)) {
    fs::path real_folder = fs::weakly_canonical(folder, ec);
    fs::path real_data = fs::weakly_canonical(data_dir, ec);
    if (!ec && is_inside(real_folder, real_data))
      throw Error(ErrorKind::InvalidInput,
                  "exports are not written inside the app's data folder (" + real_data.string() + "); choose another folder");
  }
  if (fs::exists(fs::symlink_status(out, ec)) && !overwrite)
    throw Error(ErrorKind::InvalidInput,
                out.string() + " already exists; choose another name or ask to overwrite it (--overwrite)");
}

fs::path partial_path_for(const fs::path& out) {
  fs::path p = out;
  p += "." + to_hex(reinterpret_cast<const std::uint8_t*>(random_bytes(4).data()), 4) + ".partial";
  return p;
}

void write_partial(const fs::path& partial, std::string_view bytes) {
  std::ofstream f(partial, std::ios::binary | std::ios::trunc);
  if (!f) throw Error(ErrorKind::Io, "could not write into the folder " + partial.parent_path().string() + ": " + std::strerror(errno));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw Error(ErrorKind::Io, "could not write " + partial.string() + " (disk full?)");
  }
}

void publish_partial(const fs::path& partial, const fs::path& out, bool overwrite) {
  std::error_code ec;
  if (overwrite) {
    fs::rename(partial, out, ec);
  } else {
    // link() fails if `out` exists: no file that appeared since the check is ever replaced.
    if (::link(partial.c_str(), out.c_str()) != 0) {
      int err = errno;
      fs::remove(partial, ec);
      if (err == EEXIST)
        throw Error(ErrorKind::InvalidInput, out.string() + " already exists; choose another name or ask to overwrite it");
      throw Error(ErrorKind::Io, "could not write " + out.string() + ": " + std::strerror(err));
    }
    fs::remove(partial, ec);
    return;
  }
  if (ec) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw Error(ErrorKind::Io, "could not write " + out.string() + ": " + ec.message());
  }
}

}  // namespace tftsr::docs
