#include "app/cli/cli_support.h"

#include <openssl/crypto.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/error.h"
#include "core/store/data_dir.h"

namespace tftsr::cli {

void add_common_options(CLI::App& cmd, CliContext& ctx) {
  cmd.add_option("--data-dir", ctx.options.data_dir, "Data directory (default: $TFTSR_DATA_DIR, $XDG_DATA_HOME/tftsr)");
  cmd.add_option("--key-file", ctx.options.key_file, "Read the passphrase from the first line of this file");
  cmd.add_flag("--json", ctx.options.json, "Print JSON for machines");
}

namespace {
std::string read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read the key file " + path);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw Error(ErrorKind::InvalidInput, "the key file " + path + " is empty");
  return line;
}

// Reads a line from the terminal with echo off; the passphrase never shows on screen.
std::string prompt_no_echo(const char* prompt) {
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (!tty) throw Error(ErrorKind::InvalidInput, "no terminal to ask for the passphrase");
  int fd = fileno(tty);
  termios old{};
  tcgetattr(fd, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(fd, TCSAFLUSH, &quiet);
  std::fputs(prompt, tty);
  std::fflush(tty);
  std::string line;
  for (int c; (c = std::fgetc(tty)) != EOF && c != '\n';) line += static_cast<char>(c);
  tcsetattr(fd, TCSAFLUSH, &old);
  std::fputs("\n", tty);
  std::fclose(tty);
  return line;
}

std::string acquire_passphrase(const CommonOptions& o, bool creating) {
  if (const char* k = std::getenv("TFTSR_DB_KEY"); k && *k) return k;
  if (!o.key_file.empty()) return read_key_file(o.key_file);
  if (!isatty(STDIN_FILENO))
    throw Error(ErrorKind::InvalidInput,
                "no passphrase: set TFTSR_DB_KEY, pass --key-file, or run on a terminal to be asked");
  if (!creating) return prompt_no_echo("Passphrase: ");
  std::string a = prompt_no_echo("New passphrase for the TFTSR database (it cannot be recovered): ");
  if (a.empty()) throw Error(ErrorKind::InvalidInput, "the passphrase must not be empty");
  std::string b = prompt_no_echo("Repeat the passphrase: ");
  const bool same = a == b;
  OPENSSL_cleanse(b.data(), b.size());
  if (!same) {
    OPENSSL_cleanse(a.data(), a.size());
    throw Error(ErrorKind::InvalidInput, "the two passphrases differ");
  }
  return a;
}
}  // namespace

std::unique_ptr<Triage> open_store(const CommonOptions& o) {
  std::filesystem::path dir = o.data_dir.empty() ? default_data_dir() : std::filesystem::path(o.data_dir);
  bool creating = !std::filesystem::exists(dir / kDatabaseFileName);
  std::string passphrase = acquire_passphrase(o, creating);
  // Our copy of the passphrase is wiped once the store is open (or failed to open).
  struct Wipe {
    std::string& s;
    ~Wipe() { OPENSSL_cleanse(s.data(), s.size()); }
  } wipe{passphrase};
  return Triage::open(dir, passphrase);
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << "\n"; }

namespace {
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;  // count code points, not bytes
  return n;
}

std::string one_line(const std::string& s, std::size_t max = 60) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (width == max) return out + "…";
      ++width;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : s[i];
  }
  return out;
}
}  // namespace

void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header);
  for (const auto& r : rows) {
    std::vector<std::string> line;
    for (const auto& c : r) line.push_back(one_line(c));
    cells.push_back(line);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& r : cells)
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
  for (const auto& r : cells) {
    std::string line;
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - display_width(r[i]) + 2, ' ');
    }
    std::cout << line << "\n";
  }
}

std::string or_dash(const std::optional<std::string>& s) { return s && !s->empty() ? *s : "-"; }

}  // namespace tftsr::cli
