#include "chorus/cli/cli.h"

#include <iostream>

namespace chorus::cli {

int Main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::cerr << "chorus: not yet wired\n";
  return kExitUsage;
}

}  // namespace chorus::cli
