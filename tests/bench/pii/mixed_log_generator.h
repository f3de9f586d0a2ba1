#pragma once
// A deterministic, realistic mixed log (syslog, nginx, JSON, Java and Python traces, Kubernetes,
// journald) in which about 3% of the lines hold a value the detector must find.
#include <cstddef>
#include <string>

namespace tftsr::bench {

// With `host_fields` false the clean syslog and kernel lines carry no host field, which the
// detector rightly reports as a Hostname on every such line: the mix then yields about a fifth of
// the findings (for the ~100k findings per 268 MB the storing targets are stated for).
std::string generate_mixed_log(std::size_t target_bytes, unsigned seed = 42, bool host_fields = true);

}  // namespace tftsr::bench
