// Recommendations follow the RAM table of the product brief, say why, and mark what is installed.
#include <doctest/doctest.h>

#include "core/ai/model_recommendation.h"

using namespace tftsr;

namespace {

constexpr std::int64_t kGiB = std::int64_t{1} << 30;

// A machine as the kernel reports one with `installed_gib` of RAM (a little less than installed).
ai::HardwareInfo machine(double installed_gib, std::int64_t vram = 0) {
  ai::HardwareInfo hw;
  hw.ram_total_bytes = static_cast<std::int64_t>(installed_gib * 0.97 * static_cast<double>(kGiB));
  hw.ram_available_bytes = hw.ram_total_bytes / 2;
  hw.cpu_model = "Test CPU";
  hw.cpu_threads = 8;
  hw.cpu_cores = 4;
  if (vram) hw.gpus.push_back({"NVIDIA GeForce RTX 4070", "NVIDIA", vram, "nvidia-smi"});
  return hw;
}

std::vector<std::string> names(const std::vector<ai::ModelRecommendation>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.name);
  return out;
}

}  // namespace

TEST_CASE("recommend: the best model for each RAM size follows the table") {
  struct Row {
    double gib;
    std::string best;
  };
  for (const Row& row : {Row{4, "llama3.2:1b"}, Row{8, "llama3.2:3b"}, Row{16, "llama3.1:8b"}, Row{24, "qwen2.5:14b"},
                         Row{32, "qwen2.5:14b"}, Row{64, "llama3.1:70b"}, Row{128, "llama3.1:70b"}}) {
    CAPTURE(row.gib);
    const auto list = ai::recommend_models(machine(row.gib));
    REQUIRE_FALSE(list.empty());
    CHECK(list.front().name == row.best);
    CHECK(list.front().best);
    for (std::size_t i = 1; i < list.size(); ++i) CHECK_FALSE(list[i].best);
  }
}

TEST_CASE("recommend: every smaller model fits too, largest first, never one that needs more RAM") {
  CHECK(names(ai::recommend_models(machine(16))) ==
        std::vector<std::string>{"llama3.1:8b", "llama3.2:3b", "llama3.2:1b"});
  CHECK(names(ai::recommend_models(machine(4))) == std::vector<std::string>{"llama3.2:1b"});
  CHECK(names(ai::recommend_models(machine(40))).size() == 4);  // no 70B under 48 GB
  CHECK(names(ai::recommend_models(machine(64))).size() == 5);
}

TEST_CASE("recommend: each reason is one sentence with the machine's RAM in it") {
  const auto hw = machine(16);
  for (const auto& r : ai::recommend_models(hw)) {
    CAPTURE(r.name);
    CHECK(r.reason.find(ai::format_bytes(hw.ram_total_bytes) + " of RAM") != std::string::npos);
    CHECK(r.reason.back() == '.');
    CHECK(r.reason.find(". ") == std::string::npos);
    CHECK(r.reason.find("runs on the CPU (4 cores)") != std::string::npos);
  }
  CHECK(ai::recommend_models(hw).front().reason.find("16–32 GB") != std::string::npos);
}

TEST_CASE("recommend: a GPU with room for the whole model is named in the reason, one without is not") {
  const auto list = ai::recommend_models(machine(32, std::int64_t{12282} << 20));
  REQUIRE(list.front().name == "qwen2.5:14b");
  CHECK(list.front().on_gpu);  // 9 GB of weights in 12.9 GB of VRAM
  CHECK(list.front().reason.find("12.9 GB of VRAM on the NVIDIA GeForce RTX 4070") != std::string::npos);
  const auto small = ai::recommend_models(machine(64, std::int64_t{6} << 30));
  CHECK_FALSE(small.front().on_gpu);  // 70B does not fit in 6 GB
  CHECK(small.front().reason.find("larger than the 6.4 GB of VRAM") != std::string::npos);
  CHECK(small.back().on_gpu);  // 1B does
}

TEST_CASE("recommend: installed models are marked") {
  std::vector<ai::OllamaModel> installed(2);
  installed[0].name = "llama3.2:3b";
  installed[1].name = "mistral:7b";
  const auto list = ai::recommend_models(machine(16), installed);
  REQUIRE(list.size() == 3);
  CHECK_FALSE(list[0].installed);
  CHECK(list[1].installed);
  CHECK_FALSE(list[2].installed);
}

TEST_CASE("recommend: RAM that could not be read offers only the smallest model and says why") {
  const auto list = ai::recommend_models(ai::HardwareInfo{});
  REQUIRE(list.size() == 1);
  CHECK(list[0].name == "llama3.2:1b");
  CHECK(list[0].reason.find("could not be read") != std::string::npos);
}

TEST_CASE("recommend: a very small machine gets the smallest model with a warning") {
  const auto list = ai::recommend_models(machine(2));
  REQUIRE(list.size() == 1);
  CHECK(list[0].reason.find("tight") != std::string::npos);
}
