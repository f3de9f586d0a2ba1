#pragma once
// The benchmarks' view of this process's resident memory (VmRSS of /proc/self/status), in MiB.
#include <fstream>
#include <string>

namespace tftsr::test {

inline double resident_mib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kib = 0;
      status >> kib;
      return kib / 1024.0;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

}  // namespace tftsr::test
