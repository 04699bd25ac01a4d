// The official examples the benchmarks run on, read once from ../shared.
#ifndef CHORUS_BENCH_EXAMPLES_H_
#define CHORUS_BENCH_EXAMPLES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace chorus::bench {

// Every .xml file of conformance/en16931/<sub>, in name order.
inline std::vector<std::string> LoadExampleFolder(const char* sub) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  fs::path dir = fs::path(CHORUS_SHARED_DIR) / "conformance" / "en16931" / sub;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string ext = e.path().extension().string();
    if (ext == ".xml" || ext == ".XML") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

// The examples an ordinary invoice looks like (62: UBL then CII): all but
// the one of several megabytes (an embedded attachment), which would
// dominate any total.
inline const std::vector<std::string>& TypicalExamples() {
  static const auto docs = [] {
    std::vector<std::string> all = LoadExampleFolder("ubl-examples");
    for (auto& d : LoadExampleFolder("cii-examples")) {
      all.push_back(std::move(d));
    }
    std::erase_if(all, [](const std::string& d) { return d.size() > 1000000; });
    return all;
  }();
  return docs;
}

}  // namespace chorus::bench

#endif  // CHORUS_BENCH_EXAMPLES_H_
