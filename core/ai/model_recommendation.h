#pragma once
// Which local models fit this machine, from its RAM (the table of the product brief: under 8 GB
// llama3.2:1b, 8–16 GB llama3.2:3b, 16–32 GB llama3.1:8b, 24–40 GB qwen2.5:14b, 48 GB+
// llama3.1:70b) and, when a GPU has enough VRAM to hold the model whole, a note that it runs
// there. Each recommendation says in one sentence why it fits, with the machine's numbers.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ai/hardware_probe.h"
#include "core/ai/ollama_manager.h"

namespace tftsr::ai {

struct CatalogModel {
  std::string name;             // as `ollama pull` takes it
  std::string parameters;       // "3B"
  std::int64_t min_ram_bytes;   // the table's lower bound
  std::int64_t max_ram_bytes;   // its upper bound (0: none), where a bigger model serves better
  std::int64_t download_bytes;  // the Q4 download Ollama's library lists: also about the VRAM it takes
};

// The table, smallest model first.
std::span<const CatalogModel> model_catalog();

struct ModelRecommendation {
  std::string name;
  std::string parameters;
  std::int64_t download_bytes = 0;
  bool best = false;       // the largest model the RAM allows: the table's pick for this machine
  bool on_gpu = false;     // a GPU's VRAM holds it whole
  bool installed = false;  // already in Ollama's list
  std::string reason;      // one sentence, with the RAM / VRAM figures
};

// The models that fit, the best first; the smallest model is always offered (with a warning in
// its reason when even it is tight, or when the RAM could not be read).
std::vector<ModelRecommendation> recommend_models(const HardwareInfo& hardware,
                                                  const std::vector<OllamaModel>& installed = {});

}  // namespace tftsr::ai
