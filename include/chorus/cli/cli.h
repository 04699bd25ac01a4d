// The command-line front end. Main() is the only place exceptions are caught
// and turned into exit codes:
//   0 ok, 1 invalid input / rejected, 2 usage or tool error,
//   3 network / platform unreachable.
#ifndef CHORUS_CLI_CLI_H_
#define CHORUS_CLI_CLI_H_

namespace chorus::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNetwork = 3;

int Main(int argc, char** argv);

}  // namespace chorus::cli

#endif  // CHORUS_CLI_CLI_H_
