#pragma once
// A deterministic, realistic mixed log (syslog, nginx, JSON, Java and Python traces, Kubernetes,
// journald) in which about 3% of the lines hold a value the detector must find.
#include <cstddef>
#include <string>

namespace tftsr::bench {

std::string generate_mixed_log(std::size_t target_bytes, unsigned seed = 42);

}  // namespace tftsr::bench
