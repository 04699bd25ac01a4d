#include "chorus/cli/cli.h"

int main(int argc, char** argv) { return chorus::cli::Main(argc, argv); }
