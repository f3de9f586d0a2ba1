#pragma once
// What the machine offers a local model: RAM (total and available, /proc/meminfo), the CPU's model
// and cores (/proc/cpuinfo), and GPUs with their VRAM where the kernel tells (/sys/class/drm: the
// PCI vendor id, AMD's mem_info_vram_total) or nvidia-smi does (run only when it is installed).
// Whatever cannot be read stays empty or 0: the probe never fails. The roots are parameters so
// that tests can feed fake /proc and /sys trees and a fake nvidia-smi.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::ai {

struct GpuInfo {
  std::string name;    // "NVIDIA GeForce RTX 4070", or "AMD GPU 0x73bf" when only ids are known
  std::string vendor;  // "NVIDIA", "AMD", "Intel", or the PCI vendor id
  std::int64_t vram_bytes = 0;  // 0 when unknown (or shared with the CPU, as on most Intel GPUs)
  std::string source;  // "nvidia-smi" or "sysfs"
};

struct HardwareInfo {
  std::int64_t ram_total_bytes = 0;      // 0 when /proc/meminfo could not be read
  std::int64_t ram_available_bytes = 0;
  std::string cpu_model;  // empty when unknown
  int cpu_threads = 0;    // logical processors
  int cpu_cores = 0;      // physical cores, when /proc/cpuinfo tells; else the threads
  std::vector<GpuInfo> gpus;
  // The most VRAM on one GPU (a model is loaded on one GPU at a time in the simple case).
  std::int64_t largest_vram() const;
};

struct HardwareProbeRoots {
  std::filesystem::path proc = "/proc";
  std::filesystem::path sys = "/sys";
  // The program asked for NVIDIA GPUs: a name looked up in PATH, or a path; empty: not run.
  std::string nvidia_smi = "nvidia-smi";
};

HardwareInfo probe_hardware(const HardwareProbeRoots& roots = {});

// The pieces, for tests.
void read_meminfo(std::string_view text, HardwareInfo& into);
void read_cpuinfo(std::string_view text, HardwareInfo& into);
// `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits` (MiB).
std::vector<GpuInfo> read_nvidia_smi(std::string_view text);

// "15.5 GB" (decimal gigabytes: what vendors and Ollama print).
std::string format_bytes(std::int64_t bytes);

}  // namespace tftsr::ai
