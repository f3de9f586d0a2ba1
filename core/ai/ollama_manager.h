#pragma once
// Local models through Ollama's management API: is it running and which version
// (GET /api/version), the installed models (GET /api/tags), pulling one with live progress
// (POST /api/pull, an NDJSON stream of {status, digest, total, completed} ending with
// {"status":"success"}; an {"error": ...} line is a failure), and deleting one
// (DELETE /api/delete). Every request leaves through the outbound gate like any other: the
// bodies carry only a model name (sent as typed text, so the gate scans it too) and each request
// is audited ("ollama_status", "ollama_models", "ollama_pull", "ollama_delete").
//
// Connect timeouts are short and nothing is retried, so a machine without Ollama gets its answer
// ("not running, here is how to install it") at once. Calls block: run them on a worker.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ai/ai_service.h"

namespace tftsr::net {
class OutboundGate;
}

namespace tftsr::ai {

inline constexpr std::string_view kDefaultOllamaUrl = "http://localhost:11434";
inline constexpr std::string_view kOllamaDownloadUrl = "https://ollama.com/download";
inline constexpr std::string_view kOllamaInstallCommand = "curl -fsSL https://ollama.com/install.sh | sh";

// Where Ollama is: the URL of the configured Ollama provider (the active one first), else
// http://localhost:11434.
std::string ollama_url(const std::vector<ProviderSummary>& providers);

// How to install Ollama, in one sentence.
std::string ollama_install_hint();

struct OllamaStatus {
  bool running = false;
  std::string url;
  std::string version;  // when running
  std::string message;  // "Ollama 0.5.7 is running at localhost:11434", or why not
  std::string install_hint;  // when nothing answers: ollama_install_hint()
};

struct OllamaModel {
  std::string name;  // "llama3.2:3b"
  std::int64_t size = 0;  // bytes on disk
  std::string family;          // "llama"
  std::string parameter_size;  // "3.2B"
  std::string quantization;    // "Q4_K_M"
  std::string modified_at;     // as Ollama reports it (RFC 3339)
  std::string digest;
};

struct PullProgress {
  std::string status;  // "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest", "success"
  std::string digest;
  std::int64_t total = 0;      // bytes of the layer being downloaded, 0 when unknown
  std::int64_t completed = 0;
  // completed / total, or -1 when the line says nothing about bytes.
  double fraction() const { return total > 0 ? static_cast<double>(completed) / static_cast<double>(total) : -1.0; }
};

// Called once per progress line; returning false cancels the pull.
using PullCallback = std::function<bool(const PullProgress& progress)>;
// Polled while a request waits for bytes; true cancels.
using CancelCheck = std::function<bool()>;

class OllamaManager {
 public:
  // `service` names Ollama in the audit (the provider's name, or "Ollama").
  OllamaManager(net::OutboundGate& gate, std::string url, std::string service = "Ollama");

  const std::string& url() const { return url_; }

  // Never throws for a network failure: an Ollama that is not there is an answer, not an error.
  OllamaStatus status(const CancelCheck& cancelled = {}) const;
  // Throws Error(Network) with the install hint when Ollama is not running, and
  // NetworkError(UnexpectedContent) when something else answers (an HTML page).
  std::vector<OllamaModel> models(const CancelCheck& cancelled = {}) const;
  // Returns once Ollama reports success. Throws Error(Cancelled) when `progress` returns false or
  // `cancelled` is raised, Error(Network) for an {"error": ...} line, a connection closed before
  // "success", or an answer that is not Ollama's.
  void pull(const std::string& model, const PullCallback& progress, const CancelCheck& cancelled = {}) const;
  // Throws Error(NotFound, "model not found: NAME") when Ollama has no such model.
  void remove(const std::string& model, const CancelCheck& cancelled = {}) const;

 private:
  net::OutboundGate& gate_;
  std::string url_;
  std::string service_;
};

}  // namespace tftsr::ai
