// tftsr scan FILE [--json] | tftsr redact FILE [-o OUT] [--keep TYPE]...
// Work on a file directly, with no database: nothing is stored and no passphrase is needed.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "app/cli/cli_support.h"
#include "app/cli/progress_bar.h"
#include "core/error.h"
#include "core/logs/file_text_reader.h"
#include "core/logs/log_scan_pipeline.h"
#include "core/logs/streaming_redaction.h"
#include "core/pii/detector.h"

namespace tftsr::cli {

namespace {

// When the text is not the file's bytes as they are, says so on stderr, since offsets then count
// bytes of the decoded UTF-8 text.
void note_decoding(const std::string& path, const logs::DecodeInfo& info) {
  if (info.encoding != "utf-8" || info.byte_order_mark || info.crlf_converted) {
    std::cerr << "note: " << path << " was decoded (" << info.encoding;
    for (const auto& n : info.notes) std::cerr << "; " << n;
    std::cerr << "): offsets count bytes of the decoded UTF-8 text\n";
  }
}

// Reads the file as the scan pipeline wants it, moving the bar as it goes.
logs::TextReader file_reader(logs::FileTextReader& file, ProgressBar& bar, std::string_view note) {
  return [&file, &bar, note](std::string& out) {
    const bool more = file.read(out);
    bar.update(file.fraction(), note);
    return more;
  };
}

// Shows the shape of a value without revealing it: "al****om", "******".
std::string masked(std::string_view value, pii::PiiType type) {
  if (type == pii::PiiType::PrivateKey) return "(PEM block, " + std::to_string(value.size()) + " bytes)";
  auto shown = [](char c) { return (c & 0x80) || c == '\n' || c == '\r' || c == '\t' ? '*' : c; };
  if (value.size() < 10) return "******";
  std::string out;
  out += shown(value[0]);
  out += shown(value[1]);
  out += "****";
  out += shown(value[value.size() - 2]);
  out += shown(value[value.size() - 1]);
  return out;
}

class FindingCounts {
 public:
  void add(const pii::Finding& f) {
    ++per_type_[pii::pii_type_name(f.type)];
    ++total_;
  }
  void print() const {
    for (const auto& [type, n] : per_type_) std::cerr << type << ": " << n << "\n";
    std::cerr << total_ << (total_ == 1 ? " finding\n" : " findings\n");
  }

 private:
  std::map<std::string_view, std::size_t> per_type_;
  std::size_t total_ = 0;
};

// One object per finding per line. Written by hand: with hundreds of thousands of findings per
// second, building a JSON value for each was a tenth of the command's time. Type names are
// identifiers and replacements are "[Type]" (default_replacement), so neither needs escaping;
// a replacement that did would still be dumped properly.
void print_json_lines(const std::vector<pii::Finding>& findings, std::string& out) {
  char number[24];
  auto append_number = [&](std::uint64_t n) {
    const auto r = std::to_chars(number, number + sizeof number, n);
    out.append(number, r.ptr);
  };
  for (const auto& f : findings) {
    out += "{\"type\": \"";
    out += pii::pii_type_name(f.type);
    out += "\", \"start\": ";
    append_number(f.start);
    out += ", \"end\": ";
    append_number(f.end);
    out += ", \"replacement\": ";
    const bool plain = std::all_of(f.replacement.begin(), f.replacement.end(), [](char c) {
      return c >= 0x20 && c != '"' && c != '\\' && static_cast<unsigned char>(c) < 0x80;
    });
    if (plain) {
      out += '"';
      out += f.replacement;
      out += '"';
    } else {
      out += nlohmann::json(f.replacement).dump();
    }
    out += "}\n";
  }
}

// The findings table, printed as the chunks come: the columns have fixed widths (the whole
// table is never held), LINE:COL counted across chunks.
class FindingsTable {
 public:
  FindingsTable() {
    for (std::size_t k = 0; k < pii::kPiiTypeCount; ++k)
      type_width_ = std::max(type_width_, pii::pii_type_name(static_cast<pii::PiiType>(k)).size());
    row("LINE:COL", "TYPE", "VALUE (MASKED)");
  }

  void add(const logs::ScannedChunk& scanned) {
    const auto& chunk = scanned.chunk;
    const std::string_view text = chunk.text;
    // Lines are never split across chunks, so a finding's line starts inside its chunk.
    std::size_t pos = chunk.owned_begin, line_start = chunk.owned_begin;
    for (const auto& f : scanned.findings) {
      const std::size_t start = static_cast<std::size_t>(f.start - chunk.offset);
      for (const char* p; (p = static_cast<const char*>(std::memchr(text.data() + pos, '\n', start - pos)));) {
        ++line_;
        pos = static_cast<std::size_t>(p - text.data()) + 1;
        line_start = pos;
      }
      pos = start;
      std::size_t column = 1;  // in characters, as an editor counts them
      for (std::size_t k = line_start; k < start; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
      row(std::to_string(line_) + ":" + std::to_string(column), pii::pii_type_name(f.type),
          masked(text.substr(start, static_cast<std::size_t>(f.end - f.start)), f.type));
    }
    // The lines after the last finding.
    const std::string_view rest = text.substr(pos, chunk.owned_end - pos);
    line_ += static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n'));
    std::cout << out_;
    out_.clear();
  }

 private:
  void row(std::string_view where, std::string_view type, std::string_view value) {
    out_.append(where);
    out_.append(where.size() < kWhereWidth ? kWhereWidth - where.size() : 1, ' ');
    out_.append(type);
    out_.append(type_width_ + 2 - type.size(), ' ');
    out_.append(value);
    out_ += '\n';
  }

  static constexpr std::size_t kWhereWidth = 14;
  std::size_t type_width_ = 4;
  std::size_t line_ = 1;
  std::string out_;
};

pii::PiiTypeSet parse_types(const std::vector<std::string>& items) {
  pii::PiiTypeSet set;
  for (const auto& item : items) set |= pii::parse_type_list(item);
  return set;
}

int scan_file(const std::string& path, const pii::PiiTypeSet& enabled, bool json) {
  const pii::PiiDetector detector(pii::DetectorOptions{enabled});
  logs::FileTextReader file(path);
  ProgressBar bar(!json);
  FindingCounts counts;
  std::optional<FindingsTable> table;
  if (!json) table.emplace();
  std::string out;
  logs::scan_text_stream(detector, file_reader(file, bar, "scanning"), [&](logs::ScannedChunk& scanned) {
    for (const auto& f : scanned.findings) counts.add(f);
    bar.clear();
    if (table) {
      table->add(scanned);
    } else {
      print_json_lines(scanned.findings, out);
      std::cout << out;
      out.clear();
    }
  });
  bar.clear();
  std::cout.flush();
  note_decoding(path, file.info());
  counts.print();
  return kOk;
}

int redact_file(const std::string& path, const std::string& output, const pii::PiiTypeSet& kept) {
  if (!output.empty()) {
    std::error_code ec;
    if (std::filesystem::equivalent(path, output, ec))
      throw Error(ErrorKind::InvalidInput, "the output would overwrite the input file " + path);
  }
  const pii::PiiDetector detector;
  logs::FileTextReader file(path);
  std::ofstream out_file;
  if (!output.empty()) {
    out_file.open(output, std::ios::binary | std::ios::trunc);
    if (!out_file) throw Error(ErrorKind::Io, "cannot write " + output);
  }
  std::ostream& out = output.empty() ? std::cout : out_file;
  ProgressBar bar(true);
  logs::StreamingRedactor redactor;
  std::size_t total = 0, redacted = 0;
  std::string piece;
  logs::scan_text_stream(detector, file_reader(file, bar, "redacting"), [&](logs::ScannedChunk& scanned) {
    for (const auto& f : scanned.findings) {
      const bool redact = !pii::contains(kept, f.type);
      redactor.add(f, redact);
      ++total;
      redacted += redact;
    }
    piece.clear();
    redactor.feed(scanned.chunk.owned_text(), piece);
    if (!out.write(piece.data(), static_cast<std::streamsize>(piece.size())))
      throw Error(ErrorKind::Io, "writing " + (output.empty() ? std::string("the output") : output) + " failed");
  });
  redactor.finish();
  bar.clear();
  out.flush();
  if (!output.empty()) {
    out_file.close();
    if (!out_file) throw Error(ErrorKind::Io, "writing " + output + " failed");
  }
  note_decoding(path, file.info());
  std::cerr << redacted << " of " << total << " findings redacted\n";
  return kOk;
}

}  // namespace

void register_scan_commands(CLI::App& root, CliContext& ctx) {
  {
    auto* cmd = root.add_subcommand("scan", "Find PII and secrets in a file (nothing is stored)");
    auto file = std::make_shared<std::string>();
    auto disable = std::make_shared<std::vector<std::string>>();
    cmd->add_option("FILE", *file, "Log file (text, UTF-16, Latin-1 or .gz)")->required();
    cmd->add_option("--disable", *disable, "Do not look for this type (repeatable, or comma-separated)");
    cmd->add_flag("--json", ctx.options.json, "One JSON object per finding per line, byte offsets into the text");
    cmd->callback([&ctx, file, disable] {
      ctx.action = [&ctx, file, disable] {
        return scan_file(*file, pii::all_pii_types() & ~parse_types(*disable), ctx.options.json);
      };
    });
  }
  {
    auto* cmd = root.add_subcommand("redact", "Write a file with its PII and secrets replaced by [Type] (nothing is stored)");
    auto file = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto keep = std::make_shared<std::vector<std::string>>();
    cmd->add_option("FILE", *file, "Log file (text, UTF-16, Latin-1 or .gz)")->required();
    cmd->add_option("-o,--output", *output, "Write here instead of standard output");
    cmd->add_option("--keep", *keep, "Keep every finding of this type (repeatable), e.g. --keep Ipv4");
    cmd->callback([file, output, keep, &ctx] {
      ctx.action = [file, output, keep] {
        return redact_file(*file, *output, parse_types(*keep));
      };
    });
  }
}

}  // namespace tftsr::cli
