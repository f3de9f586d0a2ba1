// The hardware probe on fake /proc and /sys trees and a fake nvidia-smi.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "core/ai/hardware_probe.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {

const char* kMeminfo =
    "MemTotal:       32768000 kB\n"
    "MemFree:         1024000 kB\n"
    "MemAvailable:   20480000 kB\n"
    "Buffers:          123456 kB\n";

// Two sockets of two cores with two threads each: 8 processors, 4 cores.
std::string cpuinfo() {
  std::string out;
  int n = 0;
  for (int socket = 0; socket < 2; ++socket)
    for (int core = 0; core < 2; ++core)
      for (int thread = 0; thread < 2; ++thread)
        out += "processor\t: " + std::to_string(n++) +
               "\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz\n"
               "physical id\t: " + std::to_string(socket) + "\ncore id\t\t: " + std::to_string(core) + "\n\n";
  return out;
}

struct FakeMachine {
  TempDir dir;
  ai::HardwareProbeRoots roots{dir / "proc", dir / "sys", ""};

  FakeMachine() {
    std::filesystem::create_directories(roots.proc);
    std::filesystem::create_directories(roots.sys / "class" / "drm");
  }
  void card(const std::string& name, const std::string& vendor, const std::string& device,
            const std::string& vram = {}, const std::string& product = {}) {
    const auto d = roots.sys / "class" / "drm" / name / "device";
    std::filesystem::create_directories(d);
    write_file(d / "vendor", vendor + "\n");
    write_file(d / "device", device + "\n");
    if (!vram.empty()) write_file(d / "mem_info_vram_total", vram + "\n");
    if (!product.empty()) write_file(d / "product_name", product + "\n");
  }
  // A script that prints `csv` as nvidia-smi would, and exits with `status`.
  void nvidia_smi(const std::string& csv, int status = 0) {
    const auto path = dir / "nvidia-smi";
    write_file(path, "#!/bin/sh\nprintf '" + csv + "'\nexit " + std::to_string(status) + "\n");
    ::chmod(path.c_str(), 0755);
    roots.nvidia_smi = path.string();
  }
};

}  // namespace

TEST_CASE("hardware: RAM, CPU model, threads and physical cores from /proc") {
  FakeMachine m;
  write_file(m.roots.proc / "meminfo", kMeminfo);
  write_file(m.roots.proc / "cpuinfo", cpuinfo());
  const ai::HardwareInfo hw = ai::probe_hardware(m.roots);
  CHECK(hw.ram_total_bytes == std::int64_t{32768000} * 1024);
  CHECK(hw.ram_available_bytes == std::int64_t{20480000} * 1024);
  CHECK(hw.cpu_model == "Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz");
  CHECK(hw.cpu_threads == 8);
  CHECK(hw.cpu_cores == 4);
  CHECK(hw.gpus.empty());
}

TEST_CASE("hardware: an ARM cpuinfo without model name or core ids still counts processors") {
  ai::HardwareInfo hw;
  ai::read_cpuinfo("processor\t: 0\nBogoMIPS\t: 108.00\n\nprocessor\t: 1\nBogoMIPS\t: 108.00\n\n"
                   "Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n",
                   hw);
  CHECK(hw.cpu_threads == 2);
  CHECK(hw.cpu_cores == 2);
  CHECK(hw.cpu_model == "BCM2835");
}

TEST_CASE("hardware: nothing readable is zeros and empties, never a failure") {
  FakeMachine m;
  std::filesystem::remove_all(m.roots.sys);
  write_file(m.roots.proc / "meminfo", "garbage\n\x01\x02 no colon\nMemTotal: lots kB\n");
  const ai::HardwareInfo hw = ai::probe_hardware(m.roots);
  CHECK(hw.ram_total_bytes == 0);
  CHECK(hw.cpu_model.empty());
  CHECK(hw.cpu_threads == 0);
  CHECK(hw.gpus.empty());
  CHECK(hw.largest_vram() == 0);
}

TEST_CASE("hardware: GPUs from /sys/class/drm: AMD with its VRAM, Intel without, connectors skipped") {
  FakeMachine m;
  m.card("card0", "0x8086", "0x9a49");
  m.card("card1", "0x1002", "0x73bf", "17163091968", "AMD Radeon RX 6800 XT");
  std::filesystem::create_directories(m.roots.sys / "class" / "drm" / "card1-DP-1" / "device");
  write_file(m.roots.sys / "class" / "drm" / "card1-DP-1" / "device" / "vendor", "0x1002\n");
  std::filesystem::create_directories(m.roots.sys / "class" / "drm" / "renderD128");
  const ai::HardwareInfo hw = ai::probe_hardware(m.roots);
  REQUIRE(hw.gpus.size() == 2);
  CHECK(hw.gpus[0].vendor == "Intel");
  CHECK(hw.gpus[0].name == "Intel GPU 0x9a49");
  CHECK(hw.gpus[0].vram_bytes == 0);
  CHECK(hw.gpus[1].vendor == "AMD");
  CHECK(hw.gpus[1].name == "AMD Radeon RX 6800 XT");
  CHECK(hw.gpus[1].vram_bytes == 17163091968);
  CHECK(hw.gpus[1].source == "sysfs");
  CHECK(hw.largest_vram() == 17163091968);
}

TEST_CASE("hardware: nvidia-smi, when installed, names NVIDIA GPUs and their VRAM instead of sysfs") {
  FakeMachine m;
  m.card("card0", "0x10de", "0x2786");
  m.nvidia_smi("NVIDIA GeForce RTX 4070, 12282\\nNVIDIA RTX A2000, 6138\\n");
  const ai::HardwareInfo hw = ai::probe_hardware(m.roots);
  REQUIRE(hw.gpus.size() == 2);
  CHECK(hw.gpus[0].name == "NVIDIA GeForce RTX 4070");
  CHECK(hw.gpus[0].vram_bytes == std::int64_t{12282} * 1024 * 1024);
  CHECK(hw.gpus[0].source == "nvidia-smi");
  CHECK(hw.gpus[1].name == "NVIDIA RTX A2000");
}

TEST_CASE("hardware: a failing or absent nvidia-smi leaves the sysfs view") {
  FakeMachine m;
  m.card("card0", "0x10de", "0x2786");
  m.nvidia_smi("NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.", 9);
  ai::HardwareInfo hw = ai::probe_hardware(m.roots);
  REQUIRE(hw.gpus.size() == 1);
  CHECK(hw.gpus[0].name == "NVIDIA GPU 0x2786");
  CHECK(hw.gpus[0].source == "sysfs");

  m.roots.nvidia_smi = "nvidia-smi-that-is-not-installed";
  hw = ai::probe_hardware(m.roots);
  CHECK(hw.gpus.size() == 1);
  m.roots.nvidia_smi = (m.dir / "missing" / "nvidia-smi").string();
  CHECK(ai::probe_hardware(m.roots).gpus.size() == 1);
}

TEST_CASE("hardware: nvidia-smi lines that do not parse are skipped") {
  const auto gpus = ai::read_nvidia_smi("\n, 1024\nTesla T4, 15360\nno comma here\n");
  REQUIRE(gpus.size() == 1);
  CHECK(gpus[0].name == "Tesla T4");
  CHECK(gpus[0].vram_bytes == std::int64_t{15360} << 20);
}

TEST_CASE("hardware: the probe of this machine reads its real /proc") {
  const ai::HardwareInfo hw = ai::probe_hardware();
  CHECK(hw.ram_total_bytes > 0);
  CHECK(hw.ram_total_bytes >= hw.ram_available_bytes);
  CHECK(hw.cpu_threads > 0);
  CHECK(hw.cpu_cores <= hw.cpu_threads);
}

TEST_CASE("hardware: bytes are printed as people read them") {
  CHECK(ai::format_bytes(2019393189) == "2.0 GB");
  CHECK(ai::format_bytes(17163091968) == "17.2 GB");
  CHECK(ai::format_bytes(734003200) == "734 MB");
  CHECK(ai::format_bytes(512) == "512 B");
}
