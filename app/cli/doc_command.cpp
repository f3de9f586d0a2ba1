// tftsr doc generate|list|show|edit|export
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "app/cli/cli_support.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress_bar.h"
#include "core/error.h"

namespace tftsr::cli {

namespace {
// The row of `documents`, keys as its columns.
nlohmann::json document_json(const Document& d) {
  return {{"id", d.id},           {"issue_id", d.issue_id},     {"doc_type", d.doc_type},    {"title", d.title},
          {"content_md", d.content_md}, {"created_at", d.created_at}, {"updated_at", d.updated_at}};
}

std::string utc_text(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

void print_document(const Document& d, bool json) {
  if (json) return print_json(document_json(d));
  std::cout << d.content_md;
  if (!d.content_md.empty() && d.content_md.back() != '\n') std::cout << "\n";
}

std::string read_source(const std::string& file) {
  if (file == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot read " + file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(ErrorKind::Io, "cannot read " + file);
  return text;
}

Progress export_progress(bool json) {
  auto bar = std::make_shared<ProgressBar>(!json);
  Progress p;
  if (bar->shown()) p.report = [bar](double f, std::string_view note) { bar->update(f, note); };
  p.cancelled = interrupt_check();
  return p;
}
}  // namespace

void register_doc_commands(CLI::App& root, CliContext& ctx) {
  auto* doc = root.add_subcommand("doc", "Generate, edit and export the RCA and post-mortem of an incident");
  doc->require_subcommand(1);
  {
    auto* cmd = doc->add_subcommand("generate", "Generate a new version of the RCA or post-mortem and print it");
    auto id = std::make_shared<std::string>();
    auto type = std::make_shared<std::string>();
    cmd->add_option("INCIDENT", *id, "Incident id")->required();
    cmd->add_option("--type", *type, "rca or postmortem")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, type] {
      ctx.action = [&ctx, id, type] {
        print_document(open_store(ctx.options)->documents().generate(*id, *type), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = doc->add_subcommand("list", "List the documents of an incident, every version");
    auto id = std::make_shared<std::string>();
    cmd->add_option("INCIDENT", *id, "Incident id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        auto docs = open_store(ctx.options)->documents().list(*id);
        if (ctx.options.json) {
          nlohmann::json out = nlohmann::json::array();
          for (const auto& d : docs) out.push_back(document_json(d));
          print_json(out);
          return kOk;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& d : docs)
          rows.push_back({d.id, d.doc_type, std::to_string(d.version), d.title, utc_text(d.updated_at),
                          std::to_string(d.content_md.size())});
        print_table({"DOC ID", "TYPE", "VERSION", "TITLE", "UPDATED (UTC)", "BYTES"}, rows);
        return kOk;
      };
    });
  }
  {
    auto* cmd = doc->add_subcommand("show", "Print a document's Markdown");
    auto id = std::make_shared<std::string>();
    cmd->add_option("DOC_ID", *id, "Document id")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id] {
      ctx.action = [&ctx, id] {
        print_document(open_store(ctx.options)->documents().get(*id), ctx.options.json);
        return kOk;
      };
    });
  }
  {
    auto* cmd = doc->add_subcommand("edit", "Replace a document's Markdown with a file's (or stdin's, with -)");
    auto id = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    cmd->add_option("DOC_ID", *id, "Document id")->required();
    cmd->add_option("--file", *file, "Markdown file, or - for stdin")->required();
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, file] {
      ctx.action = [&ctx, id, file] {
        std::string text = read_source(*file);  // before the store opens: a bad file changes nothing
        Document d = open_store(ctx.options)->documents().save(*id, text);
        if (ctx.options.json) return print_json(document_json(d)), kOk;
        std::cout << "Saved " << d.id << " (" << d.content_md.size() << " bytes)\n";
        return kOk;
      };
    });
  }
  {
    auto* cmd = doc->add_subcommand("export", "Write a document to a Markdown, HTML or PDF file");
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto options = std::make_shared<ExportOptions>();
    cmd->add_option("DOC_ID", *id, "Document id")->required();
    cmd->add_option("--format", *format, "md, html or pdf")->required();
    cmd->add_option("-o,--output", *out, "File to write (never replaced unless --overwrite)")->required();
    cmd->add_flag("--with-images", options->with_images,
                  "Include the incident's reviewed images (redactions burned in); unreviewed ones are left out");
    cmd->add_flag("--overwrite", options->overwrite, "Replace the file if it exists");
    add_common_options(*cmd, ctx);
    cmd->callback([&ctx, id, format, out, options] {
      ctx.action = [&ctx, id, format, out, options] {
        options->format = DocumentService::parse_format(*format);
        auto store = open_store(ctx.options);
        ExportResult r = store->documents().export_to(*id, *out, *options, export_progress(ctx.options.json));
        for (const auto& name : r.skipped_images)
          std::cerr << "Left out the image " << name
                    << ": it has not been reviewed (check it, add redaction boxes, acknowledge the privacy warning)\n";
        if (ctx.options.json) {
          print_json({{"path", r.path.string()},
                      {"sha256", r.sha256},
                      {"bytes", r.bytes},
                      {"pages", r.pages},
                      {"images", r.included_images},
                      {"skipped_images", r.skipped_images}});
          return kOk;
        }
        std::cout << "Wrote " << r.path.string() << " (" << r.bytes << " bytes"
                  << (r.pages ? ", " + std::to_string(r.pages) + " pages" : std::string()) << ", SHA-256 " << r.sha256
                  << ")\n";
        return kOk;
      };
    });
  }
}

}  // namespace tftsr::cli
