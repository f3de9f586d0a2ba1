#include "tests/bench/patterns/loghub_accuracy.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/patterns/line_splitter.h"

namespace tftsr::test {

namespace {
const char* const kDatasets[] = {"Android",   "Apache",  "BGL",     "HDFS",      "HPC",         "Hadoop",
                                 "HealthApp", "Linux",   "Mac",     "OpenSSH",   "OpenStack",   "Proxifier",
                                 "Spark",     "Thunderbird", "Windows", "Zookeeper"};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

std::vector<DatasetAccuracy> loghub_accuracy(const std::filesystem::path& dir, const patterns::MinerOptions& base,
                                             const AccuracyInspector& inspect) {
  std::vector<DatasetAccuracy> results;
  for (const char* name : kDatasets) {
    const std::string log = slurp(dir / (std::string(name) + "_2k.log"));
    std::vector<std::string> labels;
    {
      std::istringstream in(slurp(dir / (std::string(name) + "_2k.labels")));
      for (std::string l; std::getline(in, l);) labels.push_back(l);
    }
    patterns::MinerOptions options = base;
    options.record_lines = true;
    patterns::PatternMiner miner(options);
    patterns::LineSplitter lines(options.max_line_bytes);
    auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
    lines.feed(log, add);
    lines.finish(add);
    const auto report = miner.finish();
    if (report.line_templates.size() != labels.size())
      throw std::runtime_error(std::string(name) + ": " + std::to_string(report.line_templates.size()) +
                               " lines but " + std::to_string(labels.size()) + " labels");
    if (inspect) inspect(name, report, labels);
    std::map<std::string, std::size_t> event_size;
    for (const auto& l : labels) ++event_size[l];
    std::map<std::uint32_t, std::map<std::string, std::size_t>> groups;
    for (std::size_t i = 0; i < labels.size(); ++i) ++groups[report.line_templates[i]][labels[i]];
    std::size_t right = 0;
    for (const auto& [group, events] : groups)
      if (events.size() == 1 && event_size[events.begin()->first] == events.begin()->second)
        right += events.begin()->second;
    results.push_back({name, static_cast<double>(right) / static_cast<double>(labels.size()), groups.size(),
                       event_size.size()});
  }
  return results;
}

double average_accuracy(const std::vector<DatasetAccuracy>& results) {
  double sum = 0;
  for (const auto& r : results) sum += r.accuracy;
  return results.empty() ? 0 : sum / static_cast<double>(results.size());
}

}  // namespace tftsr::test
