// Runs a fuzz target without libFuzzer: over the given files, then over deterministic
// mutations of them (flipped, dropped, duplicated and inserted bytes, truncations). This is
// the part of fuzzing that fits in the test suite; tests/fuzz/run_fuzz.sh runs the real
// coverage-guided fuzzer with clang.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  int mutations = 0;
  std::vector<std::vector<std::uint8_t>> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mutations" && i + 1 < argc) {
      mutations = std::atoi(argv[++i]);
      continue;
    }
    std::ifstream in(a, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", a.c_str());
      return 1;
    }
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: replay [--mutations N] FILE...\n");
    return 1;
  }
  for (const auto& in : inputs) LLVMFuzzerTestOneInput(in.data(), in.size());
  std::mt19937 rng(20261127);
  for (int m = 0; m < mutations; ++m) {
    std::vector<std::uint8_t> d = inputs[rng() % inputs.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !d.empty(); ++e) {
      const std::size_t at = rng() % d.size();
      switch (rng() % 5) {
        case 0: d[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
        case 1: d[at] = static_cast<std::uint8_t>(rng()); break;
        case 2: d.erase(d.begin() + static_cast<long>(at)); break;
        case 3: d.insert(d.begin() + static_cast<long>(at), static_cast<std::uint8_t>(rng())); break;
        case 4: d.resize(at); break;
      }
    }
    LLVMFuzzerTestOneInput(d.data(), d.size());
  }
  std::printf("replayed %zu inputs and %d mutations without a crash\n", inputs.size(), mutations);
  return 0;
}
