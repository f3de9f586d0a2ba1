// tftsr scan FILE [--json] | tftsr redact FILE [-o OUT] [--keep TYPE]...
// Work on a file directly, with no database: nothing is stored and no passphrase is needed.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "app/cli/cli_support.h"
#include "core/error.h"
#include "core/logs/text_decoder.h"
#include "core/pii/detector.h"
#include "core/pii/redactor.h"

namespace tftsr::cli {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::Io, "reading " + path + " failed");
  return ss.str();
}

// Decodes the file; when the text is not the file's bytes as they are, says so on stderr, since
// offsets then count bytes of the decoded UTF-8 text.
std::string decoded_text(const std::string& path) {
  const std::string raw = read_file(path);
  logs::DecodedText decoded;
  try {
    decoded = logs::decode_log_bytes(raw);
  } catch (const Error& e) {
    throw Error(e.kind(), path + ": " + e.what());
  }
  const auto& info = decoded.info;
  if (info.encoding != "utf-8" || info.byte_order_mark || info.crlf_converted) {
    std::cerr << "note: " << path << " was decoded (" << info.encoding;
    for (const auto& n : info.notes) std::cerr << "; " << n;
    std::cerr << "): offsets count bytes of the decoded UTF-8 text\n";
  }
  return std::move(decoded.text);
}

// Shows the shape of a value without revealing it: "al****om", "******".
std::string masked(std::string_view value, pii::PiiType type) {
  if (type == pii::PiiType::PrivateKey) return "(PEM block, " + std::to_string(value.size()) + " bytes)";
  auto shown = [](char c) { return (c & 0x80) ? '*' : c; };
  if (value.size() < 10) return "******";
  std::string out;
  out += shown(value[0]);
  out += shown(value[1]);
  out += "****";
  out += shown(value[value.size() - 2]);
  out += shown(value[value.size() - 1]);
  return out;
}

void print_summary(const std::vector<pii::Finding>& findings) {
  std::map<std::string_view, std::size_t> per_type;
  for (const auto& f : findings) ++per_type[pii::pii_type_name(f.type)];
  for (const auto& [type, n] : per_type) std::cerr << type << ": " << n << "\n";
  std::cerr << findings.size() << (findings.size() == 1 ? " finding\n" : " findings\n");
}

void print_json_lines(const std::vector<pii::Finding>& findings) {
  std::string line;
  for (const auto& f : findings) {
    line = "{\"type\": " + nlohmann::json(pii::pii_type_name(f.type)).dump() + ", \"start\": " + std::to_string(f.start) +
           ", \"end\": " + std::to_string(f.end) + ", \"replacement\": " + nlohmann::json(f.replacement).dump() + "}\n";
    std::cout << line;
  }
}

void print_findings_table(std::string_view text, const std::vector<pii::Finding>& findings) {
  std::vector<std::vector<std::string>> rows;
  std::size_t line = 1, line_start = 0, pos = 0;
  for (const auto& f : findings) {
    for (; pos < f.start; ++pos) {
      if (text[pos] == '\n') {
        ++line;
        line_start = pos + 1;
      }
    }
    std::size_t column = 1;  // in characters, as an editor counts them
    for (std::size_t k = line_start; k < f.start; ++k) {
      if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
    }
    rows.push_back({std::to_string(line) + ":" + std::to_string(column), std::string(pii::pii_type_name(f.type)),
                    masked(text.substr(f.start, f.length()), f.type)});
  }
  print_table({"LINE:COL", "TYPE", "VALUE (MASKED)"}, rows);
}

pii::PiiTypeSet parse_types(const std::vector<std::string>& items) {
  pii::PiiTypeSet set;
  for (const auto& item : items) set |= pii::parse_type_list(item);
  return set;
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
        const auto enabled = pii::all_pii_types() & ~parse_types(*disable);
        const std::string text = decoded_text(*file);
        const pii::PiiDetector detector(pii::DetectorOptions{enabled});
        const auto findings = detector.scan(text);
        if (ctx.options.json) {
          print_json_lines(findings);
        } else {
          print_findings_table(text, findings);
        }
        print_summary(findings);
        return kOk;
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
        const auto kept = parse_types(*keep);
        if (!output->empty()) {
          std::error_code ec;
          if (std::filesystem::equivalent(*file, *output, ec))
            throw Error(ErrorKind::InvalidInput, "the output would overwrite the input file " + *file);
        }
        const std::string text = decoded_text(*file);
        const pii::PiiDetector detector;
        const auto findings = detector.scan(text);
        std::vector<bool> redact_flags(findings.size());
        for (std::size_t i = 0; i < findings.size(); ++i) redact_flags[i] = !pii::contains(kept, findings[i].type);
        const std::string redacted = pii::redact(text, findings, redact_flags);
        if (output->empty()) {
          std::cout << redacted;
        } else {
          std::ofstream out(*output, std::ios::binary | std::ios::trunc);
          if (!out) throw Error(ErrorKind::Io, "cannot write " + *output);
          out << redacted;
          out.close();
          if (!out) throw Error(ErrorKind::Io, "writing " + *output + " failed");
        }
        const auto redacted_count = static_cast<std::size_t>(std::count(redact_flags.begin(), redact_flags.end(), true));
        std::cerr << redacted_count << " of " << findings.size() << " findings redacted\n";
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
