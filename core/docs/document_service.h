#pragma once
// The RCA and post-mortem of an incident: generated offline from its facts (every generation is
// a new version; older ones stay), edited as Markdown, exported to Markdown, HTML or PDF. A
// generation adds a timeline event; an export is audited with the SHA-256 of the file written.
#include <filesystem>
#include <string>
#include <vector>

#include "core/model/document.h"
#include "core/progress.h"

namespace tftsr {

struct ServiceContext;

class DocumentService {
 public:
  DocumentService(ServiceContext& ctx, std::filesystem::path data_dir) : ctx_(ctx), data_dir_(std::move(data_dir)) {}

  // doc_type: "rca" or "postmortem".
  Document generate(const std::string& incident_id, const std::string& doc_type);
  std::vector<Document> list(const std::string& incident_id);  // every version, oldest first
  Document get(const std::string& doc_id);
  // Replaces the text (an edit, or the editor's autosave); refuses text that is not UTF-8 or is
  // over kMaxDocumentBytes. Returns the stored document with its new updated_at.
  Document save(const std::string& doc_id, const std::string& content_md);
  // Writes the stored text to `out` (see core/docs/export_target.h for what is refused).
  ExportResult export_to(const std::string& doc_id, const std::filesystem::path& out, const ExportOptions& options,
                         const Progress& progress = {});

  // A file name for the export dialog: the title with the characters file systems refuse replaced.
  static std::string suggested_file_name(const Document& doc, ExportFormat format);
  static ExportFormat parse_format(const std::string& name);  // md | html | pdf
  static constexpr std::size_t kMaxDocumentBytes = 32u << 20;

 private:
  ServiceContext& ctx_;
  std::filesystem::path data_dir_;
};

}  // namespace tftsr
