#include "core/ai/model_recommendation.h"

#include <array>

namespace tftsr::ai {

namespace {

constexpr std::int64_t kGB = 1'000'000'000;

const std::array<CatalogModel, 5> kCatalog{{
    {"llama3.2:1b", "1B", 0, 8 * kGB, 1'300'000'000},
    {"llama3.2:3b", "3B", 8 * kGB, 16 * kGB, 2'000'000'000},
    {"llama3.1:8b", "8B", 16 * kGB, 32 * kGB, 4'900'000'000},
    {"qwen2.5:14b", "14B", 24 * kGB, 40 * kGB, 9'000'000'000},
    {"llama3.1:70b", "70B", 48 * kGB, 0, 43'000'000'000},
}};

// The kernel reports a little less than what is installed (firmware and kernel keep some), so a
// "16 GB" machine shows about 15.5 GB: bounds are met within 5 %.
bool has_at_least(std::int64_t ram, std::int64_t bound) { return ram + ram / 20 >= bound; }

std::string gb(std::int64_t bytes) { return std::to_string((bytes + kGB / 2) / kGB) + " GB"; }

std::string range(const CatalogModel& m) {
  if (m.min_ram_bytes == 0) return "under " + gb(m.max_ram_bytes);
  if (m.max_ram_bytes == 0) return gb(m.min_ram_bytes) + " or more";
  return std::to_string(m.min_ram_bytes / kGB) + "–" + gb(m.max_ram_bytes);
}

bool is_installed(const std::string& name, const std::vector<OllamaModel>& installed) {
  for (const auto& m : installed)
    if (m.name == name) return true;
  return false;
}

// Where it runs, as the end of the reason.
std::string placement(const HardwareInfo& hw, const CatalogModel& m, bool& on_gpu) {
  const GpuInfo* gpu = nullptr;
  for (const auto& g : hw.gpus)
    if (!gpu || g.vram_bytes > gpu->vram_bytes) gpu = &g;
  // The weights plus some room for the context.
  on_gpu = gpu && gpu->vram_bytes > 0 && gpu->vram_bytes >= m.download_bytes + m.download_bytes / 5;
  if (on_gpu)
    return "; the " + format_bytes(gpu->vram_bytes) + " of VRAM on the " + gpu->name +
           " holds it whole, so it runs on the GPU.";
  const std::string cores = hw.cpu_cores > 0 ? " (" + std::to_string(hw.cpu_cores) + " cores)" : std::string();
  if (gpu && gpu->vram_bytes > 0)
    return "; it is larger than the " + format_bytes(gpu->vram_bytes) + " of VRAM, so it runs mostly on the CPU" +
           cores + ".";
  return "; it runs on the CPU" + cores + ".";
}

}  // namespace

std::span<const CatalogModel> model_catalog() { return kCatalog; }

std::vector<ModelRecommendation> recommend_models(const HardwareInfo& hw, const std::vector<OllamaModel>& installed) {
  std::vector<ModelRecommendation> out;
  const std::int64_t ram = hw.ram_total_bytes;
  if (ram <= 0) {
    const CatalogModel& m = kCatalog.front();
    ModelRecommendation r{m.name, m.parameters, m.download_bytes, true, false, is_installed(m.name, installed), {}};
    r.reason = "The RAM of this machine could not be read, so only the smallest model is offered: " + m.name + " (a " +
               format_bytes(m.download_bytes) + " download) runs almost anywhere.";
    out.push_back(std::move(r));
    return out;
  }
  const std::string have = format_bytes(ram) + " of RAM";
  for (auto it = kCatalog.rbegin(); it != kCatalog.rend(); ++it) {
    const CatalogModel& m = *it;
    if (m.min_ram_bytes > 0 && !has_at_least(ram, m.min_ram_bytes)) continue;
    ModelRecommendation r{m.name, m.parameters, m.download_bytes, out.empty(), false, is_installed(m.name, installed), {}};
    const std::string where = placement(hw, m, r.on_gpu);
    const std::string download = " (a " + format_bytes(m.download_bytes) + " download)";
    if (r.best && m.min_ram_bytes == 0 && ram < 4 * kGB)
      r.reason = "This machine has only " + have + ", under the " + gb(m.max_ram_bytes) + " the next size needs; " +
                 m.name + download + " is the one that fits, though it will be tight" + where;
    else if (r.best)
      r.reason = "This machine has " + have + ", which the table puts in the range " + range(m) + " for " + m.name +
                 download + where;
    else if (m.min_ram_bytes == 0)
      r.reason = "The smallest model" + download + " answers fastest and leaves most of the " + have + " free" + where;
    else
      r.reason = have + " is more than the " + gb(m.min_ram_bytes) + " " + m.name + download +
                 " needs, for faster answers with RAM to spare" + where;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tftsr::ai
