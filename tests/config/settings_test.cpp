// Settings resolution: precedence flags > stdin > env > file > default,
// origins, the secrets-file permission check, endpoints and credentials.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "chorus/config/config.h"
#include "support/test_env.h"

namespace chorus::config {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// A fake process environment.
struct FakeEnv {
  std::map<std::string, std::string> vars;
  EnvLookup Lookup() const {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

// Every credential set in the environment.
FakeEnv WithCredentials() {
  return FakeEnv{{{"HOME", "/h"},
                  {"CHORUS_CLIENT_ID", "id"},
                  {"CHORUS_CLIENT_SECRET", "sec"},
                  {"CHORUS_TECH_LOGIN", "TECH_1@cpro.fr"},
                  {"CHORUS_TECH_PASSWORD", "pw"}}};
}

fs::path WriteConfig(const std::string& text, mode_t mode = 0600) {
  fs::path p = chorus::testing::TempDir() / "config.toml";
  std::ofstream(p) << text;
  ::chmod(p.c_str(), mode);
  return p;
}

TEST(Settings, DefaultsWhenNothingIsSet) {
  FakeEnv env{{{"HOME", "/home/u"}}};
  auto s = ResolveSettings({}, env.Lookup());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->env, "sandbox");
  EXPECT_FALSE(s->config_loaded);
  EXPECT_EQ(s->config_path, "/home/u/.config/chorus/config.toml");
  EXPECT_EQ(s->Value("journal"), "/home/u/.local/state/chorus/journal.db");
  EXPECT_EQ(s->Value("request_timeout"), "60s");
  EXPECT_EQ(s->Get("request_timeout").source, Source::kDefault);
  EXPECT_FALSE(s->Get("client_secret").set);
}

TEST(Settings, XdgFoldersAreHonoured) {
  FakeEnv env{{{"HOME", "/home/u"},
               {"XDG_CONFIG_HOME", "/x/conf"},
               {"XDG_STATE_HOME", "/x/state"}}};
  EXPECT_EQ(DefaultConfigPath(env.Lookup()), "/x/conf/chorus/config.toml");
  EXPECT_EQ(DefaultJournalPath(env.Lookup()), "/x/state/chorus/journal.db");
  // A relative XDG value is invalid per the spec and ignored.
  env.vars["XDG_CONFIG_HOME"] = "rel";
  EXPECT_EQ(DefaultConfigPath(env.Lookup()),
            "/home/u/.config/chorus/config.toml");
}

TEST(Settings, PrecedenceFlagOverEnvOverFileOverDefault) {
  fs::path cfg = WriteConfig(
      "env = \"local\"\n"
      "request_timeout = 5\n"
      "[env.local]\n"
      "url = \"https://127.0.0.1:1\"\n"
      "client_id = \"from-file\"\n"
      "tech_login = \"file-login\"\n"
      "cert = \"certs/client.pem\"\n"
      "[env.sandbox]\n"
      "client_id = \"sandbox-id\"\n");
  FakeEnv env{{{"HOME", "/home/u"},
               {"CHORUS_CONFIG", cfg.string()},
               {"CHORUS_CLIENT_ID", "from-env"},
               {"CHORUS_TECH_LOGIN", "env-login"}}};
  Overrides o;
  o.flags["client_id"] = "from-flag";
  auto s = ResolveSettings(o, env.Lookup());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(s->config_loaded);
  EXPECT_EQ(s->env, "local");
  EXPECT_EQ(s->Get("env").source, Source::kConfigFile);
  EXPECT_EQ(s->Value("client_id"), "from-flag");
  EXPECT_EQ(s->Get("client_id").origin, "--client-id");
  EXPECT_EQ(s->Value("tech_login"), "env-login");
  EXPECT_EQ(s->Get("tech_login").origin, "CHORUS_TECH_LOGIN");
  EXPECT_EQ(s->Value("url"), "https://127.0.0.1:1");
  EXPECT_EQ(s->Get("url").origin, cfg.string() + ":4");
  // Root-table values apply to every environment; integers are seconds.
  EXPECT_EQ(s->Value("request_timeout"), "5");
  // Relative paths in the file are relative to the file's folder.
  EXPECT_EQ(s->Value("cert"),
            (cfg.parent_path() / "certs/client.pem").string());

  o.flags["env"] = "sandbox";
  env.vars.erase("CHORUS_CLIENT_ID");
  o.flags.erase("client_id");
  auto sb = ResolveSettings(o, env.Lookup());
  ASSERT_TRUE(sb.ok()) << sb.error().message;
  EXPECT_EQ(sb->env, "sandbox");
  EXPECT_EQ(sb->Value("client_id"), "sandbox-id");
  EXPECT_FALSE(sb->Get("url").set);
}

TEST(Settings, SecretsFromStdinBeatEnvironment) {
  FakeEnv env{{{"HOME", "/h"}, {"CHORUS_CLIENT_SECRET", "env-secret"}}};
  Overrides o;
  o.from_stdin["client_secret"] = "stdin-secret";
  auto s = ResolveSettings(o, env.Lookup());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->Value("client_secret"), "stdin-secret");
  EXPECT_EQ(s->Get("client_secret").source, Source::kStdin);
}

TEST(Settings, NoSpecForASecretHasAFlag) {
  for (const auto& spec : SettingSpecs()) {
    if (spec.secret) {
      EXPECT_EQ(spec.flag, nullptr) << spec.key;
    }
  }
}

TEST(Settings, RefusesSecretsReadableByOthersWithTheChmodFix) {
  fs::path cfg =
      WriteConfig("[env.sandbox]\nclient_secret = \"s3cr3t-value\"\n", 0644);
  FakeEnv env{{{"HOME", "/h"}, {"CHORUS_CONFIG", cfg.string()}}};
  auto s = ResolveSettings({}, env.Lookup());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kUsage);
  EXPECT_THAT(s.error().message, HasSubstr("chmod 600 " + cfg.string()));
  EXPECT_THAT(s.error().message, HasSubstr("0644"));
  EXPECT_THAT(s.error().message, HasSubstr("client_secret"));
  EXPECT_THAT(s.error().message, ::testing::Not(HasSubstr("s3cr3t-value")));

  ::chmod(cfg.c_str(), 0640);
  EXPECT_FALSE(ResolveSettings({}, env.Lookup()).ok());
  ::chmod(cfg.c_str(), 0600);
  EXPECT_TRUE(ResolveSettings({}, env.Lookup()).ok());
  // Without secrets, a readable file is fine.
  fs::path open = WriteConfig("env = \"production\"\n", 0644);
  env.vars["CHORUS_CONFIG"] = open.string();
  EXPECT_TRUE(ResolveSettings({}, env.Lookup()).ok());
}

TEST(Settings, FileErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"env = \"local\"\nclientid = \"x\"\n", ":2: unknown key 'clientid'"},
      {"[env.staging]\n", ":1: unknown environment [env.staging]"},
      {"[proxy]\n", ":1: unknown table [proxy]"},
      {"[env.local]\njournal = \"/x\"\n", ":2: unknown key 'journal'"},
      {"[env.local]\nclient_id = 12\n", ":2: client_id must be a string"},
      {"request_timeout = true\n", ":1: request_timeout must be a string or an integer"},
      {"url = \"x\"\nurl = \"y\"\n", ":2: key url set twice"},
  };
  for (const auto& c : cases) {
    fs::path cfg = WriteConfig(c.text);
    FakeEnv env{{{"HOME", "/h"}, {"CHORUS_CONFIG", cfg.string()}}};
    auto s = ResolveSettings({}, env.Lookup());
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_THAT(s.error().message, HasSubstr(cfg.string() + c.expected))
        << c.text;
  }
}

TEST(Settings, ExplicitMissingFileIsAnErrorDefaultMissingIsNot) {
  FakeEnv env{{{"HOME", "/nonexistent-home"}}};
  EXPECT_TRUE(ResolveSettings({}, env.Lookup()).ok());
  Overrides o;
  o.flags["config"] = "/nonexistent/chorus.toml";
  auto s = ResolveSettings(o, env.Lookup());
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("/nonexistent/chorus.toml"));
  EXPECT_THAT(s.error().message, HasSubstr("--config"));
}

TEST(Settings, BadValuesNameTheirOrigin) {
  FakeEnv env{{{"HOME", "/h"}, {"CHORUS_ENV", "staging"}}};
  auto s = ResolveSettings({}, env.Lookup());
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("staging"));
  EXPECT_THAT(s.error().message, HasSubstr("CHORUS_ENV"));

  FakeEnv env2{{{"HOME", "/h"}, {"CHORUS_REQUEST_TIMEOUT", "10 parsecs"}}};
  auto t = ResolveSettings({}, env2.Lookup());
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.error().message, HasSubstr("CHORUS_REQUEST_TIMEOUT"));

  Overrides o;
  o.flags["retries"] = "0";
  auto r = ResolveSettings(o, FakeEnv{{{"HOME", "/h"}}}.Lookup());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("--retries"));
}

TEST(Duration, Units) {
  EXPECT_EQ(ParseDuration("90")->count(), 90'000);
  EXPECT_EQ(ParseDuration("90s")->count(), 90'000);
  EXPECT_EQ(ParseDuration("250ms")->count(), 250);
  EXPECT_EQ(ParseDuration("10m")->count(), 600'000);
  EXPECT_EQ(ParseDuration("2h")->count(), 7'200'000);
  for (const char* bad : {"", "s", "-1s", "1d", "1.5s", "99999999999999999h"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
}

TEST(Connection, EndpointsPerEnvironment) {
  FakeEnv env = WithCredentials();
  Overrides o;
  o.flags["env"] = "production";
  auto prod = ConnectionFor(*ResolveSettings(o, env.Lookup()));
  ASSERT_TRUE(prod.ok()) << prod.error().message;
  EXPECT_EQ(prod->endpoints.token_url,
            "https://oauth.piste.gouv.fr/api/oauth/token");
  EXPECT_EQ(prod->endpoints.api_base, "https://api.piste.gouv.fr");
  EXPECT_EQ(prod->credentials.tech_password, "pw");
  EXPECT_EQ(prod->http.total_timeout.count(), 60'000);

  o.flags["env"] = "sandbox";
  auto sb = ConnectionFor(*ResolveSettings(o, env.Lookup()));
  ASSERT_TRUE(sb.ok());
  EXPECT_EQ(sb->endpoints.token_url,
            "https://sandbox-oauth.piste.gouv.fr/api/oauth/token");
  EXPECT_EQ(sb->endpoints.api_base, "https://sandbox-api.piste.gouv.fr");

  o.flags["env"] = "local";
  auto no_url = ConnectionFor(*ResolveSettings(o, env.Lookup()));
  ASSERT_FALSE(no_url.ok());
  EXPECT_THAT(no_url.error().message, HasSubstr("CHORUS_URL"));
  o.flags["url"] = "https://127.0.0.1:9999/";
  o.flags["request_timeout"] = "2s";
  o.flags["retries"] = "2";
  auto local = ConnectionFor(*ResolveSettings(o, env.Lookup()));
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->endpoints.token_url,
            "https://127.0.0.1:9999/api/oauth/token");
  EXPECT_EQ(local->endpoints.api_base, "https://127.0.0.1:9999");
  EXPECT_EQ(local->http.total_timeout.count(), 2'000);
  EXPECT_EQ(local->retry.max_attempts, 2);
}

TEST(Connection, CredentialsGoOnlyOverHttpsOrToThisMachine) {
  FakeEnv env = WithCredentials();
  Overrides o;
  o.flags["env"] = "local";
  for (const char* url : {"http://example.org", "http://127.0.0.1.evil.org",
                          "http://localhost.evil.org:80"}) {
    o.flags["url"] = url;
    auto c = ConnectionFor(*ResolveSettings(o, env.Lookup()));
    ASSERT_FALSE(c.ok()) << url;
    EXPECT_THAT(c.error().message, HasSubstr("only sent over https")) << url;
    EXPECT_THAT(c.error().message, Not(HasSubstr("sec"))) << url;
  }
  for (const char* url : {"http://127.0.0.1:8080", "http://localhost",
                          "http://[::1]:9000/", "https://example.org"}) {
    o.flags["url"] = url;
    auto c = ConnectionFor(*ResolveSettings(o, env.Lookup()));
    EXPECT_TRUE(c.ok()) << url << ": " << c.error().message;
  }
}

TEST(Connection, MissingCredentialsAreListedWithHowToSetThem) {
  FakeEnv env{{{"HOME", "/h"}, {"CHORUS_CLIENT_ID", "id"}}};
  auto c = ConnectionFor(*ResolveSettings({}, env.Lookup()));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, Error::Kind::kUsage);
  ASSERT_EQ(c.error().details.size(), 3u);
  EXPECT_THAT(c.error().details[0].message, HasSubstr("CHORUS_CLIENT_SECRET"));
  EXPECT_THAT(c.error().details[0].message, HasSubstr("--secrets-stdin"));
  EXPECT_THAT(c.error().details[1].message, HasSubstr("--tech-login"));
}

TEST(ConfigFile, SaveIsPrivateAndReadsBack) {
  fs::path p = chorus::testing::TempDir() / "new" / "chorus" / "config.toml";
  TomlDocument doc;
  doc.tables[0].Set("env", std::string("local"));
  doc.GetOrAdd("env.local").Set("tech_password", std::string("pw"));
  ASSERT_TRUE(SaveConfigFile(p.string(), doc).ok());
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(p.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto back = LoadConfigFile(p.string());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<std::string>(
                back->Find("env.local")->Find("tech_password")->value),
            "pw");
}

}  // namespace
}  // namespace chorus::config
