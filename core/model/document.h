#pragma once
// Written deliverables of an incident (the seed's `documents` table) and how they leave the app.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tftsr {

inline constexpr const char* kDocTypes[] = {"rca", "postmortem"};

// A row of `documents`. Every generation adds a row: older rows are the earlier versions.
struct Document {
  std::string id;
  std::string issue_id;
  std::string doc_type;  // rca | postmortem
  std::string title;     // as typed, not escaped
  std::string content_md;
  std::int64_t created_at = 0;  // Unix milliseconds
  std::int64_t updated_at = 0;  // Unix milliseconds; changes with every edit
  int version = 0;              // 1 for the first of its type in the incident (not a column)
};

enum class ExportFormat { Markdown, Html, Pdf };

struct ExportOptions {
  ExportFormat format = ExportFormat::Markdown;
  bool with_images = false;  // the incident's reviewed images, redactions burned in
  bool overwrite = false;    // replace an existing file instead of refusing
};

struct ExportResult {
  std::filesystem::path path;
  std::string sha256;  // of the file written
  std::int64_t bytes = 0;
  int pages = 0;  // PDF only
  std::vector<std::string> included_images;  // file names
  std::vector<std::string> skipped_images;    // file names of images not reviewed yet
};

}  // namespace tftsr
