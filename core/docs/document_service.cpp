#include "core/docs/document_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "core/crypto/base64.h"
#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/docs/document_generator.h"
#include "core/docs/document_repository.h"
#include "core/docs/export_target.h"
#include "core/docs/html_writer.h"
#include "core/docs/incident_facts.h"
#include "core/docs/pdf_writer.h"
#include "core/domains.h"
#include "core/error.h"
#include "core/images/image_library.h"
#include "core/journal/journal.h"
#include "core/service_context.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
std::string checked_type(const std::string& t) {
  for (const char* known : kDocTypes)
    if (t == known) return t;
  throw Error(ErrorKind::InvalidInput, "unknown document type \"" + t + "\" (use rca or postmortem)");
}

std::string type_name(const std::string& t) { return t == "rca" ? "RCA" : "Post-mortem"; }

// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : 0;
    if (n == 0 || i + n >= s.size()) return false;
    unsigned cp = c & (0x3Fu >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += n + 1;
  }
  return true;
}

const char* format_name(ExportFormat f) {
  switch (f) {
    case ExportFormat::Markdown: return "md";
    case ExportFormat::Html: return "html";
    case ExportFormat::Pdf: return "pdf";
  }
  return "md";
}
}  // namespace

Document DocumentService::generate(const std::string& incident_id, const std::string& doc_type) {
  const std::string type = checked_type(doc_type);
  ServiceLock lock(ctx_.mutex);
  docs::IncidentFacts facts = docs::read_incident_facts(ctx_.db, incident_id);
  if (facts.incident.category)
    if (auto d = find_domain(*facts.incident.category)) facts.domain_name = std::string(d->name);
  const std::string now = utc_now_text();
  Document d;
  d.id = uuid_v7();
  d.issue_id = incident_id;
  d.doc_type = type;
  d.title = docs::document_title(type, facts.incident.title);
  d.content_md = type == "rca" ? docs::generate_rca(facts, now) : docs::generate_postmortem(facts, now);
  d.created_at = d.updated_at = unix_millis_now();
  Transaction tx(ctx_.db);
  DocumentRepository repo(ctx_.db);
  repo.insert(d);
  d = repo.get(d.id);  // with its version number
  nlohmann::json details = {{"document_id", d.id}, {"doc_type", type}, {"version", d.version}};
  ctx_.journal.event(incident_id, "document_generated",
                     type_name(type) + " generated (version " + std::to_string(d.version) + ")", details.dump());
  tx.commit();
  return d;
}

std::vector<Document> DocumentService::list(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) {
    auto docs_of = DocumentRepository(db).for_issue(incident_id);
    if (docs_of.empty()) docs::read_incident_facts(db, incident_id);  // NotFound for an unknown incident
    return docs_of;
  });
}

// On the writer: publishing reads the document through here and must send the save just before.
Document DocumentService::get(const std::string& doc_id) {
  ServiceLock lock(ctx_.mutex);
  return DocumentRepository(ctx_.db).get(doc_id);
}

Document DocumentService::save(const std::string& doc_id, const std::string& content_md) {
  if (content_md.size() > kMaxDocumentBytes)
    throw Error(ErrorKind::InvalidInput, "the document is too large (" + std::to_string(content_md.size() >> 20) +
                                             " MiB; at most " + std::to_string(kMaxDocumentBytes >> 20) + " MiB)");
  if (!valid_utf8(content_md))
    throw Error(ErrorKind::InvalidInput, "the document text is not valid UTF-8; save it as UTF-8 and try again");
  ServiceLock lock(ctx_.mutex);
  DocumentRepository repo(ctx_.db);
  Document before = repo.get(doc_id);
  // Milliseconds can repeat within one: updated_at never goes backwards or stays put on a change.
  std::int64_t now = std::max(unix_millis_now(), before.updated_at + 1);
  Transaction tx(ctx_.db);
  repo.update_content(doc_id, content_md, now);
  tx.commit();
  return repo.get(doc_id);
}

ExportResult DocumentService::export_to(const std::string& doc_id, const std::filesystem::path& out,
                                        const ExportOptions& options, const Progress& progress) {
  docs::check_export_target(out, data_dir_, options.overwrite);
  Document doc;
  std::vector<docs::EmbeddedImage> images;
  ExportResult result;
  {
    ServiceLock lock(ctx_.mutex);
    doc = DocumentRepository(ctx_.db).get(doc_id);
    if (options.with_images) {
      ImageLibrary library(ctx_.db);
      for (const auto& im : library.list(doc.issue_id)) {
        // The gate's rule: only a reviewed image leaves, and only its burned-in rendition.
        if (!im.pii_warning_acknowledged) {
          result.skipped_images.push_back(im.file_name);
          continue;
        }
        images.push_back({im.file_name, library.png_for_sending(im.id)});
        result.included_images.push_back(im.file_name);
      }
    }
  }

  const std::filesystem::path partial = docs::partial_path_for(out);
  try {
    switch (options.format) {
      case ExportFormat::Markdown: {
        std::string text = doc.content_md;
        if (!images.empty()) {
          text += "\n\n## Images\n";
          for (const auto& im : images)
            text += "\n![" + docs::html_escape(im.file_name) + "](data:image/png;base64," + base64_encode(im.png) + ")\n";
        }
        docs::write_partial(partial, text);
        break;
      }
      case ExportFormat::Html: docs::write_partial(partial, docs::html_page(doc.title, doc.content_md, images)); break;
      case ExportFormat::Pdf: result.pages = docs::write_pdf(partial, doc.title, doc.content_md, images, progress); break;
    }
    docs::publish_partial(partial, out, options.overwrite);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }

  result.path = out;
  result.sha256 = sha256_file_hex(out);
  result.bytes = static_cast<std::int64_t>(std::filesystem::file_size(out));
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  nlohmann::json details = {{"format", format_name(options.format)},
                            {"file", out.filename().string()},
                            {"sha256", result.sha256},
                            {"bytes", result.bytes},
                            {"doc_type", doc.doc_type},
                            {"images", result.included_images},
                            {"skipped_images", result.skipped_images}};
  if (options.format == ExportFormat::Pdf) details["pages"] = result.pages;
  ctx_.journal.audit("document_export", "document", doc.id, details.dump());
  ctx_.journal.event(doc.issue_id, "document_exported",
                     type_name(doc.doc_type) + " exported: " + out.filename().string());
  tx.commit();
  return result;
}

std::string DocumentService::suggested_file_name(const Document& doc, ExportFormat format) {
  std::string name;
  for (char c : doc.title) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' || u < 0x20)
      name += '_';
    else
      name += c;
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(name.begin());
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
  if (name.size() > 120) name.resize(120);
  while (!valid_utf8(name)) name.pop_back();  // the cut may split a character
  if (name.empty()) name = doc.doc_type;
  return name + "." + format_name(format);
}

ExportFormat DocumentService::parse_format(const std::string& name) {
  if (name == "md" || name == "markdown") return ExportFormat::Markdown;
  if (name == "html") return ExportFormat::Html;
  if (name == "pdf") return ExportFormat::Pdf;
  throw Error(ErrorKind::InvalidInput, "unknown export format \"" + name + "\" (use md, html or pdf)");
}

}  // namespace tftsr
