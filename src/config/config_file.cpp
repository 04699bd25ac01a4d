// The configuration file on disk: reading it (refusing secrets others can
// read), checking its keys, and writing it with mode 0600.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "chorus/config/config.h"
#include "chorus/util/files.h"

namespace chorus::config {
namespace {

constexpr std::size_t kMaxConfigBytes = 1 << 20;

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::vector<std::string> SecretKeysIn(const TomlDocument& doc) {
  std::vector<std::string> found;
  for (const auto& table : doc.tables) {
    for (const auto& e : table.entries) {
      const SettingSpec* spec = FindSpec(e.key);
      if (spec && spec->secret &&
          std::find(found.begin(), found.end(), e.key) == found.end()) {
        found.push_back(e.key);
      }
    }
  }
  return found;
}

std::string KnownKeys(bool env_table) {
  std::string out = env_table ? "" : "env";
  for (const auto& s : SettingSpecs()) {
    if (env_table && !s.per_env) continue;
    out += (out.empty() ? "" : ", ") + std::string(s.key);
  }
  return out;
}

bool IsDurationOrCount(const std::string& key) {
  return key == "request_timeout" || key == "connect_timeout" ||
         key == "deadline" || key == "lookup_ttl" || key == "retries";
}

}  // namespace

Status CheckConfigDocument(const TomlDocument& doc, const std::string& path) {
  auto at = [&](int line) { return path + ":" + std::to_string(line) + ": "; };
  for (const auto& table : doc.tables) {
    bool is_env = table.name.rfind("env.", 0) == 0;
    if (!table.name.empty() && !is_env) {
      return MakeError(Error::Kind::kUsage,
                       at(table.line) + "unknown table [" + table.name +
                           "]: chorus reads the root table and "
                           "[env.production], [env.sandbox], [env.local]");
    }
    if (is_env) {
      std::string name = table.name.substr(4);
      const auto& envs = EnvironmentNames();
      if (std::find(envs.begin(), envs.end(), name) == envs.end()) {
        return MakeError(Error::Kind::kUsage,
                         at(table.line) + "unknown environment [" + table.name +
                             "]: use env.production, env.sandbox or env.local");
      }
    }
    for (const auto& e : table.entries) {
      const SettingSpec* spec = FindSpec(e.key);
      bool known =
          spec ? (!is_env || spec->per_env) : (!is_env && e.key == "env");
      if (!known) {
        return MakeError(
            Error::Kind::kUsage,
            at(e.line) + "unknown key '" + e.key + "' in " +
                (is_env ? "[" + table.name + "]" : "the root table") +
                " (known: " + KnownKeys(is_env) + ")");
      }
      bool is_string = std::holds_alternative<std::string>(e.value);
      bool is_int = std::holds_alternative<std::int64_t>(e.value);
      if (!is_string && !(is_int && IsDurationOrCount(e.key))) {
        return MakeError(
            Error::Kind::kUsage,
            at(e.line) + e.key + " must be a string" +
                (IsDurationOrCount(e.key) ? " or an integer" : "") +
                ", not a " + TomlTypeName(e.value));
      }
    }
  }
  return Ok{};
}

Result<TomlDocument> LoadConfigFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return TomlDocument{};
    return MakeError(Error::Kind::kUsage,
                     path + ": cannot open: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return MakeError(Error::Kind::kUsage, path + ": not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxConfigBytes) {
    ::close(fd);
    return MakeError(Error::Kind::kUsage,
                     path + ": too large for a configuration file");
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(got);

  auto doc = ParseToml(text, path);
  if (!doc) return doc.take_error();
  // Checked on the parsed document, so a commented-out secret is no reason
  // to refuse, and a file with no secret may be world-readable.
  auto secrets = SecretKeysIn(*doc);
  if (!secrets.empty() && (st.st_mode & 077) != 0) {
    std::string names;
    for (const auto& s : secrets) names += (names.empty() ? "" : ", ") + s;
    return MakeError(
        Error::Kind::kUsage,
        path + " holds secrets (" + names + ") but its mode is " +
            OctalMode(st.st_mode) +
            ": group or others can read it. chorus refuses to use it; fix "
            "with: chmod 600 " +
            path);
  }
  if (auto ok = CheckConfigDocument(*doc, path); !ok) return ok.take_error();
  return doc;
}

Status SaveConfigFile(const std::string& path, const TomlDocument& doc) {
  std::string text =
      "# chorus configuration (chorus config init). Keys: chorus config show;\n"
      "# precedence: flags > CHORUS_* variables > this file > defaults.\n" +
      WriteToml(doc);
  // Private, and so are the folders made for it: it may hold secrets.
  return WriteFileAtomically(path, text,
                             {.private_mode = true, .make_parents = true});
}

}  // namespace chorus::config
